"""``verzuimcheck policy``: role separation in an organisation's absence policy."""
from __future__ import annotations

import sys
from datetime import date

import click

from .common import (
    FAIL_ON,
    announced_option,
    common_options,
    finish,
    guarded,
    load_all,
    load_context,
    max_findings_option,
    parse_option_date,
)
from .i18n import usage_text
from .output import (
    REPORT_FORMATS,
    STDOUT,
    check_output_path,
    input_files,
    output_option,
    output_stream,
)
from .waivers import load_waiver_file, waivers_option, with_waivers


def register(main) -> None:
    main.add_command(policy_command)


def _graph_format(graph_fmt: str | None, graph_out: str) -> str | None:
    """--graph, or the format --graph-out's suffix implies; a clash between the two is an error."""
    from pathlib import Path

    from ..report.graph import GRAPH_SUFFIXES

    if graph_out == "-":
        return graph_fmt
    suffix = Path(graph_out).suffix.lower()
    implied = GRAPH_SUFFIXES.get(suffix)
    if graph_fmt and implied and implied != graph_fmt:
        suffixes = ", ".join(s for s, f in GRAPH_SUFFIXES.items() if f == graph_fmt)
        raise click.BadParameter(usage_text("graph_clash", path=graph_out, implied=implied, graph=graph_fmt,
                                            suffixes=suffixes), param_hint="--graph-out")
    if graph_fmt:
        return graph_fmt
    if implied is None:
        raise click.UsageError(usage_text("graph_unknown_suffix", path=graph_out, known=", ".join(GRAPH_SUFFIXES)))
    return implied


def _write_graph_file(results, fmt: str, path: str, lang: str) -> None:
    from pathlib import Path

    from ..report.graph import write_graphs
    from .output import atomic_output

    markdown = Path(path).suffix.lower() == ".md"  # a mermaid diagram inside a Markdown fence
    with atomic_output(path, "--graph-out") as stream:
        if markdown:
            stream.write("```mermaid\n")
        write_graphs(results, fmt, stream, lang)
        if markdown:
            stream.write("```\n")


def _same_target(a: str, b: str) -> bool:
    from pathlib import Path

    return Path(a).resolve() == Path(b).resolve()


@click.command("policy")
@click.argument("paths", nargs=-1, required=True, type=click.Path())  # the loader reports directories
@click.option("--as-of", "as_of", metavar="DATE",
              help="Peildatum: judge the policy as on this date (default: the policy's as_of, else today).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--graph", "graph_fmt", type=click.Choice(("dot", "mermaid")),
              help="Write the role graph with its conflicts highlighted (to stdout instead of the report, "
                   "or to --graph-out).")
@click.option("--graph-out", metavar="PATH", default="-", show_default=True,
              help="File for the role graph (.dot/.gv, .mmd/.mermaid or .md, a mermaid diagram in Markdown, "
                   "imply --graph); '-' writes it to stdout in place of the report. Never an input file.")
@waivers_option
@announced_option
@output_option
@max_findings_option
@common_options(REPORT_FORMATS)
@guarded
def policy_command(paths, as_of, fail_on, graph_fmt, graph_out, waivers_path, include_announced, output, fmt, lang,
                   rule_dirs, max_bytes, debug):
    """Check organisation policies (YAML or JSON) for role conflicts: who does what, for whom."""
    from .. import report
    from ..engine import audit_policy
    from ..model.policy import load_policy
    from ..report.graph import write_graphs

    when = parse_option_date(as_of, "--as-of", lang)
    graph_fmt = _graph_format(graph_fmt, graph_out)
    check_output_path(graph_out, paths, "--graph-out")
    check_output_path(output, input_files(paths, rule_dirs) + ([waivers_path] if waivers_path else []), "--output")
    if output != STDOUT and graph_out != STDOUT and _same_target(output, graph_out):
        raise click.BadParameter(usage_text("output_is_graph_out"), param_hint="--output")
    vocab, rulebook = load_context(rule_dirs, include_announced)
    waiver_file = load_waiver_file(waivers_path, max_bytes)
    policies, errors = load_all(paths, lambda p: load_policy(p, vocab, max_bytes))
    results = with_waivers([audit_policy(p, rulebook, vocab, when) for p in policies], waiver_file, rulebook,
                           when or date.today())

    def write() -> None:
        if graph_fmt and graph_out == STDOUT:
            write_graphs(results, graph_fmt, sys.stdout, lang)
            if output == STDOUT:  # the graph takes the report's place on standard output
                return
        elif graph_fmt:
            _write_graph_file(results, graph_fmt, graph_out, lang)
        with output_stream(output) as stream:
            report.get(fmt)(results, stream, lang, many=len(paths) > 1 or waiver_file is not None)

    finish(write, results, errors, fail_on, lang)
