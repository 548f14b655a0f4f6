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

import re
from functools import lru_cache

_DOLLAR = re.compile(r"(?<!\\)\$")
#: Python's ``$`` (jsonschema's reading of a pattern): the end, or just before a final newline.
#: fastjsonschema would turn ``$`` into ``\Z``, which refuses "2025-01-06\n" where jsonschema accepts it.
PYTHON_END = r"(?=\n?\Z)"


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
    schema = _python_patterns(load_schema(schema_name))
    validator = fastjsonschema.compile(schema, use_default=False, use_formats=False)
    _compiled_names.add(schema_name)
    return validator


def _python_patterns(schema):
    """A copy of ``schema`` whose patterns end the way jsonschema's do (see PYTHON_END)."""
    if isinstance(schema, dict):
        return {key: _DOLLAR.sub(lambda _: PYTHON_END, value) if key == "pattern" and isinstance(value, str)
                else _python_patterns(value) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_python_patterns(value) for value in schema]
    return schema


def is_valid(data, schema_name: str) -> bool:
    """Whether ``data`` is valid against the named schema (no messages: see ``schema.validate``)."""
    from fastjsonschema import JsonSchemaValueException

    try:
        compiled(schema_name)(data)
    except JsonSchemaValueException:
        return False
    return True
