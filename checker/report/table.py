"""``--format table``: the report for people, fitted to the terminal.

The width is the terminal's (or ``COLUMNS``; 80 when neither is known). Titles come
first, the rule id small (dim) beside them or on the line below. Below 100 columns
(``NARROW``) columns are folded, in this order (docs/cli.md, "Tables"):

1. the source moves from its own column to a dim line under the message;
2. actors and evidence move to a line under the message (evidence as a sentence);
3. severity and status share one column, due and done dates share one column;
4. the rule id moves from beside the title to the line below it.

Cells wrap between words; dates, ids and statuses never wrap.
"""
from __future__ import annotations

from ..messages import text
from ..model.dates import iso
from .render import (
    adjustment_text,
    day_text,
    days_words,
    evidence_sentence,
    finding_message,
    finding_source,
    finding_title,
    header_facts,
    next_step_lines,
    note_to_dict,
    status_text,
    step_title,
    timeline_status,
    timeline_to_dict,
    waiver_text,
)
from .safe import safe_text

NARROW = 100  # below this many columns the tables fold (see the module docstring)
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_STATUS_STYLE = {"on-time": "green", "late": "red", "missing": "bold red", "early": "yellow",
                 "upcoming": "blue", "not-required": "dim", "conflict": "bold red", "waived": "dim"}


def make_console(stream, width: int | None = None):
    """A rich console on ``stream``: the terminal's width (or ``COLUMNS``) unless ``width`` is given.

    markup off: ids, file names and messages come from the input and must print as written.
    """
    from rich.console import Console  # rich is imported only when a table is printed

    console = Console(file=stream, width=width, soft_wrap=False, highlight=False, markup=False)
    console.on_broken_pipe = _broken_pipe  # rich would exit 1 itself; the command keeps the findings' code
    return console


def _broken_pipe() -> None:
    raise BrokenPipeError("output closed early")


def _text(*parts):
    """A rich Text from (string, style) pairs and plain strings, every string made safe for a
    terminal (checker/report/safe.py: ids and messages carry input; markup is off). Our own line
    breaks stay; input cannot hold one (the loader refuses control characters in ids)."""
    from rich.text import Text

    out = Text()
    for part in parts:
        if isinstance(part, tuple):
            out.append(_safe_lines(part[0]), *part[1:])
        elif part:
            out.append(_safe_lines(part) if isinstance(part, str) else part)
    return out


def _safe_lines(value: str) -> str:
    return "\n".join(safe_text(line) for line in value.split("\n"))


def _safe_cell(cell):
    """A plain-string cell made safe for a terminal; rich Text cells were built by ``_text``."""
    return _safe_lines(cell) if isinstance(cell, str) else cell


def _titled(title: str, rule_id: str, narrow: bool, *lines):
    """Title first (bold), the rule id small beside it (wide) or under it (narrow), then lines."""
    parts = [(title, "bold"), ("\n" if narrow else "  ", ""), (rule_id, "dim")]
    for line in lines:
        if line:
            parts += ["\n", line if isinstance(line, tuple) else (line, "")]
    return _text(*parts)


def make_table(title: str, narrow: bool, separate_rows: bool = False):
    from rich import box
    from rich.table import Table

    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD if narrow else box.ROUNDED,
                 show_lines=not narrow or separate_rows, expand=narrow, show_edge=not narrow, pad_edge=not narrow,
                 collapse_padding=narrow)


