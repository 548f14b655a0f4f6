"""Read one input file (YAML or JSON) into a :class:`Document`.

Every check that does not need the schema happens here: size, encoding,
tab indentation, YAML syntax, one document per file, duplicate keys. The
result keeps enough of the parse to point an error at a line later.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, InputErrors, make_error
from . import strict_yaml

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
JSON_SUFFIXES = {".json"}


@dataclass
class Document:
    """A parsed input file: its plain data and a way back to line numbers."""

    file: str
    data: Any
    _root: Any = field(default=None, repr=False)
    _text: str | None = field(default=None, repr=False)

    def position(self, path, want_key: bool = False) -> tuple:
        """(line, column) of ``path`` in the file, or (None, None)."""
        if self._root is None and self._text is not None:
            # JSON: compose lazily (JSON is YAML flow syntax) only when an error needs a line
            root, errors = strict_yaml.compose_single(self._text.replace("\t", " "), self.file)
            self._root = root if not errors else False
            self._text = None
        if not self._root:
            return None, None
        return strict_yaml.locate(self._root, tuple(path), want_key)

    def error(self, code: str, path=(), want_key: bool = False, hint=None, **params) -> InputError:
        """An InputError at ``path`` in this document."""
        line, column = self.position(path, want_key)
        return make_error(code, self.file, path, line, column, hint=hint, **params)


def display_name(path: Path) -> str:
    """A path as the user gave it: relative where possible, never resolved."""
    try:
        return os.path.relpath(path)
    except ValueError:  # other drive on Windows
        return str(path)


def read_text(path: Path, file: str, max_bytes: int) -> str:
    """File contents as text, or InputErrors for size and encoding problems."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputErrors([make_error("file.not-found", file)]) from None
    except OSError as exc:
        raise InputErrors([make_error("file.unreadable", file, reason=exc.strerror or str(exc))]) from None
    if path.is_dir():
        raise InputErrors([make_error("file.is-directory", file)])
    if size > max_bytes:
        raise InputErrors([make_error("file.too-large", file, size=size, limit=max_bytes)])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputErrors([make_error("file.unreadable", file, reason=exc.strerror or str(exc))]) from None
    if raw.startswith(b"\xef\xbb\xbf"):  # UTF-8 byte-order mark, as Windows tools write it
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputErrors([make_error("file.not-utf8", file, line=line, byte=exc.start)]) from None


def tab_indentation_errors(text: str, file: str) -> list[InputError]:
    """YAML forbids tabs for indentation; say so plainly, once per line."""
    errors = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            errors.append(make_error("yaml.tab-indent", file, line=number, column=indent.index("\t") + 1))
    return errors


def load_document(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Parse a YAML or JSON file strictly; raise InputErrors with every problem."""
    path = Path(path)
    file = display_name(path)
    text = read_text(path, file, max_bytes)
    if path.suffix.lower() in JSON_SUFFIXES:
        return _load_json(text, file)
    return _load_yaml(text, file)


def _load_yaml(text: str, file: str) -> Document:
    errors = tab_indentation_errors(text, file)
    if errors:
        raise InputErrors(errors)
    root, errors = strict_yaml.compose_single(text, file)
    if errors:
        raise InputErrors(errors)
    data, errors = strict_yaml.build_value(root, file)
    if errors:
        raise InputErrors(errors)
    return Document(file=file, data=data, _root=root)


class _DuplicateKey(Exception):
    pass


def _no_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _load_json(text: str, file: str) -> Document:
    if not text.strip():
        raise InputErrors([make_error("file.empty", file)])
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputErrors([make_error("json.syntax", file, line=exc.lineno, column=exc.colno, problem=exc.msg)]) from None
    except _DuplicateKey as exc:
        raise InputErrors(_json_duplicate_errors(text, file, str(exc))) from None
    except RecursionError:
        raise InputErrors([make_error("yaml.too-deep", file, limit=strict_yaml.MAX_DEPTH)]) from None
    except ValueError as exc:  # NaN / Infinity
        raise InputErrors([make_error("json.syntax", file, problem=str(exc))]) from None
    if _depth(data) > strict_yaml.MAX_DEPTH:
        raise InputErrors([make_error("yaml.too-deep", file, limit=strict_yaml.MAX_DEPTH)])
    return Document(file=file, data=data, _text=text)


def _reject_constant(name: str):
    raise ValueError(f"JSON constant {name} is not allowed")


def _json_duplicate_errors(text: str, file: str, key: str) -> list[InputError]:
    """Locate duplicate keys through the YAML composer, which knows lines."""
    root, errors = strict_yaml.compose_single(text.replace("\t", " "), file)
    if not errors:
        _, errors = strict_yaml.build_value(root, file)
        errors = [e for e in errors if e.code == "yaml.duplicate-key"]
    return errors or [make_error("yaml.duplicate-key", file, key=key, first_line="?")]


def _depth(value) -> int:
    """Nesting depth of plain data, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > strict_yaml.MAX_DEPTH:
            return level
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest
