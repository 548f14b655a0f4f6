"""The HTML report in a real headless browser (Debian's chromium; .ci/run installs it).

The page is loaded from disk; a copy with a checking script appended (and the page's
Content-Security-Policy, which forbids scripts, taken out) reports which pictures and
marks are laid out and visible and in which colour; then the report itself is
screenshotted and printed to PDF, as people will use it.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import FIXTURES, run_cli

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--no-pdf-header-footer"]
BAKKERIJ = FIXTURES / "dossiers" / "example-bakkerij.yaml"
SAMENTELLING = FIXTURES / "dossiers" / "samentelling-2022.yaml"
CONFLICT_POLICY = FIXTURES / "policies" / "casemanager-medische-taken.yaml"
RED = "rgb(192, 0, 0)"

_CHECK = """<script>
function seen(selector) {
  const found = [...document.querySelectorAll(selector)];
  return found.map(e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return {w: r.width, h: r.height, right: r.right, hidden: s.visibility === 'hidden' || s.display === 'none',
            stroke: s.stroke, fill: s.fill}; });
}
const selectors = SELECTORS;
const report = {width: innerWidth};
for (const selector of selectors) report[selector] = seen(selector);
document.body.setAttribute('data-checks', JSON.stringify(report));
</script>"""


@pytest.fixture(scope="module")
def chromium():
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("chromium is not installed: apt-get install -y chromium (.ci/run does this)")
    return found


def browse(chromium, tmp_path, *args) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"  # a fresh profile every time
    return subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *map(str, args)],
                          capture_output=True, text=True, timeout=180, check=True)


def report_file(tmp_path, name, *args):
    target = tmp_path / name
    result = run_cli(*args, "--format", "html", "--output", target)
    assert result.exit_code in (0, 1), result.stderr
    return target


def layout(chromium, tmp_path, page, selectors) -> dict:
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    checked = tmp_path / ("checked-" + page.name)
    checked.write_text(html.replace("</body>", _CHECK.replace("SELECTORS", json.dumps(selectors)) + "</body>"),
                       encoding="utf-8")
    dom = browse(chromium, tmp_path, "--window-size=1100,1400", "--dump-dom", checked.as_uri()).stdout
    found = re.search(r'data-checks="([^"]*)"', dom)
    assert found, "the checking script did not run"
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def visible(boxes, width) -> bool:
    return bool(boxes) and all((b["w"] > 0 or b["h"] > 0) and not b["hidden"] and b["right"] <= width + 1
                               for b in boxes)


def test_dossier_timeline_is_drawn_with_late_and_missing_steps_in_red(chromium, tmp_path):
    page = report_file(tmp_path, "dossier.html", "dossier", BAKKERIJ, "--as-of", "2026-01-15")
    checks = layout(chromium, tmp_path, page, ["svg.timeline", "svg.timeline .sick", "svg.timeline line.late",
                                               "svg.timeline path.missing", "svg.timeline .due", "svg.timeline .done",
                                               "svg.timeline .as-of", "svg.timeline .legend", "table.findings"])
    for selector in ("svg.timeline", "svg.timeline .sick", "svg.timeline line.late", "svg.timeline path.missing",
                     "svg.timeline .due", "svg.timeline .done", "svg.timeline .as-of", "svg.timeline .legend",
                     "table.findings"):
        assert visible(checks[selector], checks["width"]), selector
    assert checks["svg.timeline"][0]["w"] > 900  # the picture takes the page's width
    assert len(checks["svg.timeline line.late"]) == 2 and {b["stroke"] for b in checks["svg.timeline line.late"]} == {RED}
    assert [b["stroke"] for b in checks["svg.timeline path.missing"]] == [RED]


def test_policy_graph_is_drawn_with_the_conflict_in_red(chromium, tmp_path):
    page = report_file(tmp_path, "policy.html", "policy", CONFLICT_POLICY)
    selectors = ["svg.roles", "svg.roles .lane", "svg.roles .actor", "svg.roles .task",
                 "svg.roles .performs.conflict", "svg.roles .conflict-label", "svg.roles .legend"]
    checks = layout(chromium, tmp_path, page, selectors)
    for selector in selectors:
        assert visible(checks[selector], checks["width"]), selector
    assert len(checks["svg.roles .lane"]) == 4  # werkgever, werknemer, bedrijfsarts, verzekeraar
    assert {b["stroke"] for b in checks["svg.roles .performs.conflict"]} == {RED}
    assert {b["fill"] for b in checks["svg.roles .conflict-label"]} == {RED}


def _png_size(data: bytes) -> tuple:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _pdf_pages(data: bytes) -> int:
    assert data.startswith(b"%PDF-")
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def test_screenshot_and_pdf_of_two_dossiers(chromium, tmp_path):
    page = report_file(tmp_path, "two.html", "dossier", BAKKERIJ, SAMENTELLING, "--as-of", "2026-01-15")
    one = report_file(tmp_path, "one.html", "dossier", BAKKERIJ, "--as-of", "2026-01-15")
    shot, pdf, pdf_one = tmp_path / "two.png", tmp_path / "two.pdf", tmp_path / "one.pdf"
    browse(chromium, tmp_path, "--window-size=1100,1400", f"--screenshot={shot}", page.as_uri())
    assert _png_size(shot.read_bytes()) == (1100, 1400)
    assert shot.stat().st_size > 50_000  # a drawn page, not a blank one
    browse(chromium, tmp_path, f"--print-to-pdf={pdf}", page.as_uri())
    browse(chromium, tmp_path, f"--print-to-pdf={pdf_one}", one.as_uri())
    pages, pages_one = _pdf_pages(pdf.read_bytes()), _pdf_pages(pdf_one.read_bytes())
    assert pages_one >= 1 and pages > pages_one  # the second dossier starts on a page of its own
