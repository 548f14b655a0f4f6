"""Texts in Dutch (default) and English, rendered at report time only."""
from __future__ import annotations

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


class _Lenient(dict):
    """Leave unknown placeholders visible instead of crashing a report."""

    def __missing__(self, key):
        return "{" + key + "}"


def fill(template: str, params: dict) -> str:
    return string.Formatter().vformat(template, (), _Lenient(params))


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
        if value == HIDDEN:
            params[name] = text("ui", "hidden", lang)
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
