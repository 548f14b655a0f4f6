"""Batch output: results streamed as they come, then the summary (docs/batch.md).

A writer is chosen by name from :data:`BATCH_WRITERS`; it gets the text of each
record (rendered by the worker in its format) and, at the end, the summary as a
dict (``Summary.to_dict``). ``table`` and ``html`` print the summary only.
"""
from __future__ import annotations

import csv
import html
import io
import json

from ..messages import text

CSV_COLUMNS = ("file", "subject", "kind", "rule", "severity", "status", "due", "date", "title", "message")
_TABLE_ROWS = 20


def csv_rows(result: dict) -> str:
    """The CSV rows of one result: one per finding, one per input error."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if result["kind"] == "error":
        for error in result["errors"]:
            writer.writerow([result["file"], "", "error", error["code"], "error", "", "", "", "", error["message"]])
    for f in result.get("findings", ()):
        writer.writerow([result["file"], result["subject"], result["kind"], f["rule"], f["severity"], f["status"],
                         f["due"] or "", f["date"] or "", f["title"], f["message"]])
    return buffer.getvalue()


class JsonLines:
    """One JSON object a line; the summary is the last line (``"kind": "summary"``)."""

    def __init__(self, stream, lang: str) -> None:
        self.stream = stream

    def record(self, line: str) -> None:
        self.stream.write(line + "\n")

    def finish(self, summary: dict) -> None:
        self.stream.write(json.dumps(summary, ensure_ascii=False) + "\n")


class Json:
    """``{"results": [...], "summary": {...}}``, written as the results come."""

    def __init__(self, stream, lang: str) -> None:
        self.stream, self.first = stream, True
        stream.write('{"results": [')

    def record(self, line: str) -> None:
        self.stream.write(("\n" if self.first else ",\n") + line)
        self.first = False

    def finish(self, summary: dict) -> None:
        self.stream.write('\n], "summary": ' + json.dumps(summary, ensure_ascii=False, indent=1) + "}\n")


class Csv:
    """One row per finding and per input error (columns: CSV_COLUMNS); no summary rows."""

    def __init__(self, stream, lang: str) -> None:
        self.stream = stream
        csv.writer(stream, lineterminator="\n").writerow(CSV_COLUMNS)

    def record(self, rows: str) -> None:
        self.stream.write(rows)

    def finish(self, summary: dict) -> None:
        pass


class SummaryCsv:
    """``--summary-only --format csv``: the findings per rule."""

    def __init__(self, stream, lang: str) -> None:
        self.stream = stream

    def record(self, rows) -> None:
        pass

    def finish(self, summary: dict) -> None:
        writer = csv.writer(self.stream, lineterminator="\n")
        writer.writerow(("rule", "title", "severity", "findings", "dossiers"))
        for row in summary["by_rule"]:
            writer.writerow((row["rule"], row["title"], row["severity"], row["findings"], row["dossiers"]))


class Table:
    """The summary for people, in rich tables (the terminal's width)."""

    def __init__(self, stream, lang: str) -> None:
        self.stream, self.lang = stream, lang

    def record(self, line) -> None:
        pass

    def finish(self, summary: dict) -> None:
        from rich.console import Console

        console = Console(file=self.stream, soft_wrap=False, highlight=False, markup=False)
        for title, columns, rows, more in sections(summary, self.lang):
            console.print(_rich_table(title, columns, rows))
            if more:
                console.print(text("batch", "more_rows", self.lang, count=more))
        for line in unreadable_lines(summary, self.lang):
            console.print(line)


class Html:
    """A self-contained summary page (no scripts, CSS inline)."""

    def __init__(self, stream, lang: str) -> None:
        self.stream, self.lang = stream, lang

    def record(self, line) -> None:
        pass

    def finish(self, summary: dict) -> None:
        esc = html.escape
        out = [f'<!doctype html>\n<html lang="{self.lang}"><head><meta charset="utf-8">',
               f"<title>{esc(_title(summary, self.lang))}</title>", "<style>" + _CSS + "</style></head><body>",
               f"<h1>{esc(_title(summary, self.lang))}</h1>", f"<p>{esc(_totals(summary, self.lang))}</p>"]
        for title, columns, rows, more in sections(summary, self.lang):
            out.append(f"<h2>{esc(title)}</h2><table><tr>" + "".join(f"<th>{esc(c)}</th>" for c in columns) + "</tr>")
            out += ["<tr>" + "".join(f"<td>{esc(str(cell))}</td>" for cell in row) + "</tr>" for row in rows]
            out.append("</table>")
            if more:
                out.append(f"<p>{esc(text('batch', 'more_rows', self.lang, count=more))}</p>")
        lines = unreadable_lines(summary, self.lang)
        if lines:
            out.append("<pre>" + esc("\n".join(lines)) + "</pre>")
        out.append("</body></html>\n")
        self.stream.write("\n".join(out))


_CSS = ("body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin-bottom:1em}"
        "th,td{border:1px solid #999;padding:.2em .5em;text-align:left}th{background:#eee}")


def _title(summary: dict, lang: str) -> str:
    return text("batch", "title", lang, as_of=summary["as_of"])


def _totals(summary: dict, lang: str) -> str:
    counts = summary["findings"]
    return (text("batch", "totals", lang, records=summary["records"], audited=summary["audited"],
                 unreadable=summary["unreadable"]) + "; "
            + text("ui", "summary", lang, errors=counts["error"], warnings=counts["warning"], infos=counts["info"]))


def sections(summary: dict, lang: str) -> list:
    """(title, column names, rows, rows left out) of each summary table, in reading order."""
    t = lambda key: text("batch", key, lang)  # noqa: E731
    sev = lambda name: text("severity", name, lang)  # noqa: E731
    severities = [sev(name) for name in ("error", "warning", "info")]
    found = [
        (t("by_rule"), [text("ui", "rule", lang), "id", text("ui", "severity", lang), t("findings"), t("dossiers")],
         [(r["title"], r["rule"], sev(r["severity"]), r["findings"], r["dossiers"]) for r in summary["by_rule"]]),
        (t("by_employer"), [t("employer")] + severities + [t("dossiers")],
         [(e["employer"], e["error"], e["warning"], e["info"], e["dossiers"]) for e in summary["by_employer"]]),
        (t("most_serious"), [t("subject"), t("file")] + severities,
         [(d["subject"], d["file"], d["error"], d["warning"], d["info"]) for d in summary["most_serious"]]),
    ]
    if summary.get("by_registration"):
        found.append((t("by_registration"), ["register", "number", t("employer"), t("dossiers"), "roles", "tasks",
                                             "titles", t("findings"), "rol.titel-past-niet"],
                      [(p["register"], p["number"], ", ".join(p["organisations"]), p["dossiers"],
                        ", ".join(p["roles"]), ", ".join(p["tasks"]), ", ".join(p["titles"]), p["finding_count"],
                        p["title_misfits"]) for p in summary["by_registration"]]))
    return [(title, columns, rows[:_TABLE_ROWS], max(0, len(rows) - _TABLE_ROWS)) for title, columns, rows in found]


def unreadable_lines(summary: dict, lang: str) -> list:
    lines = []
    if summary["unreadable"]:
        lines.append(f"{text('batch', 'unreadable', lang)}: {summary['unreadable']}")
        for entry in summary["unreadable_inputs"]:
            lines += ["  " + message for message in entry["errors"]]
        if summary["unreadable_not_listed"]:
            lines.append("  " + text("batch", "not_listed", lang, count=summary["unreadable_not_listed"]))
    return lines


def _rich_table(title, columns, rows):
    from rich.table import Table as RichTable

    table = RichTable(title=title, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(str(cell) for cell in row))
    return table


def totals_line(summary: dict, lang: str) -> str:
    return _title(summary, lang) + ": " + _totals(summary, lang)


BATCH_WRITERS = {"jsonl": JsonLines, "json": Json, "csv": Csv, "table": Table, "html": Html}


def writer_for(fmt: str, summary_only: bool):
    if summary_only and fmt == "csv":
        return SummaryCsv
    return BATCH_WRITERS[fmt]
