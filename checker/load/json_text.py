"""Strict JSON: no duplicate keys, no NaN or Infinity, bounded nesting.

The ``json`` module parses; lines for errors it cannot place itself come from
the YAML composer (JSON is YAML flow syntax), asked only when an error needs one.
"""
from __future__ import annotations

import json
import re

from ..errors import InputError, InputErrors, make_error
from . import strict_yaml


class _DuplicateKey(Exception):
    pass


class _Constant:
    """Stands in for NaN / Infinity while parsing, so each can be reported at its path."""

    def __init__(self, name: str) -> None:
        self.name = name
        _placeholders_made[0] += 1


_placeholders_made = [0]  # placeholders of the last parse (one parse at a time: the CLI reads files in turn)


class _Huge:
    """Stands in for a number too long to be a plausible value (Python's int() refuses
    more than 4,300 digits, and a float like 1e999 would silently become infinity)."""

    name = "huge"


MAX_DIGITS = 100


def _huge() -> _Huge:
    _placeholders_made[0] += 1
    return _Huge()


def _int(text: str):
    return _huge() if len(text) > MAX_DIGITS else int(text)


def _float(text: str):
    if len(text) > MAX_DIGITS:
        return _huge()
    value = float(text)
    return _huge() if value in (float("inf"), float("-inf")) else value


def _no_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def parse_json(text: str, file: str):
    """Plain data of a JSON text; raise InputErrors for every problem found."""
    if not text.strip():
        raise InputErrors([make_error("file.empty", file)])
    _placeholders_made[0] = 0
    marks, empty = bracket_marks(text)
    containers = marks.count("[") + marks.count("{") + empty
    if containers > MAX_CONTAINERS:  # before parsing: the parsed lists and objects are what costs memory
        raise InputErrors([make_error("json.too-many-containers", file, limit=MAX_CONTAINERS, count=containers)])
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_Constant, parse_int=_int,
                          parse_float=_float)
    except json.JSONDecodeError as exc:
        raise InputErrors([make_error("json.syntax", file, line=exc.lineno, column=exc.colno,
                                      problem=exc.msg)]) from None
    except _DuplicateKey as exc:
        raise InputErrors(_duplicate_errors(text, file, str(exc))) from None
    except RecursionError:
        raise InputErrors([_too_deep(text, file)]) from None
    if marks_depth(marks) > strict_yaml.MAX_DEPTH:
        raise InputErrors([_too_deep(text, file)])
    return data


#: Lists and objects a JSON file may hold. Parsed, each costs 60-250 bytes: a 9.7 MB file of
#: 80,000 items each nested 60 deep (4.8 million lists) took 9-11 s and 540-575 MB. Counted
#: in the text before parsing. Real exports hold far fewer: a 190,000-actor policy has about
#: 190,000 (docs/errors.md).
MAX_CONTAINERS = 1_000_000


_EMPTY_CONTAINER = re.compile(r"\[\s*\]|\{\s*\}")
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_NESTING = {"[": 1, "{": 1, "]": -1, "}": -1}


def bracket_marks(text: str) -> tuple:
    """(the text's brackets outside strings with empty containers taken out, as they count as
    scalars for the depth; how many empty containers there were)."""
    bare, empty = _EMPTY_CONTAINER.subn("0", _STRING.sub("0", text))  # strings (and a key's colon) out
    return _NOT_BRACKET.sub("", bare), empty


def marks_depth(marks: str) -> int:
    """The nesting depth from :func:`bracket_marks`: the deepest nesting plus one."""
    from itertools import accumulate

    return max(accumulate(map(_NESTING.__getitem__, marks))) + 1 if marks else 1


def text_depth(text: str) -> int:
    """Nesting depth of the data of a valid JSON text (a scalar is one level, each container's
    children one level deeper than it), read from the text: strings and empty containers
    become scalars, then the deepest bracket nesting plus one. The same number as walking the
    parsed data (a property test checks it), with the work done by the regular expression
    engine instead of a Python loop over every container (review: 80,000 items each nested
    60 deep made 4.8 million containers, and that walk took 4 s of 11)."""
    return marks_depth(bracket_marks(text)[0])  # the marks are a string, not a list: 1 byte a bracket


def _too_deep(text: str, file: str) -> InputError:
    """The too-deep error at the first bracket beyond the limit (found by a string-aware scan)."""
    level, in_string, escaped = 0, False, False
    for offset, char in enumerate(text):
        if in_string:  # brackets inside strings do not count
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            level += 1
            if level > strict_yaml.MAX_DEPTH:
                line = text.count("\n", 0, offset) + 1
                return make_error("yaml.too-deep", file, line=line, column=offset - text.rfind("\n", 0, offset),
                                  limit=strict_yaml.MAX_DEPTH)
        elif char in "]}":
            level -= 1
    return make_error("yaml.too-deep", file, limit=strict_yaml.MAX_DEPTH)


