"""From a path to checked text: existence, size, encoding, control characters.

Everything here is about the file as bytes and characters, before any YAML or
JSON parsing. Problems become InputErrors with a line and column where one is
known; a problem that repeats on many lines is reported for the first
``MAX_REPEATS`` lines and then summed up, so a binary file cannot flood the
terminal.
"""
from __future__ import annotations

import re
import stat
from pathlib import Path

from ..errors import InputError, InputErrors, make_error

BOM = b"\xef\xbb\xbf"  # UTF-8 byte-order mark, as Windows tools write it
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
MAX_REPEATS = 10
#: Characters YAML 1.2 does not allow in a stream (JSON allows none of them
#: either outside strings, nor unescaped inside them): C0 controls other than
#: tab, LF and CR; DEL; C1 controls other than NEL; U+FFFE and U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def read_bytes(path: Path, file: str, max_bytes: int) -> bytes:
    """The file's bytes, at most ``max_bytes`` of them, or InputErrors."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _one("file.not-found", file) from None
    except OSError as exc:  # a symlink loop, a permission problem, a name too long
        raise _one("file.unreadable", file, reason=exc.strerror or type(exc).__name__) from None
    if stat.S_ISDIR(info.st_mode):
        raise _one("file.is-directory", file)
    if not stat.S_ISREG(info.st_mode):  # a FIFO with no writer would block open() forever
        raise _one("file.not-regular", file)
    if info.st_size > max_bytes:
        raise _one("file.too-large", file, limit=max_bytes)
    try:
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)  # bounded: a FIFO or device has no size to trust
    except OSError as exc:
        raise _one("file.unreadable", file, reason=exc.strerror or type(exc).__name__) from None
    if len(raw) > max_bytes:
        raise _one("file.too-large", file, limit=max_bytes)
    return raw


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text without a byte-order mark, or InputErrors naming every bad line."""
    if raw.startswith(UTF16_BOMS):
        raise _one("file.utf16", file, line=1, column=1)
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputErrors(_utf8_errors(raw, file)) from None


def _utf8_errors(raw: bytes, file: str) -> list[InputError]:
    """One error per line holding invalid UTF-8 (a newline byte is never part of a
    multi-byte sequence, so lines can be decoded one by one)."""
    found, offset = [], 0
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            column = len(line[: exc.start].decode("utf-8", "replace")) + 1
            found.append(("file.not-utf8", number, column, {"byte": offset + exc.start}))
        offset += len(line) + 1
    return _capped(found, file)


def control_character_errors(text: str, file: str) -> list[InputError]:
    """One error per line holding a character no YAML or JSON file may hold."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _CONTROL.search(line)
        if match:
            char = f"U+{ord(match.group()):04X}"
            found.append(("file.control-character", number, match.start() + 1, {"char": char}))
    return _capped(found, file)


def tab_indentation_errors(text: str, file: str) -> list[InputError]:
    """Lines indented with a tab (YAML allows spaces only), once per line."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            found.append(("yaml.tab-indent", number, indent.index("\t") + 1, {}))
    return _capped(found, file)


def _capped(found: list, file: str) -> list[InputError]:
    errors = [make_error(code, file, line=line, column=column, **params)
              for code, line, column, params in found[:MAX_REPEATS]]
    if len(found) > MAX_REPEATS:
        errors.append(make_error("file.more-errors", file, line=found[MAX_REPEATS][1],
                                 count=len(found) - MAX_REPEATS))
    return errors


def _one(code: str, file: str, line=None, column=None, **params) -> InputErrors:
    return InputErrors([make_error(code, file, line=line, column=column, **params)])


#: Characters refused inside any string or key *after* unescaping (``"\u001b"`` in
#: JSON, ``"\e"`` in YAML): C0 controls other than tab, LF and CR; DEL; all C1
#: controls; the bidirectional controls that reorder what a terminal shows; and
#: lone surrogate halves (JSON ``"\ud800"``), which no UTF-8 writer can write.
#: Identifiers refuse tab, line breaks and U+2028/U+2029 as well (load/schema.py).
UNSAFE_IN_STRING = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                              "\u2066-\u2069\ud800-\udfff]")


#: Where an unsafe character can come from in a file's text: raw (C1, bidi: the file-level check
#: lets those through), or written as an escape (any backslash). A text without either cannot
#: hold one after parsing, so the walk over every string is skipped (most files).
_MAY_HIDE_UNSAFE = re.compile("[\\\\\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def may_hide_unsafe(content: str) -> bool:
    return _MAY_HIDE_UNSAFE.search(content) is not None


def char_name(char: str) -> str:
    return f"U+{ord(char):04X}"


def string_errors(document) -> list[InputError]:
    """An error for every string or key of the parsed document holding an unsafe
    character (UNSAFE_IN_STRING), at its path; no recursion, capped like the others."""
    found, more, stack = [], 0, [((), document.data)]

    def add(path, is_key, match):
        nonlocal more
        if len(found) < MAX_REPEATS:
            found.append((path, is_key, char_name(match.group())))
        else:
            more += 1

    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            match = UNSAFE_IN_STRING.search(item)
            if match:
                add(path, False, match)
        elif isinstance(item, dict):
            for key, value in reversed(list(item.items())):
                match = UNSAFE_IN_STRING.search(key) if isinstance(key, str) else None
                if match:
                    add(path + (key,), True, match)
                else:
                    stack.append((path + (key,), value))
        elif isinstance(item, list):
            stack.extend((path + (i,), v) for i, v in reversed(list(enumerate(item))))
    errors = [document.error("value.control-character", path, want_key=is_key, char=char)
              for path, is_key, char in found]
    if more:
        errors.append(make_error("errors.more", document.file, count=more))
    return errors
