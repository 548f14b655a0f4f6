"""Texts in Dutch (default) and English, rendered at report time only."""
from __future__ import annotations

import re
import string
from functools import lru_cache
from importlib import resources

from .errors import HIDDEN

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


@lru_cache(maxsize=None)
def catalogue() -> dict:
    import yaml

    text = resources.files("checker").joinpath("messages.yaml").read_text("utf-8")
    # libyaml's safe loader when PyYAML has it: the same result, ten times faster (measured
    # 24 ms against 270 ms), which every command pays once at start-up
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


#: Names a message placeholder may use: a plain name, nothing else (no attribute
#: access, indexing, format spec or conversion: the allow-list of those is empty).
_NAME = re.compile(r"[a-z_][a-z0-9_]*")
#: Placeholders every rule kind fills (checker/report/render.py), besides the kind's MESSAGE_PARAMS.
COMMON_RULE_PARAMS = ("due", "date", "actors", "status", "days")


def template_problems(template: str, allowed) -> list[tuple[str, str]]:
    """(placeholder name, problem) for every placeholder of ``template`` that :func:`fill`
    would not fill: a name not in ``allowed``, attribute access, indexing, a format
    spec, a conversion, a number, or a brace that is not closed or doubled."""
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return [("{", "template: syntax")]
    problems = []
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        field = name  # shown through the gate: a dotted name is a token, braces are not
        if not name or name.isdigit():
            problems.append((field, "template: positional"))
        elif "." in name:
            problems.append((field, "template: attribute"))
        elif "[" in name:
            problems.append((field, "template: index"))
        elif spec:
            problems.append((field, "template: format"))
        elif conversion:
            problems.append((field, "template: conversion"))
        elif not _NAME.fullmatch(name) or name not in allowed:
            problems.append((field, "template: unknown name"))
    return problems


def fill(template: str, params: dict) -> str:
    """``template`` with each ``{name}`` replaced by ``str(params[name])``.

    Never ``str.format``: a placeholder that is not a plain name, or that has no
    value, stays as written, so a bad template can neither crash a report, nor
    walk attributes (``{due.__class__}``), nor pad to any width (``{due:>400000000}``).
    """
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:  # an unbalanced brace: show the text as written
        return template
    out = []
    for literal, name, spec, conversion in fields:
        out.append(literal)
        if name is None:
            continue
        if _NAME.fullmatch(name) and not spec and not conversion and name in params:
            out.append(str(params[name]))
        else:
            out.append("{" + name + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}")
    return "".join(out)


def text(section: str, key: str, lang: str = DEFAULT_LANGUAGE, /, **params) -> str:
    """A catalogue text, e.g. ``text("status", "late", "en")``.

    The first three parameters are positional-only, so a message parameter may
    be called ``key`` or ``section`` (``yaml.duplicate-key`` has a ``key``).
    """
    entry = catalogue().get(section, {}).get(key)
    if entry is None:
        return key
    return fill(entry.get(lang) or entry[DEFAULT_LANGUAGE], params)


def localized(mapping, lang: str) -> str:
    """Pick a language from a ``{nl: ..., en: ...}`` mapping from rule or role data."""
    if isinstance(mapping, str):
        return mapping
    return mapping.get(lang) or mapping.get(DEFAULT_LANGUAGE) or next(iter(mapping.values()), "")


def _localized_params(error, lang: str) -> dict:
    """Error parameters in the reader's language: expected shapes, type names, hidden text."""
    params = error.param_dict()
    words = catalogue().get("expected", {})
    for name in ("expected", "got"):
        if params.get(name) in words:
            params[name] = text("expected", params[name], lang)
    for name, value in params.items():
        if isinstance(value, str) and HIDDEN in value:  # a whole value, or ids in a chain
            params[name] = value.replace(HIDDEN, text("ui", "hidden", lang))
    if "problem" in params:
        params["problem"] = parser_problem(params["problem"], lang)
    return params


def parser_problem(problem: str, lang: str) -> str:
    """A YAML or JSON parser's own (English) wording, translated when we know it."""
    for english, entry in catalogue().get("parser", {}).items():
        if problem.startswith(english):
            return entry.get(lang) or problem
    return problem


def render_error(error, lang: str = DEFAULT_LANGUAGE) -> str:
    """``file:line:col: $.path: message (did you mean 'x'?)``

    The JSON path is left out only for errors about the file as a whole
    (not found, not UTF-8, ...); an error about the top level shows ``$``.
    """
    where = error.file
    if error.line:
        where += f":{error.line}"
        if error.column:
            where += f":{error.column}"
    parts = [where]
    if error.json_path is not None:
        parts.append(error.json_path)
    parts.append(text("errors", error.code, lang, **_localized_params(error, lang)))
    line = ": ".join(parts)
    params = error.param_dict()
    if params.get("allowed") and params.get("vocab"):  # an unknown vocabulary name: what is allowed instead
        line += f" ({text('ui', 'allowed_values', lang, allowed=params['allowed'], vocab=params['vocab'])})"
    if error.hint:
        line += f" ({text('ui', 'did_you_mean', lang, hint=error.hint)})"
    return line
