"""JSON Schema validation that speaks the user's language.

jsonschema finds the problems; this module turns each into an InputError with
the file line, a JSON path, a message code and, for a misspelled name, a
did-you-mean. Every error is kept (not just the first), sorted by position.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from ..errors import InputError, did_you_mean, is_token
from . import fast


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    """A schema shipped in ``checker/schemas/<name>.schema.json``."""
    text = resources.files("checker").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


#: After a file's --max-errors errors, the rest are only counted, up to this many
#: (counting means validating, so it is bounded too: "more than 1000" beyond it).
MAX_COUNTED = 1_000
#: Characters refused in an identifier (``x-expected: identifier``) besides those refused
#: in every string (load/text.py): tab, line breaks, NEL and the Unicode line and paragraph separators.
_BAD_IN_IDENTIFIER = re.compile("[\t\n\r\x85\u2028\u2029]")


def _true_end_pattern(validator, pattern, instance, schema):
    """``pattern`` with ``$`` anchored at the true end of the text: Python's ``$`` also
    matches before a final newline, so ``"2025-01-06\n"`` passed as a date."""
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=256)
def _compiled(pattern: str):
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _identifier_characters(validator, expected, instance, schema):
    """An identifier holds no tab, line break or line separator (shown as ``U+000A``)."""
    from jsonschema.exceptions import ValidationError

    if expected == "identifier" and isinstance(instance, str):
        match = _BAD_IN_IDENTIFIER.search(instance)
        if match:
            yield ValidationError("control character", validator="x-identifier",
                                  validator_value=f"U+{ord(match.group()):04X}")


@lru_cache(maxsize=1)
def _validator_class():
    from jsonschema import Draft202012Validator, validators  # imported where needed: keeps start-up fast

    return validators.extend(Draft202012Validator, {"pattern": _true_end_pattern,
                                                    "x-expected": _identifier_characters})


@lru_cache(maxsize=None)
def validator_for(name: str):
    schema = load_schema(name)
    cls = _validator_class()
    cls.check_schema(schema)
    return cls(inline_refs(schema))


def inline_refs(schema: dict) -> dict:
    """The schema with every local ``$ref`` to ``#/$defs/...`` replaced by the definition.

    Same meaning (a ``$ref`` with other keywords beside it becomes an ``allOf``), but
    jsonschema no longer resolves a reference for every value it checks: profiled on
    3,000 valid events, validation took 4.5 s with references and 1.9 s inlined.
    Our schemas have no recursive definitions; one would be left as a reference.
    """
    defs = schema.get("$defs", {})

    def inline(node, seen: tuple):
        if isinstance(node, list):
            return [inline(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and ref[8:] in defs and ref not in seen:
            target = inline(defs[ref[8:]], seen + (ref,))
            rest = {key: inline(value, seen) for key, value in node.items() if key != "$ref"}
            return {"allOf": [target], **rest} if rest else target
        return {key: inline(value, seen) for key, value in node.items()}

    return inline(schema, ())


def validate(document, schema_name: str) -> list[InputError]:
    """The schema problems of ``document`` as InputErrors (empty when valid): the first
    ``document.max_errors`` of them, then one ``errors.more`` counting the rest. A document
    the compiled validator accepts is valid (the common case, fast); only a rejected one goes
    through the detailed validator for its messages."""
    if fast.worth_it(schema_name, document.data) and fast.is_valid(document.data, schema_name):
        return []
    return _capped(document, validator_for(schema_name).iter_errors(document.data))



def _capped(document, found) -> list[InputError]:
    """Convert errors until the file's cap; count the rest (bounded) without keeping them."""
    limit = getattr(document, "max_errors", None) or 100
    errors, more = [], 0
    for error in found:
        if len(errors) < limit:
            errors.extend(_convert(document, error))
            continue
        more += 1
        if more > MAX_COUNTED:
            break
    errors = _merge_misspellings(errors)
    if more:
        errors.append(more_errors(document.file, more))
    return errors


def more_errors(file: str, count: int) -> InputError:
    """The line that says how many errors of a file were not shown."""
    from ..errors import make_error

    if count > MAX_COUNTED:
        return make_error("errors.more-than", file, count=MAX_COUNTED)
    return make_error("errors.more", file, count=count)


def _merge_misspellings(errors: list[InputError]) -> list[InputError]:
    """A misspelled required field is one mistake, not two: keep the unknown-field
    error (it points at the line and suggests the right name) and drop the
    "required field missing" error that suggests the misspelling."""
    unknown = {(e.path[:-1], e.param_dict()["field"], e.hint) for e in errors
               if e.code == "schema.unknown-field"}
    return [e for e in errors if not (
        e.code == "schema.required" and (e.path, e.hint, e.param_dict()["field"]) in unknown)]


