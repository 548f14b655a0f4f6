"""The counted-day calendar: the one place where sick days are counted.

Conventions (docs/counting.md):

* day 1 is the first sick day of the wachttijd; "uiterlijk in week n" is on or
  before counted day 7n;
* samentelling (BW 7:629 lid 10, WIA art. 23 lid 3, ZW art. 38 lid 1): periods
  separated by fewer than 28 fit days form one wachttijd; the gap days are not
  counted, so every later deadline moves by the gap. A gap of 28 fit days or
  more starts a new wachttijd; a dossier is judged on the latest one;
* zwangerschaps- and bevallingsverlof (WIA art. 23 lid 5, ZW art. 38 lid 1,
  BW 7:629 lid 10) count neither as sick days nor as fit days: leave inside a
  gap does not count towards the 28 days, and no leave day is a counted day;
* beyond the last period (recovered, or not yet known) days are counted as if
  the sickness continued (leave days still skipped), so every step still has a
  due date to show;
* the wachttijd lasts ``wachttijd_days`` counted days (728 = 104 weeks; 364 for
  a WAO wachttijd that began before 2004), unless it ends on a date UWV set
  (an IVA granted with a shorter wachttijd, or wage payment extended under WIA
  art. 24): ``end``.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

SAMENTELLING_GAP_DAYS = 28
WACHTTIJD_DAYS = 728
LOONSANCTIE_MAX_DAYS = 364
#: A shortened wachttijd (early IVA) lasts at least 13 and at most 78 weeks (WIA art. 23 lid 6).
SHORTEST_SHORTENED_DAYS = 13 * 7
LONGEST_SHORTENED_DAYS = 78 * 7
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Segment:
    """A sick period inside the wachttijd: its dates and the counted day of its start."""

    start: date
    end: date | None
    first_counted_day: int

    def length(self) -> int | None:
        return None if self.end is None else (self.end - self.start).days + 1


class LeaveDays:
    """Sorted, non-overlapping leave intervals ``(from, to)``; counts leave days in a range in O(log n)."""

    def __init__(self, intervals=()) -> None:
        self.intervals = tuple(sorted((start, end) for start, end, *_ in intervals))
        self._starts = [start for start, _ in self.intervals]
        totals, running = [0], 0
        for start, end in self.intervals:
            running += (end - start).days + 1
            totals.append(running)
        self._totals = totals

    def __bool__(self) -> bool:
        return bool(self.intervals)

    def _before(self, day: date) -> int:
        """Leave days strictly before ``day``."""
        i = bisect_right(self._starts, day) - 1  # intervals starting on or before day
        if i < 0:
            return 0
        start, end = self.intervals[i]
        inside = (min(end, day - ONE_DAY) - start).days + 1 if day > start else 0
        return self._totals[i] + max(inside, 0)

    def count(self, first: date, last: date) -> int:
        """Leave days in ``first .. last`` (inclusive); 0 for an empty range."""
        if last < first or not self.intervals:
            return 0
        return self._before(last + ONE_DAY) - self._before(first)

    def skip(self, after: date, days: int) -> date:
        """The date ``days`` non-leave days after ``after`` (``after`` itself not counted)."""
        target = after + timedelta(days=days)
        if not self.intervals:
            return target
        while True:  # each round passes at least one more leave interval: at most len(intervals) rounds
            extra = self.count(after + ONE_DAY, target) - ((target - after).days - days)
            if extra <= 0:
                return target
            target += timedelta(days=extra)


def split_wachttijden(periods, leave: LeaveDays | None = None) -> list[list]:
    """Group sorted (start, end) periods into wachttijden by the 28-day rule (leave left out)."""
    leave = leave or LeaveDays()
    groups: list[list] = []
    for start, end in periods:
        if groups:
            _, last_end = groups[-1][-1]
            if last_end is not None:
                fit = (start - last_end).days - 1 - leave.count(last_end + ONE_DAY, start - ONE_DAY)
                if fit < SAMENTELLING_GAP_DAYS:
                    groups[-1].append((start, end))
                    continue
        groups.append([(start, end)])
    return groups


class SickCalendar:
    """Counted days of one wachttijd: ``day(n) -> date`` and ``counted_day(date) -> n``."""

    def __init__(self, periods, earlier_wachttijden: int = 0, leave: LeaveDays | None = None,
                 wachttijd_days: int = WACHTTIJD_DAYS, end: date | None = None) -> None:
        self.leave = leave or LeaveDays()
        self.segments: tuple[Segment, ...] = self._segments(periods)
        self.earlier_wachttijden = earlier_wachttijden
        self.wachttijd_days = wachttijd_days
        self.end = end  # the wachttijd's last day as UWV set it (IVA, WIA art. 24), else None

    @classmethod
    def from_periods(cls, periods, leave=(), wachttijd_days: int = WACHTTIJD_DAYS,
                     end: date | None = None) -> "SickCalendar":
        """The calendar of the latest wachttijd among ``periods``."""
        leave_days = leave if isinstance(leave, LeaveDays) else LeaveDays(leave)
        groups = split_wachttijden(sorted(periods), leave_days)
        return cls(groups[-1], earlier_wachttijden=len(groups) - 1, leave=leave_days,
                   wachttijd_days=wachttijd_days, end=end)

    @classmethod
    def open_from(cls, first_sick_day: date, wachttijd_days: int = WACHTTIJD_DAYS) -> "SickCalendar":
        return cls([(first_sick_day, None)], wachttijd_days=wachttijd_days)

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

    def periods(self) -> tuple:
        """The sick periods of this wachttijd as (from, to|None)."""
        return tuple((s.start, s.end) for s in self.segments)

    def day(self, n: int) -> date:
        """Calendar date of counted day ``n`` (1-based)."""
        for segment in self.segments:
            length = segment.length()
            if length is None or n < segment.first_counted_day + length:
                return segment.start + timedelta(days=n - segment.first_counted_day)
        last = self.segments[-1]
        beyond = n - (last.first_counted_day + last.length()) + 1  # counted days after the last sick day
        return self.leave.skip(last.end, beyond)

    def counted_day(self, when: date) -> int:
        """Number of counted sick days from the start up to and including ``when``."""
        total = 0
        for segment in self.segments:
            if when < segment.start:
                return total
            end = segment.end if segment.end is not None else when
            total = segment.first_counted_day - 1 + (min(when, end) - segment.start).days + 1
        last = self.segments[-1]
        if last.end is not None and when > last.end:  # counted on as if still sick, leave left out
            total += (when - last.end).days - self.leave.count(last.end + ONE_DAY, when)
        return total

    def add_counted_days(self, when: date, days: int) -> date:
        """The date ``days`` counted days after ``when`` (gap and leave days skipped)."""
        return self.day(max(self.counted_day(when), 1) + days)

    def is_sick(self, when: date) -> bool:
        """Whether ``when`` is a sick day of this wachttijd (not a fit or leave day between periods)."""
        return any(s.start <= when and (s.end is None or when <= s.end) for s in self.segments)

    def required(self, due: date) -> bool:
        """A step is not required when the employee recovered before its due date."""
        end = self.recovered_after
        return end is None or end >= due

    def samentelling(self) -> bool:
        """Whether this wachttijd adds up more than one sick period."""
        return len(self.segments) > 1

    def leave_within(self) -> tuple:
        """Leave intervals that fall inside this wachttijd (from its start to its last day)."""
        first, last = self.start, self.wachttijd_last_day()
        return tuple((s, e) for s, e in self.leave.intervals if e >= first and s <= last)

    # Fixed points of the wachttijd (WIA art. 23 lid 1, art. 25 lid 9)
    def wachttijd_last_day(self) -> date:
        return self.end if self.end is not None else self.day(self.wachttijd_days)

    def wachttijd_first_day_after(self) -> date:
        return self.wachttijd_last_day() + ONE_DAY

    def max_loonsanctie_end(self) -> date:
        """Last day of a loonsanctie of the full 52 weeks; leave (WAZO art. 3:1) at its start or
        during it moves the end by the leave days (WIA art. 25 lid 9)."""
        return self.leave.skip(self.wachttijd_last_day(), LOONSANCTIE_MAX_DAYS)

    def max_loonsanctie_until(self) -> date:
        """The day after the last day: UWV's letters write "tot" that day."""
        return self.max_loonsanctie_end() + ONE_DAY