def constant_paths(data) -> list[tuple]:
    """(path, name) of every NaN / Infinity / huge-number placeholder, in document order
    (the parse hooks count them: a file without any is not walked)."""
    if not _placeholders_made[0]:
        return []
    found, stack = [], [((), data)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, (_Constant, _Huge)):
            found.append((path, item.name))
        elif isinstance(item, dict):
            stack.extend((path + (k,), v) for k, v in reversed(list(item.items())))
        elif isinstance(item, list):
            stack.extend((path + (i,), v) for i, v in reversed(list(enumerate(item))))
    return found


_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


#: A JSON string followed by a colon: a key. libyaml refuses a key of more than 1,024 characters.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"(\s*:)?', re.S)  # from the text's start: in step with JSON's strings
_LONG_RUN = re.compile(r'[^"]{1000}')
#: Characters YAML counts as line breaks but JSON does not (inside strings they are content).
_YAML_ONLY_BREAKS = str.maketrans({"\u2028": " ", "\u2029": " ", "\x85": " ", "\t": " "})


def _short_key(match) -> str:
    """A long key as a short one, the colon right after it and the saved length as spaces
    after the colon, so everything after the key stays in its column."""
    token = match.group()
    if match.group(1) is None or len(token) < 1000 or "\n" in token:
        return token
    short = f'"_long_key_{match.start()}":'
    return short + " " * (len(token) - len(short))


def composable(text: str) -> str:
    """JSON text the YAML composer accepts, with every character in the same place: tabs
    become spaces; U+2028, U+2029 and NEL, line breaks to YAML but not to JSON, become
    spaces too (else every later line would be off); escaped surrogate halves (an emoji
    as ``\\ud83d\\ude00``, which libyaml refuses) become ``\\u0041``; a key longer than
    libyaml's 1,024-character limit becomes a short placeholder (an error about that key
    points at its object). Only positions are read from the result."""
    text = _SURROGATE.sub(r"\\u0041", text.translate(_YAML_ONLY_BREAKS))
    return _STRING.sub(_short_key, text) if _LONG_RUN.search(text) else text


def _duplicate_errors(text: str, file: str, key: str) -> list[InputError]:
    """Every duplicate key, located through the YAML composer, which knows lines."""
    root, errors = strict_yaml.compose_single(composable(text), file)
    if any(e.code == "yaml.too-many-nodes" for e in errors):  # too large to compose for lines: no line then
        return [make_error("yaml.duplicate-key", file, key=key, first_line="?")]
    if not errors:
        _, errors = strict_yaml.build_value(root, file)
        errors = [e for e in errors if e.code == "yaml.duplicate-key"]
    return errors or [make_error("yaml.duplicate-key", file, key=key, first_line="?")]


#: Where a JSON value or key starts: a string, an opening bracket, a number or a literal.
#: Outside strings JSON holds nothing else that could match, and a string is consumed
#: whole from its opening quote, so the matches are exactly the document's tokens in order.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{\[]|-?Infinity|-?[0-9][0-9.eE+\-]*|true|false|null|NaN', re.S)


class JsonPositions:
    """Line and column of any path in a parsed JSON text, from the text itself.

    One regular-expression pass records where every token starts (8 bytes each), in
    document order: a container, then for an object each key followed by its value.
    A path is turned into a token number by counting the tokens of the siblings
    before it (per container once, then cached), so finding many positions is linear
    in the file, never quadratic. Nothing here can fail on long keys, and only
    ``\\n`` ends a line (U+2028 does not, as in JSON).
    """

    def __init__(self, text: str, data) -> None:
        from array import array

        self.data = data
        self.starts = array("q", (m.start() for m in _TOKEN.finditer(text)))
        self.newlines = array("q", (m.start() for m in re.finditer("\n", text)))
        self._offsets: dict = {}  # id(container) -> (container, child offsets)

    def _children(self, container):
        """Token offsets of each child (list: by index; object: key -> offset of the key)."""
        cached = self._offsets.get(id(container))
        if cached is not None and cached[0] is container:
            return cached[1]
        offset = 1
        if isinstance(container, dict):
            children = {}
            for key, value in container.items():
                children[key] = offset
                offset += 1 + token_count(value)
        else:
            children = []
            for value in container:
                children.append(offset)
                offset += token_count(value)
        self._offsets[id(container)] = (container, children)
        return children

    def locate(self, path, want_key: bool = False) -> tuple:
        from bisect import bisect_left

        index, node = 0, self.data
        for i, part in enumerate(path):
            if isinstance(node, dict) and part in node:
                key_index = index + self._children(node)[part]
                index = key_index if (want_key and i == len(path) - 1) else key_index + 1
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                index += self._children(node)[part]
                node = node[part]
            else:
                break
        if index >= len(self.starts):
            return None, None
        offset = self.starts[index]
        line = bisect_left(self.newlines, offset)  # newlines before the offset
        column = offset - (self.newlines[line - 1] if line else -1)
        return line + 1, column


def token_count(value) -> int:
    """How many tokens (see _TOKEN) the JSON text of ``value`` has; no recursion."""
    count, stack = 0, [value]
    while stack:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            count += len(item)  # the keys
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count
