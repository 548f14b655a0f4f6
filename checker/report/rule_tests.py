"""The report of ``rules test``: one row per case, failures with what was expected and found."""
from __future__ import annotations

import json

from ..messages import text


def _outcome(result, lang) -> str:
    return text("ui", "case_passed" if result.passed else "case_failed", lang)


def _findings(views) -> str:
    if not views:
        return "[]"
    return "; ".join(", ".join(f"{k}={_short(v)}" for k, v in sorted(view.items(), key=_field_order))
                     for view in views)


def _field_order(item) -> int:
    from ..rule_cases import FIELDS

    return FIELDS.index(item[0]) if item[0] in FIELDS else len(FIELDS)


def _short(value) -> str:
    if isinstance(value, list):
        return "[" + " ".join(str(v) for v in value) + "]"
    return str(value)


def report_table(results, gaps, stream, lang: str) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, width=160, soft_wrap=False, highlight=False, markup=False)
    table = Table(title=text("ui", "rule_tests", lang), expand=False)
    any_failed = any(not r.passed for r in results)  # expected/found columns only when they say something
    keys = ("rule", "case", "result") + (("expected", "found") if any_failed else ()) + ("where",)
    for key in keys:
        table.add_column(text("ui", key, lang), overflow="fold")
    for r in results:
        failed = not r.passed
        cells = [r.rule, r.name, _outcome(r, lang)]
        if any_failed:
            cells += [_findings(r.expected) if failed else "", _findings(r.found) if failed else ""]
        cells.append(f"{r.file}:{r.line}" if r.line else r.file)
        table.add_row(*cells, style="bold red" if failed else None)
    console.print(table)
    for rule, missing in gaps.items():
        console.print(text("ui", "case_gap", lang, rule=rule,
                           missing=", ".join(text("ui", f"case_{m}", lang) for m in missing)), style="yellow")
    failed = sum(1 for r in results if not r.passed)
    console.print(text("ui", "case_summary", lang, passed=len(results) - failed, failed=failed, gaps=len(gaps)))


def report_json(results, gaps, stream, lang: str) -> None:
    payload = {
        "cases": [{"rule": r.rule, "name": r.name, "file": r.file, "line": r.line, "passed": r.passed,
                   "expected": list(r.expected), "found": list(r.found)} for r in results],
        "without_cases": [{"rule": rule, "missing": list(missing)} for rule, missing in gaps.items()],
        "summary": {"passed": sum(r.passed for r in results), "failed": sum(not r.passed for r in results)},
    }
    json.dump(payload, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


RULE_TEST_REPORTERS = {"table": report_table, "json": report_json}
