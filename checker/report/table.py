"""``--format table``: a rich table of findings and the timeline, for people."""
from __future__ import annotations

from ..messages import text
from ..model.dates import iso
from .render import finding_message, finding_source, note_to_dict, timeline_status
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


def _findings_table(result, lang):
    """Date columns when any finding has dates, actor columns when any names actors."""
    from rich.table import Table

    dated = any(f.due or f.date for f in result.findings)
    with_actors = any(f.actors or f.evidence for f in result.findings)
    keys = ["severity", "rule", "status", "what"] + (["due", "done"] if dated else []) \
        + (["actors", "evidence"] if with_actors else []) + ["source"]
    table = Table(title=text("ui", "findings", lang), show_lines=False, expand=False)
    for key in keys:
        table.add_column(text("ui", key, lang), overflow="fold")
    for f in result.findings:
        style = _SEVERITY_STYLE.get(f.severity, "")
        cells = [_styled(text("severity", f.severity, lang), style), _cell(f.rule),
                 text("status", f.status, lang), _cell(finding_message(result, f, lang))]
        if dated:
            cells += [iso(f.due) or "-", iso(f.date) or "-"]
        if with_actors:
            cells += [_cell(", ".join(f.actors) or "-"), _cell(" → ".join(f.evidence) or "-")]
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
        header = f" ({safe_text(result.file)})"
        if result.as_of:
            header += f" — {text('ui', 'as_of', lang)} {iso(result.as_of)}"
        console.print(_styled(f"{result.kind} {result.subject}", "bold"), header, sep="")
        if result.findings:
            console.print(_findings_table(result, lang))
        else:
            console.print(text("ui", "no_findings", lang))
        if result.timeline:
            console.print(_timeline_table(result, lang))
        for note in result.notes:
            console.print(_styled(note_to_dict(note, lang)["message"], "dim"))
        console.print(text("ui", "summary", lang, errors=result.counts()["error"],
                           warnings=result.counts()["warning"], infos=result.counts()["info"]))
        console.print()
