"""One language per run, click's own words included.

The run's language is decided before click parses anything: ``--lang`` on the command line,
else ``VERZUIMCHECK_LANG``, else Dutch. click words its usage errors and help headings through
gettext (``_()``/``ngettext()`` in its modules); :func:`install` points those at our catalogue
(``checker/messages.yaml``, section ``click``: click's English text -> Dutch). Command and
option help texts are English in the code and Dutch in the catalogue (section ``help``, keyed
by the English text with its whitespace collapsed); a test checks that every one has its Dutch text.
"""
from __future__ import annotations

import sys

import click

from ..messages import LANGUAGES, catalogue

_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "utils", "termui")
_run = {"lang": "nl"}


def current_language() -> str:
    """The language of this run (for messages raised outside a command's own ``lang``)."""
    return _run["lang"]


def usage_text(key: str, /, **params) -> str:
    """One of our own usage-error texts (messages.yaml, section ``usage``) in the run's language."""
    from ..messages import text

    return text("usage", key, _run["lang"], **params)


def run_language(args) -> str:
    """``--lang X`` / ``--lang=X`` from the arguments, else the default (env var, then nl)."""
    from .common import default_language

    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in LANGUAGES:
            return args[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return default_language()


def translate(message: str) -> str:
    """click's English message in the run's language (as written when we have no translation)."""
    if _run["lang"] == "en":
        return message
    entry = catalogue().get("click", {}).get(message)
    return entry.get(_run["lang"], message) if entry else message


def ntranslate(singular: str, plural: str, count: int) -> str:
    return translate(singular if count == 1 else plural)


def help_text(english: str | None, lang: str) -> str | None:
    if english is None or lang == "en":
        return english
    entry = catalogue().get("help", {}).get(" ".join(english.split()))  # docstrings wrap: whitespace-free key
    return entry.get(lang, english) if entry else english


def _localize_help(command, lang: str) -> None:
    """Set every help text of ``command`` (and its subcommands) to ``lang``; the English
    originals are kept on the objects so each run starts from them."""
    if getattr(command, "_help_option", None) is not None:
        command._help_option = None  # click caches -h/--help with its help text in the last run's language
    for item in [command, *command.params]:
        if not hasattr(item, "help"):  # an Argument has no help text before click 8.5
            continue
        if not hasattr(item, "_english_help"):
            item._english_help = item.help
        item.help = help_text(item._english_help, lang)
    for sub in getattr(command, "commands", {}).values():
        _localize_help(sub, lang)


def install(main_command, args) -> str:
    """Make this run speak one language: click's messages and every help text."""
    lang = run_language(args)
    _run["lang"] = lang
    for name in _CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = translate
        if hasattr(module, "ngettext"):
            module.ngettext = ntranslate
    _localize_help(main_command, lang)
    return lang


class Group(click.Group):
    """The ``verzuimcheck`` group: decides the run's language before parsing."""

    def main(self, args=None, *rest, **kwargs):
        install(self, sys.argv[1:] if args is None else list(args))
        return super().main(args, *rest, **kwargs)

    def format_commands(self, ctx, formatter) -> None:
        """Each command with its whole first sentence (click cuts it at the column and adds "...")."""
        rows = [(name, self.commands[name].get_short_help_str(limit=200)) for name in self.list_commands(ctx)
                if not self.commands[name].hidden]
        if rows:
            with formatter.section(translate("Commands")):
                formatter.write_dl(rows)
