"""``--format table``: a rich table of findings and the timeline, for people."""
from __future__ import annotations

from ..messages import text
from ..model.dates import iso
from .render import (adjustment_text, finding_message, finding_source, note_to_dict, status_text,
                     timeline_status, waiver_text)
from .safe import safe_text

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_STATUS_STYLE = {"on-time": "green", "late": "red", "missing": "bold red", "early": "yellow",
                 "upcoming": "blue", "not-required": "dim", "conflict": "bold red"}


def _console(stream):
    from rich.console import Console  # rich is imported only when a table is printed

    # markup off: ids, file names and messages come from the input and must print as written
    return Console(file=stream, width=160, soft_wrap=False, highlight=False, markup=False)


def _styled(value: str, style: str):
    from rich.text import Text

    return Text(safe_text(value), style=style)


def _cell(value) -> str:
    """A table cell: input-derived text (ids, messages filled with ids, sources) made safe
    for a terminal (checker/report/safe.py); markup is off, so brackets print as written."""
    return safe_text(value)


def _findings_table(result, findings, lang, title="findings"):
    """Date columns when any finding has dates, actor columns when any names actors;
    a waiver column for waived findings."""
    from rich.table import Table

    dated = any(f.due or f.date for f in findings)
    with_actors = any(f.actors or f.evidence for f in findings)
    waived = any(f.waiver for f in findings)
    keys = ["severity", "rule", "status", "what"] + (["due", "done"] if dated else []) \
        + (["actors", "evidence"] if with_actors else []) + (["waiver"] if waived else []) + ["source"]
    table = Table(title=text("ui", title, lang), show_lines=False, expand=False)
    for key in keys:
        table.add_column(text("ui", key, lang), overflow="fold")
    for f in findings:
        style = _SEVERITY_STYLE.get(f.severity, "")
        cells = [_styled(text("severity", f.severity, lang), style), _cell(f.rule),
                 status_text(f.status, f.announced, lang), _cell(finding_message(result, f, lang))]
        if dated:
            cells += [iso(f.due) or "-", iso(f.date) or "-"]
        if with_actors:
            cells += [_cell(", ".join(f.actors) or "-"), _cell(" → ".join(f.evidence) or "-")]
        if waived:
            cells += [_cell(waiver_text(f.waiver, lang)) if f.waiver else "-"]
        table.add_row(*cells, _cell(finding_source(result, f)))
    return table


def _timeline_table(result, lang):
    from rich.table import Table

    table = Table(title=text("ui", "timeline", lang))
    for key in ("step", "window", "due", "done", "status"):
        table.add_column(text("ui", key, lang))
    for entry in result.timeline:
        style = _STATUS_STYLE.get(entry.status, "")
        table.add_row(_cell(entry.step), iso(entry.window_start) or "", iso(entry.due) or "-", iso(entry.done) or "-",
                      _styled(timeline_status(entry, lang), style))
    return table


def report(results, stream, lang: str, many: bool | None = None) -> None:
    console = _console(stream)
    for result in results:
        header = f" ({safe_text(result.file)})" if result.file != result.subject else ""
        if result.as_of:
            header += f" — {text('ui', 'as_of', lang)} {iso(result.as_of)}"
        console.print(_styled(f"{result.kind} {result.subject}", "bold"), header, sep="")
        counted = [f for f in result.findings if f.counts]
        waived = [f for f in result.findings if f.status == "waived"]
        announced = [f for f in result.findings if f.announced and f.status != "waived"]
        if result.explanation is not None:  # --explain: the worked example instead of the tables
            from .explain import explanation_lines

            for line in explanation_lines(result.explanation, lang):
                console.print(line)
        elif counted:
            console.print(_findings_table(result, counted, lang))
        else:
            console.print(text("ui", "no_findings", lang))
        if waived and result.explanation is None:  # shown apart, never dropped
            console.print(_findings_table(result, waived, lang, "waived_findings"))
        if announced and result.explanation is None:
            console.print(_findings_table(result, announced, lang, "announced_findings"))
        if result.timeline and result.explanation is None:
            console.print(_timeline_table(result, lang))
        for note in result.notes:
            console.print(_styled(note_to_dict(note, lang)["message"], "dim"))
        for adjustment in result.adjustments:
            console.print(_styled(adjustment_text(adjustment, lang), "yellow"))
        console.print(text("ui", "summary", lang, errors=result.counts()["error"],
                           warnings=result.counts()["warning"], infos=result.counts()["info"])
                      + (f"; {text('ui', 'waived_summary', lang, count=len(waived))}" if waived else "")
                      + (f"; {text('ui', 'announced_summary', lang, count=len(announced))}" if announced else ""))
        console.print()
