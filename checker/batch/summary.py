"""The batch summary, built as results stream past: counts, the most serious dossiers, the
unreadable inputs. Memory is bounded: counters per rule and per employer, a heap of the
``TOP`` most serious dossiers, and the first ``LISTED`` unreadable inputs with their
messages (all of them are counted, and every one is in the streamed results)."""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field

TOP = 20
LISTED = 200
SEVERITIES = ("error", "warning", "info")


@dataclass
class Summary:
    as_of: str
    records: int = 0
    audited: int = 0
    unreadable: int = 0
    severity: dict = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    rules: dict = field(default_factory=dict)  # (rule, severity) -> [findings, dossiers]
    employers: dict = field(default_factory=dict)  # employer -> [error, warning, info, dossiers]
    _top: list = field(default_factory=list)  # heap of (counts, order, subject, file)
    listed: list = field(default_factory=list)  # (file, [messages])
    by_registration: bool = False
    people: dict = field(default_factory=dict)  # (register, number) -> merged Appearances (registration.py)

    def add(self, brief) -> None:
        self.records += 1
        if brief.kind == "error":
            self.unreadable += 1
            if len(self.listed) < LISTED:
                self.listed.append((brief.file, list(brief.errors)))
            return
        self.audited += 1
        for person in brief.people:
            from .registration import merge

            merge(self.people, person, brief)
        for name, count in zip(SEVERITIES, brief.counts):
            self.severity[name] += count
        for rule, severity, count in brief.rules:  # one entry per (rule, severity) of the record
            entry = self.rules.setdefault((rule, severity), [0, 0])
            entry[0] += count
            entry[1] += 1
        employer = self.employers.setdefault(brief.employer or "", [0, 0, 0, 0])
        for i, count in enumerate(brief.counts):
            employer[i] += count
        employer[3] += 1
        if any(brief.counts):
            item = (brief.counts, -self.records, brief.subject, brief.file)
            if len(self._top) < TOP:
                heapq.heappush(self._top, item)
            else:
                heapq.heappushpop(self._top, item)

    def most_serious(self) -> list:
        """The dossiers with the most serious findings: most errors, then warnings, then infos."""
        return sorted(self._top, reverse=True)

    def worst(self) -> str | None:
        return next((name for name in SEVERITIES if self.severity[name]), None)

    def to_dict(self, rules_by_id=None, lang: str = "nl") -> dict:
        """The summary as JSON (docs/batch.md, "summary")."""
        from ..messages import localized

        def title(rule_id):
            rule = (rules_by_id or {}).get(rule_id)
            return localized(rule.title, lang) if rule else rule_id

        rules = sorted(self.rules.items(), key=lambda kv: (SEVERITIES.index(kv[0][1]), -kv[1][0], kv[0][0]))
        employers = sorted(self.employers.items(), key=lambda kv: (-kv[1][0], -kv[1][1], -kv[1][2], kv[0]))
        return {
            "kind": "summary",
            "as_of": self.as_of,
            "records": self.records,
            "audited": self.audited,
            "unreadable": self.unreadable,
            "findings": dict(self.severity),
            "by_rule": [{"rule": rule, "title": title(rule), "severity": severity, "findings": n, "dossiers": d}
                        for (rule, severity), (n, d) in rules],
            "by_employer": [{"employer": name, "error": e, "warning": w, "info": i, "dossiers": d}
                            for name, (e, w, i, d) in employers],
            "most_serious": [{"subject": subject, "file": file, "error": c[0], "warning": c[1], "info": c[2]}
                             for c, _, subject, file in self.most_serious()],
            "unreadable_inputs": [{"file": file, "errors": messages} for file, messages in self.listed],
            "unreadable_not_listed": self.unreadable - len(self.listed),
            **({"by_registration": self.registration_dicts()} if self.by_registration else {}),
        }

    def registration_dicts(self) -> list:
        from .registration import to_dicts

        return to_dicts(self.people)
