"""The timeline picture of a dossier's wachttijd as plain SVG: a pure function of an AuditResult.

One row for the sick periods (fit gaps and leave patterned, so they read in black and
white), then one row per Poortwachter step with its window, due date (open diamond),
done date (filled dot), a late step's delay as a thick line with its days, a missing
step as a cross. The counted weeks of the wachttijd (104; 52 for a WAO wachttijd)
are marked along the top. Shapes and words, not
colour alone, carry the meaning; colour repeats it. Same result, same bytes.
"""
from __future__ import annotations

from datetime import date, timedelta
from html import escape

from ..messages import text
from .render import finding_title_of, leave_periods, long_date

WIDTH, LEFT, RIGHT = 1000, 290, 24
PLOT = WIDTH - LEFT - RIGHT
TOP, ROW = 58, 24
RED, GREEN, AMBER, GREY, INK = "#c00000", "#1b7a2b", "#a15c00", "#666666", "#111111"
STATUS_COLOUR = {"late": RED, "missing": RED, "on-time": GREEN, "early": AMBER, "upcoming": GREY,
                 "not-required": "#9a9a9a"}
_LABEL_CHARS = 44


def _e(value) -> str:
    return escape(str(value), quote=True)


class _Scale:
    """Calendar date -> x, over the wachttijd and anything dated after it."""

    def __init__(self, start: date, end: date) -> None:
        self.start, self.days = start, max((end - start).days, 1)

    def x(self, when: date) -> float:
        days = min(max((when - self.start).days, 0), self.days)
        return round(LEFT + PLOT * days / self.days, 1)


def _span(result) -> tuple:
    start = result.facts["wachttijd_start"]
    dates = [result.facts["wachttijd_first_day_after"]]
    dates += [d for e in result.timeline for d in (e.due, e.done) if d]
    end = max(dates)
    if result.as_of and result.as_of <= end + timedelta(days=91):  # a far as-of would squeeze the wachttijd
        end = max(end, result.as_of)
    end = min(end, start + timedelta(days=5 * 366))  # a far typo stays on the page
    return start, end


def _defs(prefix: str) -> list:
    return [
        "<defs>",
        f'<pattern id="{prefix}-gap" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#ffffff"/><circle cx="3" cy="3" r="1" fill="#555555"/></pattern>',
        f'<pattern id="{prefix}-leave" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#333333" stroke-width="2"/></pattern>',
        "</defs>",
    ]


def _week_ends(result) -> tuple:
    """The audit's week ends (counted weeks skip fit gaps and leave); plain weeks when it has none."""
    if result.week_ends:
        return result.week_ends
    start = result.facts["wachttijd_start"]
    return tuple(start + timedelta(days=7 * n - 1) for n in range(1, 105))


def _week_marks(result, scale: _Scale, bottom: float, lang: str) -> list:
    """A tick per counted week of the wachttijd (104, or 52 for a WAO wachttijd), a label every 13."""
    ends = _week_ends(result)
    out = [f'<g class="weeks" stroke="#bbbbbb" font-size="10" fill="{INK}">']
    for week, day in enumerate(ends, 1):
        x = scale.x(day)
        major = week % 13 == 0 or week == 1 or week == len(ends)
        out.append(f'<line x1="{x}" y1="{TOP - (10 if major else 4)}" x2="{x}" y2="{bottom if major else TOP}"/>')
        if major:
            out.append(f'<text x="{x}" y="{TOP - 13}" text-anchor="middle" stroke="none">'
                       f'{_e(text("ui", "week", lang))} {week}</text>')
    return out + ["</g>"]


