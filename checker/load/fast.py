"""The fast path of schema validation: a compiled validator that only says yes or no.

fastjsonschema turns a schema file into Python code once per process (from the
shipped file at run time, so a field added to a schema flows through). A valid
document, by far the common case in a batch, is accepted by that code alone; a
document it rejects goes on to jsonschema (``schema.validate``), which finds every
problem and says where. Both must accept exactly the same documents: a property
test over the fuzz strategies and ``fixtures/invalid/`` holds them to it.

Measured on a shared 2-core machine: about 25 times faster than jsonschema's
``iter_errors`` on a valid dossier, but compiling costs 0.1 to 0.2 s per schema. So
a process compiles a schema's validator up front when it knows it has many documents
(``batch`` does, in :func:`checker.batch.work.prepare`), or once it has validated
``COMPILE_AFTER`` items against that schema (:func:`worth_it`); before that jsonschema
alone is cheaper (a one-dossier run validates 24 rule files, 7 vocabulary files and
one dossier), while one dossier of 100,000 events is not.
"""
from __future__ import annotations

from functools import lru_cache

#: Characters the detailed validator refuses in an identifier (schema.py, ``x-expected: identifier``).
IDENTIFIER_OK = "^[^\t\n\r\x85\u2028\u2029]*$"


COMPILE_AFTER = 1000
_seen: dict = {}  # schema name -> items validated so far in this process (see worth_it)


def worth_it(schema_name: str, data=None) -> bool:
    """Whether ``schema.validate`` should ask the compiled validator first (see above).

    Work is counted in items: each document, plus the entries of its top-level lists and
    mappings (a dossier's events and actors). One dossier of 100,000 events is worth
    compiling for; one ordinary dossier, or 24 rule files, is not."""
    if schema_name in _compiled_names:
        return True
    items = 1 + (sum(len(v) for v in data.values() if isinstance(v, (list, dict))) if isinstance(data, dict) else 0)
    _seen[schema_name] = _seen.get(schema_name, 0) + items
    return _seen[schema_name] > COMPILE_AFTER


_compiled_names: set = set()  # schemas compiled in this process


@lru_cache(maxsize=None)
def compiled(schema_name: str):
    """The compiled validator of ``checker/schemas/<schema_name>.schema.json``."""
    import fastjsonschema

    from .schema import load_schema

    # use_default=False: never write defaults into the user's data;
    # use_formats=False: jsonschema does not assert "format" either, and both must agree.
    schema = _fast_schema(load_schema(schema_name))
    validator = fastjsonschema.compile(schema, use_default=False, use_formats=False)
    _compiled_names.add(schema_name)
    return validator


def _fast_schema(schema):
    """A copy of ``schema`` that says what the detailed validator says (schema.py): patterns
    end at the true end of the text (fastjsonschema reads ``$`` as ``\\Z`` already, as our
    jsonschema extension does), and an identifier (``x-expected: identifier``) holds no tab,
    line break or line separator, written here as one more pattern."""
    if isinstance(schema, list):
        return [_fast_schema(value) for value in schema]
    if not isinstance(schema, dict):
        return schema
    copy = {key: _fast_schema(value) for key, value in schema.items()}
    if copy.get("x-expected") == "identifier":
        copy["allOf"] = list(copy.get("allOf", [])) + [{"pattern": IDENTIFIER_OK}]
    return copy


def is_valid(data, schema_name: str) -> bool:
    """Whether ``data`` is valid against the named schema (no messages: see ``schema.validate``)."""
    from fastjsonschema import JsonSchemaValueException

    try:
        compiled(schema_name)(data)
    except JsonSchemaValueException:
        return False
    return True