def _findings_table(result, findings, lang: str, width: int, title: str = "findings"):
    """One table of ``findings`` (the counted ones, or the waived or announced ones apart);
    a waived finding names its waiver under its message."""
    narrow = width < NARROW
    dated = any(f.due or f.date for f in findings)
    table = make_table(text("ui", title, lang), narrow, separate_rows=True)
    table.add_column(text("ui", "severity", lang), min_width=12, width=_status_width(width) if narrow else None)
    if not narrow:
        table.add_column(text("ui", "status", lang), min_width=10, width=_status_width(width) if narrow else None)
    table.add_column(text("ui", "what", lang), ratio=1, min_width=_longest_id(findings, "rule"))
    if dated:
        if narrow:
            table.add_column(text("next", "step_date", lang), width=_date_width(lang))
        else:
            table.add_column(text("ui", "due", lang), no_wrap=True)
            table.add_column(text("ui", "done", lang), no_wrap=True)
    if not narrow:
        table.add_column(text("ui", "source", lang), ratio=1, min_width=16)
    for f in findings:
        days = days_words(_finding_days(result, f), lang)
        severity = (text("severity", f.severity, lang), _SEVERITY_STYLE.get(f.severity, ""))
        status = (status_text(f.status, f.announced, lang) + (f"\n{days}" if days else ""),
                  _STATUS_STYLE.get(f.status, ""))
        extra = []
        if f.waiver:
            extra.append((f"{text('ui', 'waiver', lang)}: {waiver_text(f.waiver, lang)}", "dim"))
        if f.actors:
            extra.append(f"{text('ui', 'actors', lang)}: {', '.join(f.actors)}")
        if f.evidence:
            extra.append(f"{text('ui', 'evidence', lang)}: {evidence_sentence(f.evidence, lang)}")
        if narrow:
            extra.append((f"{text('next', 'source', lang)}: {finding_source(result, f)}", "dim"))
        what = _titled(finding_title(result, f, lang), f.rule, narrow,
                       finding_message(result, f, lang), *extra)
        if narrow:
            cells = [_text(severity, "\n", status), what]
            if dated:
                cells.append(_text(day_text(f.due, lang), "\n", (iso(f.date) or "-", "dim")))
        else:
            cells = [_text(severity), _text(status), what]
            if dated:
                cells += [day_text(f.due, lang), day_text(f.date, lang)]
            cells.append(finding_source(result, f))
        table.add_row(*map(_safe_cell, cells))
    return table


def _status_width(width: int) -> int:
    """Room for a status and its days ("15 dag(en) te laat") on one line, from 75 columns on."""
    return 19 if width >= 75 else 12


def _date_width(lang: str) -> int:
    from datetime import date

    return max(len(day_text(date(2025, 1, 5 + d), lang)) for d in range(7))


def _longest_id(items, attribute: str) -> int:
    """Room for the longest rule id on its own line: ids are never broken."""
    return max((len(getattr(item, attribute)) for item in items), default=10)


def _finding_days(result, finding) -> dict:
    from .render import _days

    return _days(finding.status, finding.due, finding.date, result.as_of) if result.as_of else {}


def _timeline_table(result, lang: str, width: int):
    narrow = width < NARROW
    table = make_table(text("ui", "timeline", lang), narrow)
    table.add_column(text("ui", "step", lang), ratio=1, min_width=_longest_id(result.timeline, "step"))
    if not narrow:
        table.add_column(text("ui", "window", lang), no_wrap=True)
    table.add_column(text("ui", "due", lang), no_wrap=not narrow, width=_date_width(lang) if narrow else None)
    if not narrow:
        table.add_column(text("ui", "done", lang), no_wrap=True)
    table.add_column(text("ui", "status", lang), min_width=10, width=_status_width(width) if narrow else None)
    for entry in result.timeline:
        data = timeline_to_dict(entry, result.as_of)
        style = _STATUS_STYLE.get(entry.status, "")
        status = timeline_status(entry, lang)  # with its reason (recovered, contract ended, ...)
        days = days_words(data, lang)
        status_cell = _text((status, style), ("\n" + days, style) if days else "")
        if narrow and entry.done:
            status_cell.append("\n" + text("next", "done", lang, date=iso(entry.done)), "dim")
        due = day_text(entry.due, lang)
        if narrow and entry.window_start:
            due = _text(due, "\n", (text("next", "window", lang, date=iso(entry.window_start)), "dim"))
        cells = [_titled(step_title(result, entry.step, lang), entry.step, narrow)]
        if not narrow:
            cells.append(day_text(entry.window_start, lang) if entry.window_start else "")
        cells += [due] + ([] if narrow else [iso(entry.done) or "-"]) + [status_cell]
        table.add_row(*map(_safe_cell, cells))
    return table


