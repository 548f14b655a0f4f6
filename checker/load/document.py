"""Read one input file (YAML or JSON) into a :class:`Document`.

Every check that does not need the schema happens here or in the modules it
calls: size, encoding, control characters, tab indentation, YAML or JSON
syntax, one document per file, duplicate keys, NaN, alias bombs, nesting. The
result keeps enough of the parse to point an error at a line later.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, InputErrors, make_error, new_suggestion_budget
from . import json_text, strict_yaml, text

from .limits import (  # noqa: F401 (re-exported: callers import them from here)
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ERRORS,
    MAX_MAX_BYTES,
    MAX_MAX_ERRORS,
    set_max_errors,
)
from .limits import max_errors as current_max_errors
JSON_SUFFIXES = {".json"}


@dataclass
class Document:
    """A parsed input file: its plain data and a way back to line numbers."""

    file: str
    data: Any
    max_errors: int = DEFAULT_MAX_ERRORS
    _root: Any = field(default=None, repr=False)
    _text: str | None = field(default=None, repr=False)
    _json: Any = field(default=None, repr=False)

    def position(self, path, want_key: bool = False) -> tuple:
        """(line, column) of ``path`` in the file, or (None, None)."""
        if self._text is not None:
            # JSON: positions from the JSON text itself, indexed lazily when an error needs a line
            self._json = json_text.JsonPositions(self._text, self.data)
            self._text = None
        if self._json is not None:
            return self._json.locate(tuple(path), want_key)
        if not self._root:
            return None, None
        return strict_yaml.locate(self._root, tuple(path), want_key)

    def error(self, code: str, path=(), want_key: bool = False, hint=None, **params) -> InputError:
        """An InputError at ``path`` in this document."""
        line, column = self.position(path, want_key)
        return make_error(code, self.file, path, line, column, hint=hint, **params)


def display_name(path: Path) -> str:
    """A path as the user gave it; an absolute path inside the working directory is shown
    relative to it (never as ``../../x``), and nothing is resolved."""
    if not path.is_absolute():
        return str(path)
    try:
        relative = os.path.relpath(path)
    except ValueError:  # other drive on Windows
        return str(path)
    return str(path) if relative.startswith(os.pardir) else relative


def read_text(path: Path, file: str, max_bytes: int) -> str:
    """File contents as checked text, or InputErrors for every byte-level problem."""
    content = text.decode(text.read_bytes(path, file, max_bytes), file)
    errors = text.control_character_errors(content, file)
    if errors:
        raise InputErrors(errors)
    return content


STDIN = "-"
STDIN_NAME = "<stdin>"


def read_stdin(max_bytes: int) -> str:
    """Standard input as checked text (bounded like a file)."""
    import sys

    raw = sys.stdin.buffer.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise InputErrors([make_error("file.too-large", STDIN_NAME, limit=max_bytes)])
    content = text.decode(raw, STDIN_NAME)
    errors = text.control_character_errors(content, STDIN_NAME)
    if errors:
        raise InputErrors(errors)
    return content


def load_document(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES,
                  max_errors: int | None = None) -> Document:
    """Parse a YAML or JSON file strictly; raise InputErrors with every problem.

    ``-`` reads standard input: JSON when its first non-blank character is ``{``, else YAML.
    """
    new_suggestion_budget()  # did-you-mean is bounded per file
    if str(path) == STDIN:
        file = STDIN_NAME
        content = read_stdin(max_bytes)
        if not content.strip():
            raise InputErrors([make_error("file.empty", STDIN_NAME)])
        as_json = content.lstrip().startswith("{")
    else:
        path = Path(path)
        file = display_name(path)
        content = read_text(path, file, max_bytes)
        as_json = path.suffix.lower() in JSON_SUFFIXES
    document = _load_json(content, file) if as_json else _load_yaml(content, file)
    document.max_errors = max_errors or current_max_errors()
    errors = text.string_errors(document) if text.may_hide_unsafe(content) else []
    if errors:
        raise InputErrors(errors)
    return document


def _load_yaml(content: str, file: str) -> Document:
    root, errors = strict_yaml.compose_single(content, file)
    if errors and errors[0].code == "yaml.syntax":
        # libyaml stops at the first tab with a vague message; name every tab-indented line instead
        errors = text.tab_indentation_errors(content, file) or errors
    if errors:
        raise InputErrors(errors)
    data, errors = strict_yaml.build_value(root, file)
    if errors:
        raise InputErrors(errors)
    return Document(file=file, data=data, _root=root)


def _load_json(content: str, file: str) -> Document:
    data = json_text.parse_json(content, file)
    document = Document(file=file, data=data, _text=content)
    constants = json_text.constant_paths(data)
    if constants:
        raise InputErrors([document.error("json.huge-number", path, limit=json_text.MAX_DIGITS) if name == "huge"
                           else document.error("json.constant", path, value=name) for path, name in constants])
    return document
