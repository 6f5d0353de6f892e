"""The report's index.html in Debian's Chromium with the network blocked.

The default report (every section, as ``pflab report`` writes it) must open with no
network: every section heading is there, every chart is drawn with a title, units and a
source line, and the console shows no errors. Each chart is saved as a screenshot (set
``PFLAB_SCREENSHOTS`` to keep them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _browser import (
    Console,
    check_charts,
    launched,
    require_chromium,
    screenshots_dir,
    wait_for_charts,
)
from pflab.report.build import build_report
from pflab.report.params import ReportParams
from pflab.report.sections import SECTIONS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_chromium()
    out = tmp_path_factory.mktemp("report") / "pflab-report"
    build_report(ReportParams(), out)
    return out / "index.html"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_chromium()
    with launched() as found:
        yield found


def test_report_opens_offline_with_every_section_and_chart(
    browser: Any, report: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    shots = screenshots_dir(tmp_path_factory)
    context = browser.new_context(viewport={"width": 1300, "height": 900}, offline=True)
    requested: list[str] = []

    def block(route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            requested.append(url)
            route.abort()

    context.route("**/*", block)
    page = context.new_page()
    console = Console(page)
    page.goto(report.as_uri(), timeout=180_000)
    headings = page.locator("h2.section-title").all_inner_texts()
    assert headings == [s.title for s in SECTIONS]
    assert page.title().startswith("pflab report")
    assert "pflab " in page.locator("#stamp").inner_text()
    count = wait_for_charts(page, timeout=180)
    assert count >= 5
    keys = check_charts(page)
    for key in keys:
        page.locator(f"#chart-{key}").screenshot(path=str(shots / f"report-{key}.png"))
    page.screenshot(path=str(shots / "report-top.png"))
    assert requested == [], f"the report asked the network for {requested}"
    assert console.errors == []
    context.close()