def _sick_row(result, scale: _Scale, prefix: str, y: float, end: date, lang: str) -> list:
    out = [f'<text x="{LEFT - 8}" y="{y + 15}" text-anchor="end" font-weight="bold">'
           f'{_e(text("ui", "legend_sick", lang).capitalize())}</text>']
    x0, x1 = scale.x(result.facts["wachttijd_start"]), scale.x(end)
    out.append(f'<rect class="gap" x="{x0}" y="{y + 4}" width="{round(x1 - x0, 1)}" height="14" '
               f'fill="url(#{prefix}-gap)" stroke="#555555" stroke-width="0.5"/>')
    for start, stop in result.periods:
        a, b = scale.x(start), scale.x(stop or end)
        out.append(f'<rect class="sick" x="{a}" y="{y + 4}" width="{max(round(b - a, 1), 1)}" height="14" '
                   f'fill="#444444"><title>{_e(long_date(start, lang))} – {_e(long_date(stop, lang))}</title></rect>')
    for start, stop in leave_periods(result):
        a, b = scale.x(start), scale.x(stop)
        out.append(f'<rect class="leave" x="{a}" y="{y + 4}" width="{max(round(b - a, 1), 2)}" height="14" '
                   f'fill="url(#{prefix}-leave)" stroke="#333333"/>')
    return out


def _rows(result) -> list:
    """(step, entries) in order of the first due date: several entries of a cadence share a row."""
    rows: dict = {}
    for entry in result.timeline:
        rows.setdefault(entry.step, []).append(entry)
    return list(rows.items())


def _marker(entry, scale: _Scale, y: float, lang: str) -> list:
    colour = STATUS_COLOUR.get(entry.status, INK)
    status = text("status", entry.status, lang)
    out = []
    if entry.window_start and entry.due:
        a, b = scale.x(entry.window_start), scale.x(entry.due)
        out.append(f'<rect class="window" x="{a}" y="{y + 7}" width="{max(round(b - a, 1), 1)}" height="8" '
                   'fill="#d9d9e8"/>')
    if entry.due:
        x = scale.x(entry.due)
        out.append(f'<path class="due" d="M{x} {y + 4} l6 7 l-6 7 l-6 -7 z" fill="#ffffff" stroke="{colour}" '
                   f'stroke-width="1.6"><title>{_e(text("ui", "due", lang))} {_e(long_date(entry.due, lang))}'
                   f' — {_e(status)}</title></path>')
    if entry.status == "late" and entry.due and entry.done:
        a, b = scale.x(entry.due), scale.x(entry.done)
        days = (entry.done - entry.due).days
        out.append(f'<line class="late" x1="{a}" y1="{y + 11}" x2="{b}" y2="{y + 11}" stroke="{RED}" '
                   'stroke-width="4"/>')
        out.append(f'<text class="late-label" x="{b + 7}" y="{y + 15}" fill="{RED}" font-size="11">'
                   f'+{days} d</text>')
    if entry.done:
        x = scale.x(entry.done)
        out.append(f'<circle class="done {_e(entry.status)}" cx="{x}" cy="{y + 11}" r="5" fill="{colour}" '
                   f'stroke="{INK}" stroke-width="0.8"><title>{_e(text("ui", "done", lang))} '
                   f'{_e(long_date(entry.done, lang))} — {_e(status)}</title></circle>')
    if entry.status == "early" and entry.done:  # before its window opened: said in words, not only in amber
        out.append(f'<text class="early-label" x="{scale.x(entry.done) - 8}" y="{y + 15}" text-anchor="end" '
                   f'fill="{AMBER}" font-size="10" font-weight="bold">{_e(status)}</text>')
    if entry.status == "not-required" and entry.due:  # recovered before it was due: said in words
        out.append(f'<text class="not-required-label" x="{scale.x(entry.due) + 10}" y="{y + 15}" '
                   f'fill="{STATUS_COLOUR["not-required"]}" font-size="10">{_e(status)}</text>')
    if entry.status == "missing" and entry.due:
        x = scale.x(entry.due)
        out.append(f'<path class="missing" d="M{x - 6} {y + 5} l12 12 M{x + 6} {y + 5} l-12 12" stroke="{RED}" '
                   'stroke-width="3"/>')
        out.append(f'<text class="missing-label" x="{x + 10}" y="{y + 15}" fill="{RED}" font-size="11" '
                   f'font-weight="bold">{_e(status)}</text>')
    return out


def _label(title: str) -> str:
    return title if len(title) <= _LABEL_CHARS else title[: _LABEL_CHARS - 1] + "…"


