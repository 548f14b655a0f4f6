"""``--format json``: one object per subject, an array for several. Shape: docs/json-output.md."""
from __future__ import annotations

import json

from .render import result_to_dict


def report(results, stream, lang: str) -> None:
    objects = [result_to_dict(r, lang) for r in results]
    payload = objects[0] if len(objects) == 1 else objects
    json.dump(payload, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