def validate_part(document, schema: dict, path: tuple) -> list[InputError]:
    """Validate the value at ``path`` of a document against an inline schema.

    Used for a rule's ``params``, whose schema belongs to the rule's kind.
    """
    value = document.data
    for part in path:
        value = value[part]

    def located():
        for error in _validator_class()(schema).iter_errors(value):
            error.path.extendleft(reversed(path))
            yield error

    return _capped(document, located())


def _type_name(value) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer",
            float: "number", type(None): "null"}.get(type(value), type(value).__name__)


def _expected(error) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    if "x-expected" in schema:
        return schema["x-expected"]
    if error.validator == "type":
        value = error.validator_value
        return " | ".join(value) if isinstance(value, list) else value
    return str(error.validator_value)


def _convert(document, error) -> list[InputError]:
    """One jsonschema error as one or more InputErrors."""
    path = tuple(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        known = error.schema.get("properties", {})
        # suggest only a key the schema does not know: a valid neighbour is no misspelling
        present = [k for k in error.instance if isinstance(k, str) and k not in known]
        return [document.error("schema.required", path, field=name,
                               hint=did_you_mean(name, present)) for name in missing]
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in known]
        return [document.error("schema.unknown-field", path + (key,), want_key=True, field=key,
                               allowed=", ".join(known), hint=did_you_mean(key, known)) for key in extra]
    if kind == "enum":
        choices = [str(c) for c in error.validator_value]
        return [document.error("schema.enum", path, got=_describe(error.instance), allowed=", ".join(choices),
                               hint=did_you_mean(str(error.instance), choices))]
    if kind in ("anyOf", "oneOf") and isinstance(error.instance, list):
        items = _item_errors(error)
        if items:  # a list of the right shape with bad items: name each bad item
            return [e for item in items for e in _convert(document, item)]
    if kind == "x-identifier":
        return [document.error("value.control-in-identifier", path, char=error.validator_value)]
    if kind == "pattern" and isinstance(error.instance, str) and _BAD_IN_IDENTIFIER.search(error.instance) \
            and error.parent is None and _is_identifier(error.schema):
        return []  # value.control-in-identifier says it better, at the same place
    if kind in ("type", "anyOf", "oneOf", "pattern", "format"):
        code = "schema.pattern" if kind in ("pattern", "format") else "schema.type"
        return [document.error(code, path, expected=_expected(error), got=_describe(error.instance))]
    code, params = _constraint(error)
    return [document.error(code, path, **params)]


def _is_identifier(schema) -> bool:
    return isinstance(schema, dict) and schema.get("x-expected") == "identifier"


def _item_errors(error) -> list:
    """For a list that failed every alternative: the errors of the alternative that
    accepted the list itself but not some of its items (``by: [null, 17, lg-1]``)."""
    by_branch: dict = {}
    for sub in error.context or ():
        by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
    for subs in by_branch.values():
        if subs and all(len(sub.relative_path) > 0 for sub in subs):
            return subs
    return []


def _constraint(error) -> tuple[str, dict]:
    """Message code and parameters for a size or value constraint."""
    kind, value = error.validator, error.validator_value
    if kind == "maxLength":
        return "schema.too-long", {"limit": value}
    if kind == "minLength" and value == 1:
        return "schema.too-short", {}
    if kind == "minItems":
        return "schema.too-few", {"limit": value}
    if kind == "uniqueItems":
        return "schema.not-unique", {}
    if kind == "const":
        return "schema.const", {"expected": json.dumps(value)}
    return "schema.invalid", {"problem": _plain_message(error)}


_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")


def _describe(value) -> str:
    """The offending value, echoed only when it is a short token.

    Free text may hold medical detail, so a string with spaces or of some
    length is described by its type (or shape), never quoted. Type names are
    keys of the ``expected`` section of the message catalogue, so they are
    rendered in the reader's language.
    """
    if value == []:
        return "empty-array"
    if isinstance(value, (dict, list)) or value is None:
        return _type_name(value)
    if isinstance(value, str) and _DATE_TIME.match(value):
        return "date-time"
    if isinstance(value, str) and not is_token(value):
        return "string"
    return json.dumps(value, ensure_ascii=False, default=str)


def _plain_message(error) -> str:
    """jsonschema's own message, without echoing long input values."""
    kind, value = error.validator, error.validator_value
    if kind in ("minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum", "minProperties"):
        return f"{kind} {value}"
    if kind == "uniqueItems":
        return "items must be unique"
    if kind == "const":
        return f"must be {value!r}"
    return kind
