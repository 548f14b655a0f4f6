"""``--format markdown``: a report for mail and wikis, with the header facts and findings of the HTML one.

Every value from the input or a rule passes :func:`md`, which makes Markdown read it
as text: no emphasis, links, HTML or table cells can come from an id.
"""
from __future__ import annotations

import re

from ..messages import text
from .render import (
    evidence_sentence,
    finding_message,
    finding_status_text,
    finding_title,
    finding_title_of,
    header_facts,
    long_date,
    note_to_dict,
)

# what starts emphasis, code, links, HTML, entities, headings or table cells; hyphens and
# dots stay readable since every value sits after fixed text, never at a line's start
_SPECIAL = re.compile(r"([\\`*_\[\]#|<>~&])")


def md(value) -> str:
    """Plain text as Markdown text: one line, every punctuation that means something escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def _url(url: str) -> str:
    """A link target that cannot end the link early."""
    return "<" + "".join(ch if ch.isascii() and ch.isprintable() and ch not in "<> " else
                         "".join(f"%{b:02X}" for b in ch.encode()) for ch in url) + ">"


def _source(result, finding) -> str:
    rule = result.rules.get(finding.rule)
    if rule is None:
        return ""
    shown = md(rule.source_text())
    url = rule.source.get("url")
    return f"[{shown}]({_url(url)})" if url else shown


def _finding(result, finding, lang: str) -> list:
    severity = text("severity", finding.severity, lang)
    status = finding_status_text(finding, lang)
    lines = [f"- **{md(severity)}: {md(finding_title(result, finding, lang))}** ({md(status)}) — "
             f"{md(finding_message(result, finding, lang))}"]
    if finding.evidence:
        lines.append(f"  {md(text('ui', 'evidence', lang))}: {md(evidence_sentence(finding.evidence, lang))}")
    lines.append(f"  {md(text('ui', 'source', lang))}: {_source(result, finding)} · `{_code(finding.rule)}`")
    return lines


def _code(value: str) -> str:
    """An id inside backticks: backticks and line breaks cannot end or break the code span."""
    return " ".join(str(value).replace("`", "'").split())


def _timeline(result, lang: str) -> list:
    heads = [text("ui", k, lang) for k in ("step", "due", "done", "status")]
    lines = ["| " + " | ".join(md(h) for h in heads) + " |", "|---|---|---|---|"]
    for entry in result.timeline:
        cells = [finding_title_of(result, entry.step, lang), long_date(entry.due, lang),
                 long_date(entry.done, lang), text("status", entry.status, lang)]
        lines.append("| " + " | ".join(md(c) for c in cells) + " |")
    return lines


def _section(result, number: int, lang: str) -> list:
    kind = text("ui", result.kind, lang)
    lines = [f'<a id="s{number}"></a>', "", f"## {md(kind)} {md(result.subject)}", "",
             f"{md(text('ui', 'file', lang))}: `{_code(result.file)}`", ""]
    lines += [f"- {md(label)}: {md(value)}" for label, value in header_facts(result, lang)]
    lines += ["", f"### {md(text('ui', 'findings', lang))}", ""]
    if result.findings:
        for finding in result.findings:
            lines += _finding(result, finding, lang)
    else:
        lines.append(md(text("ui", "no_findings", lang)))
    if result.timeline:
        lines += ["", f"### {md(text('ui', 'timeline', lang))}", ""] + _timeline(result, lang)
    if result.notes:
        lines += ["", f"### {md(text('ui', 'notes', lang))}", ""]
        lines += [f"- {md(note_to_dict(n, lang, result.rules)['message'])}" for n in result.notes]
    counts = result.counts()
    lines += ["", md(text("ui", "summary", lang, errors=counts["error"], warnings=counts["warning"],
                          infos=counts["info"])), ""]
    return lines


def _overview(results, lang: str) -> list:
    heads = [text("ui", k, lang) for k in ("subject", "errors", "warnings")]
    lines = [f"## {md(text('ui', 'overview', lang))}", "", "| " + " | ".join(md(h) for h in heads) + " |",
             "|---|---:|---:|"]
    for number, result in enumerate(results, 1):
        counts = result.counts()
        lines.append(f"| [{md(result.subject)}](#s{number}) | {counts['error']} | {counts['warning']} |")
    return lines + [""]


def report(results, stream, lang: str, many: bool | None = None) -> None:
    lines = [f"# {md(text('ui', 'report_title', lang))}", ""]
    if len(results) > 1:
        lines += _overview(results, lang)
    for number, result in enumerate(results, 1):
        lines += _section(result, number, lang)
    stream.write("\n".join(lines).rstrip("\n") + "\n")
