"""``--format json``: one object per subject, an array for several. Shape: docs/json-output.md."""
from __future__ import annotations

import json

from .render import result_to_dict


def report(results, stream, lang: str, many: bool | None = None) -> None:
    """``many``: print an array even for one result (the user named several files)."""
    objects = [result_to_dict(r, lang) for r in results]
    if many is None:
        many = len(objects) != 1
    payload = objects if many else objects[0]
    json.dump(payload, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
