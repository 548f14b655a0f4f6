"""Where events and actors stand in their input file, for reports that point at lines (SARIF).

Kept from loading: the document can tell the line of any path. Lines are looked up
only when a reporter asks, so an audit that never needs them pays nothing (a JSON
file is composed for positions only then).
"""
from __future__ import annotations


class Positions:
    """Lines of a dossier's events and of the actors of a dossier or policy."""

    def __init__(self, document, actor_index: dict, events: tuple = ()) -> None:
        self._document = document
        self._actor_index = dict(actor_index)  # actor id -> position in 'actors'
        self._events = tuple(events)  # (type, date, index in 'events'), in file order

    def _line(self, path: tuple) -> int | None:
        return self._document.position(path)[0]

    def actor_line(self, actor_id: str) -> int | None:
        index = self._actor_index.get(actor_id)
        return None if index is None else self._line(("actors", index))

    def event_line(self, when, event_type: str | None = None) -> int | None:
        """The line of the event of ``event_type`` on ``when``; of any event that day if none has that type."""
        same_day = [(kind, index) for kind, day, index in self._events if day == when]
        typed = [index for kind, index in same_day if kind == event_type]
        chosen = typed or [index for _, index in same_day]
        return self._line(("events", chosen[0])) if chosen else None
