"""``--format html``: one self-contained page (inline CSS and SVG, no script, no network).

A dossier's section has its header facts, the timeline picture, the findings with
their sources, the timeline as a table and the notes; a policy's has the role graph
drawn in lanes. Several subjects get an overview table linking to each section, and
each section starts on a new page when printed (A4). Every value passes ``_e``
(``html.escape``); the pictures escape their own text. Same results, same bytes.
"""
from __future__ import annotations

from html import escape

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
from .svg_roles import roles_svg
from .svg_timeline import timeline_svg

_CSS = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: Helvetica, Arial, sans-serif; color: #111; margin: 0 auto; max-width: 1040px; padding: 16px;
       font-size: 14px; line-height: 1.4; }
h1 { font-size: 22px; margin: 0 0 12px; }
h2 { font-size: 19px; margin: 0 0 4px; border-bottom: 2px solid #111; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.file { color: #444; font-size: 12px; margin: 0 0 10px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0 12px; }
dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; font-size: 13px; }
th, td { border: 1px solid #999; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
td.num { text-align: right; }
.sev { font-weight: bold; white-space: nowrap; }
.sev-error { color: #c00000; } .sev-warning { color: #8a5300; } .sev-info { color: #1f4e8c; }
.sev-error::before { content: "✖ "; } .sev-warning::before { content: "▲ "; } .sev-info::before { content: "● "; }
.st-late, .st-missing, .st-conflict { color: #c00000; font-weight: bold; }
.st-on-time { color: #1b7a2b; }
.rule-id { font-family: monospace; font-size: 11px; color: #555; }
.source { font-size: 12px; }
.evidence { font-size: 12px; color: #333; }
figure { margin: 8px 0 12px; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 12px; color: #444; }
section.subject { margin-top: 28px; }
section.subject + section.subject { break-before: page; page-break-before: always; }
.notes li { color: #333; }
@media print { body { max-width: none; padding: 0; font-size: 12px; } a { color: #111; }
               section.subject { margin-top: 0; } thead { display: table-header-group; } tr { break-inside: avoid; } }
"""


def _e(value) -> str:
    return escape(str(value), quote=True)


def _url(url: str | None) -> str | None:
    """Only web links become links: a rule pack cannot smuggle in ``javascript:``."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


def _source(result, finding) -> str:
    rule = result.rules.get(finding.rule)
    if rule is None:
        return ""
    url = _url(rule.source.get("url"))
    shown = _e(rule.source_text())
    return f'<a href="{_e(url)}">{shown}</a>' if url else shown


def _facts(result, lang: str) -> list:
    out = ['<dl class="facts">']
    for label, value in header_facts(result, lang):
        out.append(f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>")
    return out + ["</dl>"]


def _findings(result, lang: str) -> list:
    out = [f"<h3>{_e(text('ui', 'findings', lang))}</h3>"]
    if not result.findings:
        return out + [f"<p>{_e(text('ui', 'no_findings', lang))}</p>"]
    heads = ("severity", "what", "status", "due", "done", "source")
    out += ['<table class="findings"><thead><tr>' + "".join(f"<th>{_e(text('ui', h, lang))}</th>" for h in heads)
            + "</tr></thead><tbody>"]
    for f in result.findings:
        what = (f"<strong>{_e(finding_title(result, f, lang))}</strong><br>{_e(finding_message(result, f, lang))}"
                + (f'<div class="evidence">{_e(text("ui", "evidence", lang))}: {_e(evidence_sentence(f.evidence, lang))}</div>'
                   if f.evidence else ""))
        out.append(f'<tr class="finding st-row-{_e(f.status)}">'
                   f'<td class="sev sev-{_e(f.severity)}">{_e(text("severity", f.severity, lang))}</td>'
                   f"<td>{what}</td>"
                   f'<td class="st-{_e(f.status)}">{_e(finding_status_text(f, lang))}</td>'
                   f"<td>{_e(long_date(f.due, lang))}</td><td>{_e(long_date(f.date, lang))}</td>"
                   f'<td class="source">{_source(result, f)}<br><span class="rule-id">{_e(f.rule)}</span></td></tr>')
    return out + ["</tbody></table>"]


def _timeline_table(result, lang: str) -> list:
    heads = ("step", "due", "done", "status")
    out = [f"<h3>{_e(text('ui', 'timeline', lang))}</h3>",
           '<table class="timeline-table"><thead><tr>' + "".join(f"<th>{_e(text('ui', h, lang))}</th>" for h in heads)
           + "</tr></thead><tbody>"]
    for entry in result.timeline:
        out.append(f"<tr><td>{_e(finding_title_of(result, entry.step, lang))} "
                   f'<span class="rule-id">{_e(entry.step)}</span></td>'
                   f"<td>{_e(long_date(entry.due, lang))}</td><td>{_e(long_date(entry.done, lang))}</td>"
                   f'<td class="st-{_e(entry.status)}">{_e(text("status", entry.status, lang))}</td></tr>')
    return out + ["</tbody></table>"]


def _picture(result, number: int, lang: str) -> list:
    prefix = f"s{number}"
    if result.kind == "dossier" and result.timeline and "wachttijd_start" in result.facts:
        svg, caption = timeline_svg(result, prefix, lang), text("ui", "timeline_picture", lang)
    elif result.kind == "policy" and result.graph is not None:
        svg, caption = roles_svg(result, prefix, lang), text("ui", "role_picture", lang)
    else:
        return []
    return [f"<figure>{svg}<figcaption>{_e(caption)}</figcaption></figure>"]


def _section(result, number: int, lang: str) -> list:
    counts = result.counts()
    out = [f'<section class="subject {_e(result.kind)}" id="s{number}">',
           f"<h2>{_e(text('ui', result.kind, lang))} {_e(result.subject)}</h2>",
           f'<p class="file">{_e(text("ui", "file", lang))}: {_e(result.file)} — '
           f'{_e(text("ui", "summary", lang, errors=counts["error"], warnings=counts["warning"], infos=counts["info"]))}'
           "</p>"]
    out += _facts(result, lang) + _picture(result, number, lang) + _findings(result, lang)
    if result.timeline:
        out += _timeline_table(result, lang)
    if result.notes:
        out += [f"<h3>{_e(text('ui', 'notes', lang))}</h3>", '<ul class="notes">']
        out += [f"<li>{_e(note_to_dict(n, lang, result.rules)['message'])}</li>" for n in result.notes]
        out.append("</ul>")
    return out + ["</section>"]


def _overview(results, lang: str) -> list:
    heads = ("subject", "errors", "warnings")
    out = [f"<h2>{_e(text('ui', 'overview', lang))}</h2>",
           '<table class="overview"><thead><tr>' + "".join(f"<th>{_e(text('ui', h, lang))}</th>" for h in heads)
           + "</tr></thead><tbody>"]
    for number, result in enumerate(results, 1):
        counts = result.counts()
        out.append(f'<tr><td><a href="#s{number}">{_e(text("ui", result.kind, lang))} {_e(result.subject)}</a></td>'
                   f'<td class="num">{counts["error"]}</td><td class="num">{counts["warning"]}</td></tr>')
    return out + ["</tbody></table>"]


def report(results, stream, lang: str, many: bool | None = None) -> None:
    title = text("ui", "report_title", lang)
    if len(results) == 1:
        title += f" — {results[0].subject}"
    out = ["<!DOCTYPE html>", f'<html lang="{_e(lang)}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
           "img-src data:\">",
           f"<title>{_e(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
           f"<h1>{_e(text('ui', 'report_title', lang))}</h1>"]
    if len(results) > 1:
        out += _overview(results, lang)
    for number, result in enumerate(results, 1):
        out += _section(result, number, lang)
    stream.write("\n".join(out + ["</body>", "</html>"]) + "\n")