def _header(console, result, lang: str) -> None:
    """The dossier's facts and what must happen next, before any table."""
    from rich.table import Table

    if result.kind != "dossier":  # a policy's as-of date is printed under its heading
        return
    facts = header_facts(result, lang, next_row=False)  # the next steps follow as a block
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1)
    for label, value in facts:
        grid.add_row(f"{label}:", _safe_cell(value))
    console.print(grid)
    lines, more = next_step_lines(result, lang)
    console.print(_text((text("next", "heading", lang) + ":", "bold")))
    steps = Table.grid(padding=(0, 1), pad_edge=True)
    steps.add_column(no_wrap=True)
    steps.add_column(ratio=1)
    if not lines:
        steps.add_row("", text("next", "nothing", lang))
    for line in lines:
        days_style = _STATUS_STYLE.get(line["status"], "")
        steps.add_row(" •", _text((line["title"], "bold"), " ", (line["step"], "dim"), "\n", line["due"],
                                  (f", {line['days']}" if line["days"] else "", days_style),
                                  ("\n" + line["advice"] if line["advice"] else "")))
    if more:
        steps.add_row("", _text((text("next", "more_upcoming", lang, count=more), "dim")))
    console.print(steps)
    console.print()


def report(results, stream, lang: str, many: bool | None = None, width: int | None = None) -> None:
    """Write every result as tables; ``width`` overrides the terminal's (tests, golden files)."""
    console = make_console(stream, width)
    for result in results:
        write_result(console, result, lang)


def write_result(console, result, lang: str) -> None:
    width = console.width
    console.print(_text((f"{result.kind} {result.subject}", "bold"), f" ({result.file})"))  # _text: safe
    if result.as_of and result.kind != "dossier":  # a dossier's header block names the as-of date
        console.print(_text((f"{text('next', 'as_of', lang)}:", "bold"), " ", day_text(result.as_of, lang)))
    _header(console, result, lang)
    counted = [f for f in result.findings if f.counts]
    waived = [f for f in result.findings if f.status == "waived"]
    announced = [f for f in result.findings if f.announced and f.status != "waived"]
    if result.explanation is not None:  # --explain: the worked example instead of the tables
        from .explain import explanation_lines

        for line in explanation_lines(result.explanation, lang):  # sentences: the terminal wraps them
            console.print(line, soft_wrap=True)
    elif counted:
        console.print(_findings_table(result, counted, lang, width))
    else:
        console.print(text("ui", "no_findings", lang))
    if waived and result.explanation is None:  # shown apart, never dropped
        console.print(_findings_table(result, waived, lang, width, "waived_findings"))
    if announced and result.explanation is None:
        console.print(_findings_table(result, announced, lang, width, "announced_findings"))
    if result.timeline and result.explanation is None:
        console.print(_timeline_table(result, lang, width))
    for note in result.notes:
        console.print(_text((note_to_dict(note, lang, result.rules)["message"], "dim")))
    for adjustment in result.adjustments:  # what --rules packs changed, with their reasons
        console.print(_text((adjustment_text(adjustment, lang), "yellow")), soft_wrap=True)
    console.print(text("ui", "summary", lang, errors=result.counts()["error"],
                       warnings=result.counts()["warning"], infos=result.counts()["info"])
                  + (f"; {text('ui', 'waived_summary', lang, count=len(waived))}" if waived else "")
                  + (f"; {text('ui', 'announced_summary', lang, count=len(announced))}" if announced else ""))
    console.print()
