"""Texts in Dutch (default) and English, rendered at report time only."""
from __future__ import annotations

import string
from functools import lru_cache
from importlib import resources

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


@lru_cache(maxsize=None)
def catalogue() -> dict:
    import yaml

    text = resources.files("checker").joinpath("messages.yaml").read_text("utf-8")
    return yaml.safe_load(text)


class _Lenient(dict):
    """Leave unknown placeholders visible instead of crashing a report."""

    def __missing__(self, key):
        return "{" + key + "}"


def fill(template: str, params: dict) -> str:
    return string.Formatter().vformat(template, (), _Lenient(params))


def text(section: str, key: str, lang: str = DEFAULT_LANGUAGE, **params) -> str:
    """A catalogue text, e.g. ``text("status", "late", "en")``."""
    entry = catalogue().get(section, {}).get(key)
    if entry is None:
        return key
    return fill(entry.get(lang) or entry[DEFAULT_LANGUAGE], params)


def localized(mapping, lang: str) -> str:
    """Pick a language from a ``{nl: ..., en: ...}`` mapping from rule or role data."""
    if isinstance(mapping, str):
        return mapping
    return mapping.get(lang) or mapping.get(DEFAULT_LANGUAGE) or next(iter(mapping.values()), "")


def render_error(error, lang: str = DEFAULT_LANGUAGE) -> str:
    """``file:line:col: $.path: message (did you mean 'x'?)``"""
    where = error.file
    if error.line:
        where += f":{error.line}"
        if error.column:
            where += f":{error.column}"
    params = error.param_dict()
    if params.get("expected") in catalogue().get("expected", {}):
        params["expected"] = text("expected", params["expected"], lang)
    message = text("errors", error.code, lang, **params)
    parts = [where]
    if error.path:
        parts.append(error.json_path)
    parts.append(message)
    line = ": ".join(parts)
    if error.hint:
        line += f" ({text('ui', 'did_you_mean', lang, hint=error.hint)})"
    return line
