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


@lru_cache(maxsize=None)
def validator_for(name: str):
    from jsonschema import Draft202012Validator  # imported where needed: keeps start-up fast

    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate(document, schema_name: str) -> list[InputError]:
    """All schema problems of ``document`` as InputErrors (empty when valid)."""
    if fast.worth_it(schema_name, document.data) and fast.is_valid(document.data, schema_name):  # the common case, fast
        return []
    errors = []
    for error in validator_for(schema_name).iter_errors(document.data):
        errors.extend(_convert(document, error))
    return _merge_misspellings(errors)


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
    from jsonschema import Draft202012Validator

    value = document.data
    for part in path:
        value = value[part]
    errors = []
    for error in Draft202012Validator(schema).iter_errors(value):
        error.path.extendleft(reversed(path))
        errors.extend(_convert(document, error))
    return _merge_misspellings(errors)


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
    if kind in ("type", "anyOf", "oneOf", "pattern", "format"):
        code = "schema.pattern" if kind in ("pattern", "format") else "schema.type"
        return [document.error(code, path, expected=_expected(error), got=_describe(error.instance))]
    code, params = _constraint(error)
    return [document.error(code, path, **params)]


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
