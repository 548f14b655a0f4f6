"""``verzuimcheck vocab``: the names a dossier or policy may use, each with its meaning.

Every "unknown value" error points here (never to a file in the repository, which a
user who installed with pip does not have).
"""
from __future__ import annotations

import json
import sys

import click

from .common import common_options, guarded, load_context

#: command word -> vocabulary section (roles/*.yaml), in the order they are listed
SECTIONS = {
    "events": "tasks",
    "roles": "roles",
    "sides": "sides",
    "organisations": "organisation_types",
    "quadrants": "quadrants",
    "titles": "titles",
    "data": "data_categories",
    "basiscontract": "basiscontract",
}


def register(main) -> None:
    main.add_command(vocab_command)


def vocabulary_rows(vocab, section: str, lang: str) -> list:
    """(name, meaning, synonyms) of one section, sorted by name."""
    from ..messages import localized

    entries = getattr(vocab, SECTIONS[section])
    return [(name, localized(entry.get("label", name), lang), tuple(entry.get("synonyms", ())))
            for name, entry in sorted(entries.items())]


@click.command("vocab")
@click.argument("sections", nargs=-1, type=click.Choice(tuple(SECTIONS)))
@common_options(("table", "json"))
@guarded
def vocab_command(sections, fmt, lang, rule_dirs, max_bytes, debug):
    """List the allowed values (event types, roles, sides, ...) with their meaning."""
    from ..messages import text
    from ..report.table import make_console, make_table

    vocab, _ = load_context(rule_dirs)
    chosen = sections or tuple(SECTIONS)
    if fmt == "json":
        data = {s: [{"name": n, "meaning": m, "synonyms": list(syn)} for n, m, syn in vocabulary_rows(vocab, s, lang)]
                for s in chosen}
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    console = make_console(sys.stdout)
    narrow = console.width < 100
    for section in chosen:
        table = make_table(f"{section} — {text('vocab', section, lang)}", narrow)
        table.add_column(text("vocab", "name", lang), no_wrap=True)
        table.add_column(text("vocab", "meaning", lang), ratio=1)
        for name, meaning, synonyms in vocabulary_rows(vocab, section, lang):
            cell = meaning + (f"\n{text('vocab', 'also', lang)}: {', '.join(synonyms)}" if synonyms else "")
            table.add_row(name, cell)
        console.print(table)
        console.print()
