"""``verzuimcheck batch``: audit thousands to millions of dossiers and policies, streamed."""
from __future__ import annotations

import sys
import time
from contextlib import nullcontext
from datetime import date
from pathlib import Path

import click

from .common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    FAIL_ON,
    common_options,
    guarded,
    max_findings_option,
    parse_option_date,
)
from .i18n import usage_text
from .output import STDOUT, atomic_output, check_output_path


def register(main) -> None:
    main.add_command(batch_command)


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--as-of", "as_of", metavar="DATE", help="Judge every record as on this date (default: today).")
@click.option("--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes (default: the number of cores).")
@click.option("--output", default=STDOUT, show_default=True, metavar="FILE", help="Where to write the results.")
@click.option("--summary-only", is_flag=True, help="Write the summary only, not each record's result.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--by", "by", type=click.Choice(("registration",)), default=None,
              help="Add the register's view: per registered professional (actors' registration).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line on standard error.")
@max_findings_option
@common_options(("jsonl", "json", "csv", "table", "html"))
@guarded
def batch_command(inputs, as_of, jobs, output, summary_only, fail_on, by, quiet, fmt, lang, rule_dirs, max_bytes,
                  debug):
    """Audit many records: directories (YAML/JSON, recursively), .jsonl files, '-' (JSON Lines on
    standard input) and CSV event exports. Results are written as they come; see docs/batch.md."""
    from ..batch import run, work
    from ..batch.inputs import total_bytes
    from ..batch.summary import Summary
    from ..load.document import DEFAULT_MAX_BYTES
    from ..load.limits import max_errors, max_findings
    from ..report.batch import writer_for
    from ..rulebook import default_rulebook

    when = parse_option_date(as_of, "--as-of", lang) or date.today()
    check_output_path(output, inputs, "--output")
    _refuse_output_inside_inputs(output, inputs)
    settings = work.Settings(as_of=when, lang=lang, fmt=fmt, max_bytes=max_bytes or DEFAULT_MAX_BYTES,
                             rule_dirs=tuple(rule_dirs), summary_only=summary_only,
                             by_registration=by == "registration", max_errors=max_errors(),
                             max_findings=max_findings())
    rulebook = default_rulebook(tuple(rule_dirs))  # loaded (and checked) before any worker starts
    summary = Summary(as_of=when.isoformat(), by_registration=settings.by_registration)
    target = nullcontext(sys.stdout) if output == STDOUT else atomic_output(output, "--output")
    with target as stream, _progress(quiet, lang, total_bytes(inputs)) as advance:
        writer = writer_for(fmt, summary_only)(stream, lang)
        for text, brief in run.results(inputs, settings, jobs or run.default_jobs(), on_chunk=advance):
            summary.add(brief)
            if text is not None:
                writer.record(text)
        writer.finish(summary.to_dict(rulebook.by_id(), lang))
    _report_to_stderr(summary, output, fmt, quiet, rulebook, lang)
    sys.exit(_exit_code(summary, fail_on))


def _exit_code(summary, fail_on: str) -> int:
    """As for ``dossier``: 2 when any record could not be read, else 1 when a finding reaches --fail-on."""
    if summary.unreadable:
        return EXIT_INPUT
    if fail_on != "never" and any(summary.severity[name] for name in FAIL_ON[: FAIL_ON.index(fail_on) + 1]):
        return EXIT_FINDINGS
    return EXIT_OK


def _refuse_output_inside_inputs(output: str, inputs) -> None:
    """An output file that the walk of an input directory would read is an input too."""
    from ..batch.inputs import RECORD_SUFFIXES

    if output == STDOUT or not output.lower().endswith(RECORD_SUFFIXES):
        return
    target = Path(output).resolve()
    for given in inputs:
        if given != STDOUT and Path(given).is_dir() and target.is_relative_to(Path(given).resolve()):
            raise click.BadParameter(usage_text("output_inside_input", output=output, folder=given),
                                     param_hint="--output")


def _report_to_stderr(summary, output: str, fmt: str, quiet: bool, rulebook, lang: str) -> None:
    """Unreadable inputs always (as ``dossier`` does); when the results went to a file, the
    summary tables on a terminal (the totals line otherwise), so the run ends with what to act on."""
    from ..report.batch import Table, totals_line, unreadable_lines

    data = summary.to_dict(rulebook.by_id(), lang)
    if output != STDOUT and not quiet and sys.stderr.isatty():
        Table(sys.stderr, lang).finish(data)  # lists the unreadable inputs too
        click.echo(totals_line(data, lang), err=True)
        return
    if not (fmt == "table" and output == STDOUT and sys.stdout.isatty()):
        for line in unreadable_lines(data, lang):
            click.echo(line, err=True)
    if output != STDOUT and not quiet:
        click.echo(totals_line(data, lang), err=True)


def _progress(quiet: bool, lang: str, total: int | None):
    """A rich progress display on a terminal: records done, rate, and the time left when the input
    size is known (files, not folders or stdin); nothing when stderr is not a terminal or --quiet."""
    if quiet or not sys.stderr.isatty():
        return nullcontext(None)
    return _RichProgress(lang, total)


class _RichProgress:
    def __init__(self, lang: str, total: int | None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        from ..messages import text

        columns = [SpinnerColumn(), TextColumn("{task.fields[records]:,} " + text("batch", "progress", lang)),
                   TextColumn("{task.fields[rate]}/s"), TimeElapsedColumn()]
        if total:
            columns[1:1] = [BarColumn()]
            columns.append(TimeRemainingColumn())
        self.progress = Progress(*columns, console=Console(stderr=True))
        self.total = total

    def __enter__(self):
        self.progress.__enter__()
        self.task = self.progress.add_task("batch", total=self.total, records=0, rate="-")
        self.start = time.monotonic()
        self.records = 0
        return self.advance

    def advance(self, records: int, size: int) -> None:
        self.records += records
        rate = self.records / max(time.monotonic() - self.start, 1e-6)
        self.progress.update(self.task, advance=size if self.total else 0, records=self.records, rate=f"{rate:,.0f}")

    def __exit__(self, *exc):
        return self.progress.__exit__(*exc)
