"""Strict YAML reading: safe, typed by us, positions kept.

PyYAML's defaults are wrong for a compliance tool: duplicate keys silently keep
the last value, ``no`` becomes ``False`` and ``2025-02-30`` a crash or a date.
We let libyaml *compose* the node tree (fast, safe: no Python objects are ever
constructed from tags) and build plain Python values ourselves:

* only the JSON-like types: dict, list, str, int, float, bool, None;
* dates stay strings (the model parses them and reports impossible ones);
* ``yes``/``no``/``on``/``off`` stay strings (YAML 1.2 booleans only);
* duplicate keys, non-scalar keys, merge keys and unknown tags are errors;
* alias expansion and nesting depth are bounded (no "billion laughs").

The node tree is kept so that an error can be located later by JSON path.
"""
from __future__ import annotations

import re

import yaml

from ..errors import InputError, make_error

try:  # libyaml is much faster; the pure-Python composer behaves the same
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64
#: aliases may repeat nodes, but not explode: at most this many re-used nodes
#: beyond ten times the number of distinct nodes in the file.
MAX_ALIAS_EXPANSION = 10_000

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+|\.[0-9]+[eE][-+]?[0-9]+)$")
_MAX_DIGITS = 100
#: What libyaml would have resolved a scalar to without a tag; a different tag on the
#: node means the file wrote one (``!!int "acme"``, ``!!str 17``), and every tag is an error.
_RESOLVER = yaml.resolver.Resolver()
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


class _Abort(Exception):
    """Stop building: the document is unsafe to expand further."""


#: Parser events (a scalar, the start or end of a mapping or list, ...) a YAML file may have.
#: Composing PyYAML's node tree costs about 8 us and 400 bytes per event, so a 10 MB YAML file
#: of small values (1.5 million events) took 24-27 s and 650 MB; this bound keeps any YAML
#: file within a few seconds. A 35,000-actor policy or a dossier of 40,000 events fits; larger
#: exports are read as JSON (the same fields), whose parser has no such cost (docs/errors.md).
MAX_EVENTS = 250_000


def _too_many_events(text: str, limit: int) -> bool:
    """Whether the text has more than ``limit`` parser events: counted by libyaml's parser
    alone (about 1 us an event), stopping at the limit, before any node is composed."""
    count = 0
    for _ in yaml.parse(text, Loader=_Loader):
        count += 1
        if count > limit:
            return True
    return False


def compose_single(text: str, file: str, limit: int | None = None):
    """Compose exactly one YAML document; return (root node or None, errors).
    ``limit``: parser events allowed (default MAX_EVENTS)."""
    limit = MAX_EVENTS if limit is None else limit
    try:
        # events take about a character each at least (a key's implicit null shares the key's comma,
        # the stream and document events take none), so a text no longer than the limit is not
        # counted: it can only go past the limit by a few events
        if len(text) > limit and _too_many_events(text, limit):
            return None, [make_error("yaml.too-many-nodes", file, limit=limit)]
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if "nesting depth" in problem:  # libyaml >= 0.2.5 has its own depth limit (PyYAML 6.0.4 wheels)
            return None, [make_error("yaml.too-deep", file, line=line, column=column, limit=MAX_DEPTH)]
        return None, [make_error("yaml.syntax", file, line=line, column=column, problem=problem)]
    except RecursionError:
        return None, [make_error("yaml.too-deep", file, limit=MAX_DEPTH)]
    except yaml.YAMLError as exc:  # reader errors; control characters are caught before
        return None, [make_error("yaml.syntax", file, problem=type(exc).__name__)]
    if not nodes:
        return None, [make_error("file.empty", file)]
    if len(nodes) > 1:
        second = nodes[1].start_mark.line + 1
        return None, [make_error("yaml.multiple-documents", file, line=second, column=1, count=len(nodes))]
    return nodes[0], []


def explicit_scalar_tag(node) -> bool:
    """Whether a scalar carries a tag the file wrote (not the one libyaml resolved)."""
    if not isinstance(node, yaml.ScalarNode):
        return False
    plain = not node.style
    return node.tag != _RESOLVER.resolve(yaml.ScalarNode, node.value, (plain, not plain))


def scalar_value(node: yaml.ScalarNode):
    """Type a scalar the YAML 1.2 core way; everything unusual stays a string."""
    value = node.value
    if node.tag == _STD + "str" or node.style:  # quoted or block scalar (libyaml: plain style is "")
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value) and len(value) <= _MAX_DIGITS:
        return int(value)
    if _FLOAT.match(value) and len(value) <= _MAX_DIGITS:
        return float(value)
    return value  # a 5,000-digit "number" stays text: int() would refuse it


class _Builder:
    """Turn a composed node tree into plain values, collecting every problem."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[InputError] = []
        self.seen: set[int] = set()
        self.repeats = 0

    def error(self, code: str, node, path, **params) -> None:
        mark = node.start_mark
        self.errors.append(make_error(code, self.file, path, mark.line + 1, mark.column + 1, **params))

    def build(self, node, path=(), depth=1):  # the top level is level 1, as in JSON
        if depth > MAX_DEPTH:
            self.error("yaml.too-deep", node, None, limit=MAX_DEPTH)  # a 64-step path helps nobody
            raise _Abort
        self._count(node, path)
        if node.tag not in _ALLOWED_TAGS or explicit_scalar_tag(node):
            self.error("yaml.tag", node, path, tag=node.tag.replace(_STD, "!!", 1))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return scalar_value(node)

    def _count(self, node, path) -> None:
        key = id(node)
        if key in self.seen:
            self.repeats += 1
            if self.repeats > MAX_ALIAS_EXPANSION + 10 * len(self.seen):
                self.error("yaml.alias-bomb", node, None, limit=MAX_ALIAS_EXPANSION)
                raise _Abort
        else:
            self.seen.add(key)

    def _mapping(self, node, path, depth) -> dict:
        result: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == _STD + "merge":
                self.error("yaml.merge-key", key_node, path)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.error("yaml.complex-key", key_node, path)
                continue
            if key_node.tag not in _ALLOWED_TAGS or explicit_scalar_tag(key_node):
                self.error("yaml.tag", key_node, path, tag=key_node.tag.replace(_STD, "!!", 1))
                continue
            key = key_node.value
            if key in result:
                self.error("yaml.duplicate-key", key_node, path + (key,), key=key, first_line=first_line[key])
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result


def build_value(root, file: str):
    """Plain Python value of a composed document, and the problems found."""
    builder = _Builder(file)
    try:
        value = builder.build(root)
    except _Abort:
        value = None
    except RecursionError:
        builder.errors.append(make_error("yaml.too-deep", file, limit=MAX_DEPTH))
        value = None
    return value, builder.errors


def locate(root, path, want_key: bool = False):
    """(line, column) of the deepest node on ``path`` (1-based), or (None, None).

    With ``want_key`` the position of the last mapping key itself is given,
    which is where an unknown or misspelled field should be pointed at.
    """
    node, found = root, None
    if node is None:
        return None, None
    found = node.start_mark
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(part)), None)
            if match is None:
                break
            node = match[1]
            found = match[0].start_mark if (last and want_key) else node.start_mark
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            found = node.start_mark
        else:
            break
    return found.line + 1, found.column + 1
