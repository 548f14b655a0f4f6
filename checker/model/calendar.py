"""The counted-day calendar: the one place where sick days are counted.

Conventions (docs/counting.md):

* day 1 is the first sick day of the wachttijd; "uiterlijk in week n" is on or
  before counted day 7n;
* samentelling (BW 7:629 lid 10, WIA art. 23 lid 3, ZW art. 38 lid 1): periods
  separated by fewer than 28 days form one wachttijd; the gap days are not
  counted, so every later deadline moves by the gap. A gap of 28 days or more
  starts a new wachttijd; a dossier is judged on the latest one;
* beyond the last period (recovered, or not yet known) days are counted as if
  the sickness continued, so every step still has a due date to show.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

SAMENTELLING_GAP_DAYS = 28
WACHTTIJD_DAYS = 728
LOONSANCTIE_MAX_DAYS = 364
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Segment:
    """A sick period inside the wachttijd: its dates and the counted day of its start."""

    start: date
    end: date | None
    first_counted_day: int

    def length(self) -> int | None:
        return None if self.end is None else (self.end - self.start).days + 1


def split_wachttijden(periods) -> list[list]:
    """Group sorted (start, end) periods into wachttijden by the 28-day rule."""
    groups: list[list] = []
    for start, end in periods:
        if groups:
            _, last_end = groups[-1][-1]
            gap = (start - last_end).days - 1 if last_end else 0
            if last_end is not None and gap < SAMENTELLING_GAP_DAYS:
                groups[-1].append((start, end))
                continue
        groups.append([(start, end)])
    return groups


class SickCalendar:
    """Counted days of one wachttijd: ``day(n) -> date`` and ``counted_day(date) -> n``."""

    def __init__(self, periods, earlier_wachttijden: int = 0) -> None:
        self.segments: tuple[Segment, ...] = self._segments(periods)
        self.earlier_wachttijden = earlier_wachttijden

    @classmethod
    def from_periods(cls, periods) -> "SickCalendar":
        """The calendar of the latest wachttijd among ``periods``."""
        groups = split_wachttijden(sorted(periods))
        return cls(groups[-1], earlier_wachttijden=len(groups) - 1)

    @classmethod
    def open_from(cls, first_sick_day: date) -> "SickCalendar":
        return cls([(first_sick_day, None)])

    @staticmethod
    def _segments(periods) -> tuple:
        segments, counted = [], 1
        for start, end in periods:
            segment = Segment(start, end, counted)
            segments.append(segment)
            if end is not None:
                counted += segment.length()
        return tuple(segments)

    @property
    def start(self) -> date:
        return self.segments[0].start

    @property
    def recovered_after(self) -> date | None:
        """Last sick day when the employee is fully recovered (no open period)."""
        return self.segments[-1].end

    def day(self, n: int) -> date:
        """Calendar date of counted day ``n`` (1-based)."""
        for segment in self.segments:
            length = segment.length()
            if length is None or n < segment.first_counted_day + length:
                return segment.start + timedelta(days=n - segment.first_counted_day)
        last = self.segments[-1]
        return last.end + timedelta(days=n - (last.first_counted_day + last.length()) + 1)

    def counted_day(self, when: date) -> int:
        """Number of counted sick days from the start up to and including ``when``."""
        total = 0
        for segment in self.segments:
            if when < segment.start:
                return total
            end = segment.end if segment.end is not None else when
            total = segment.first_counted_day - 1 + (min(when, end) - segment.start).days + 1
        last = self.segments[-1]
        if last.end is not None and when > last.end:  # counted on as if still sick
            total += (when - last.end).days
        return total

    def add_counted_days(self, when: date, days: int) -> date:
        """The date ``days`` counted days after ``when`` (gap days skipped)."""
        return self.day(max(self.counted_day(when), 1) + days)

    def required(self, due: date) -> bool:
        """A step is not required when the employee recovered before its due date."""
        end = self.recovered_after
        return end is None or end >= due

    # Fixed points of the wachttijd (WIA art. 23 lid 1, art. 25 lid 9)
    def wachttijd_last_day(self) -> date:
        return self.day(WACHTTIJD_DAYS)

    def wachttijd_first_day_after(self) -> date:
        return self.wachttijd_last_day() + ONE_DAY

    def max_loonsanctie_end(self) -> date:
        return self.wachttijd_last_day() + timedelta(days=LOONSANCTIE_MAX_DAYS)