def _legend(prefix: str, y: float, lang: str) -> list:
    items = [
        ('<rect x="0" y="-10" width="18" height="12" fill="#444444"/>', "legend_sick"),
        (f'<rect x="0" y="-10" width="18" height="12" fill="url(#{prefix}-gap)" stroke="#555555" '
         'stroke-width="0.5"/>', "legend_gap"),
        (f'<rect x="0" y="-10" width="18" height="12" fill="url(#{prefix}-leave)" stroke="#333333"/>',
         "legend_leave"),
        ('<rect x="0" y="-8" width="18" height="8" fill="#d9d9e8"/>', "legend_window"),
        (f'<path d="M9 -11 l6 7 l-6 7 l-6 -7 z" fill="#ffffff" stroke="{INK}" stroke-width="1.6"/>', "legend_due"),
        (f'<circle cx="9" cy="-4" r="5" fill="{GREEN}" stroke="{INK}" stroke-width="0.8"/>', "legend_done"),
        (f'<line x1="0" y1="-4" x2="18" y2="-4" stroke="{RED}" stroke-width="4"/>', "legend_late"),
        (f'<path d="M3 -10 l12 12 M15 -10 l-12 12" stroke="{RED}" stroke-width="3"/>', "legend_missing"),
        (f'<line x1="9" y1="-12" x2="9" y2="4" stroke="{INK}" stroke-dasharray="3 2"/>', "legend_as_of"),
    ]
    out = [f'<g class="legend" font-size="11" transform="translate(10 {y})">']
    for i, (shape, key) in enumerate(items):
        col, line = i % 5, i // 5
        out.append(f'<g transform="translate({col * 196} {line * 20})">{shape}'
                   f'<text x="24" y="0">{_e(text("ui", key, lang))}</text></g>')
    return out + ["</g>"]


def timeline_svg(result, prefix: str, lang: str) -> str:
    """The dossier's timeline as an ``<svg>`` element; ``prefix`` keeps its ids unique on a page."""
    start, end = _span(result)
    scale = _Scale(start, end)
    rows = _rows(result)
    bottom = TOP + ROW * (len(rows) + 1) + 4
    height = bottom + 70
    title = text("ui", "timeline_picture", lang)
    out = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
           f'width="100%" role="img" aria-labelledby="{prefix}-title" font-family="Helvetica, Arial, sans-serif" '
           f'font-size="12"><title id="{prefix}-title">{_e(title)}</title>']
    out += _defs(prefix)
    out += _week_marks(result, scale, bottom, lang)
    out += _sick_row(result, scale, prefix, TOP, end, lang)
    for i, (step, entries) in enumerate(rows, 1):
        y = TOP + ROW * i
        if i % 2:
            out.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{ROW}" fill="#f4f4f4"/>')
        title_text = finding_title_of(result, step, lang)
        out.append(f'<text x="{LEFT - 8}" y="{y + 15}" text-anchor="end"><title>{_e(title_text)} ({_e(step)})'
                   f'</title>{_e(_label(title_text))}</text>')
        out.append(f'<g class="step" data-step="{_e(step)}">')
        for entry in entries:
            out += _marker(entry, scale, y, lang)
        out.append("</g>")
    if result.as_of and start <= result.as_of <= end:
        x = scale.x(result.as_of)
        out.append(f'<line class="as-of" x1="{x}" y1="{TOP - 4}" x2="{x}" y2="{bottom}" stroke="{INK}" '
                   'stroke-dasharray="3 2"/>')
        anchor = "end" if x > WIDTH - 80 else "middle"
        out.append(f'<text x="{x}" y="{bottom + 24}" text-anchor="{anchor}" font-size="10">'
                   f'{_e(text("ui", "legend_as_of", lang))} {_e(result.as_of.isoformat())}</text>')
    out.append(f'<text x="{LEFT}" y="{bottom + 12}" font-size="10">{_e(start.isoformat())}</text>')
    last = result.facts.get("wachttijd_last_day")
    if last and last <= end:
        out.append(f'<text x="{scale.x(last)}" y="{bottom + 12}" font-size="10" text-anchor="end">'
                   f'{_e(last.isoformat())}</text>')
    out += _legend(prefix, bottom + 46, lang)
    return "\n".join(out + ["</svg>"])
