"""One error type for every input problem.

An :class:`InputError` is data, like a finding: a message code with parameters,
the file, a position and a JSON path into the document. It is rendered (in
Dutch or English) by the CLI, never printed where it is raised. Loaders collect
all problems of a file and raise them together as :class:`InputErrors`, so the
user sees every mistake at once instead of fixing them one run at a time.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable, Sequence

PathPart = "str | int"


def json_path(path: Sequence[str | int]) -> str:
    """Render a path as ``$.events[3].date``."""
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.replace("_", "").replace("-", "").isalnum():
            out += f".{part}"
        else:
            out += f"[{part!r}]"
    return out


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest known name to a misspelled one, or None."""
    if not isinstance(word, str):
        return None
    matches = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return matches[0] if matches else None


@dataclass(frozen=True)
class InputError:
    """A problem with an input file: where it is and what is wrong.

    ``code`` names a message in the catalogue (``checker/messages.yaml``);
    ``params`` fill its placeholders. ``hint`` is a did-you-mean suggestion.
    """

    code: str
    file: str
    path: tuple = ()
    line: int | None = None
    column: int | None = None
    params: tuple = ()
    hint: str | None = None

    @property
    def json_path(self) -> str:
        return json_path(self.path)

    def param_dict(self) -> dict:
        return dict(self.params)

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.json_path, self.code)

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.json_path,
            "params": self.param_dict(),
            "hint": self.hint,
        }


def make_error(code: str, file: str, path=(), line=None, column=None, hint=None, **params) -> InputError:
    return InputError(code=code, file=file, path=tuple(path), line=line, column=column,
                      params=tuple(sorted(params.items())), hint=hint)


@dataclass
class InputErrors(Exception):
    """All problems found in one or more input files."""

    errors: list = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(f"{len(self.errors)} input error(s)")
        self.errors = sorted(set(self.errors), key=InputError.sort_key)

    def __str__(self) -> str:  # useful in tests and --debug
        from .messages import render_error

        return "\n".join(render_error(e, "en") for e in self.errors)
