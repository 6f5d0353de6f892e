"""The web app as a person uses it, in Debian's Chromium: pages, forms, URL state.

Each page is opened, its charts drawn with a title, units and a source line, and the
console stays free of errors (the content security policy is on, so an inline script or
a script from elsewhere would show up there). Screenshots are saved (set
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
    serving,
    wait_for_charts,
)
from pflab.report.sections import SECTIONS
from pflab.web import WebSettings, create_app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    store = tmp_path_factory.mktemp("store")
    app = create_app(WebSettings(store=store, max_draws=5_000))
    with serving(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_chromium()
    with launched() as found:
        yield found


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return screenshots_dir(tmp_path_factory)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    opened = context.new_page()
    try:
        yield opened
    finally:
        context.close()


@pytest.mark.parametrize("key", [s.key for s in SECTIONS])
def test_each_page_draws_its_charts(page: Any, base_url: str, shots: Path, key: str) -> None:
    console = Console(page)
    page.goto(f"{base_url}/section/{key}", timeout=180_000)
    title = next(s.title for s in SECTIONS if s.key == key)
    assert page.locator("h2.section-title").inner_text() == title
    wait_for_charts(page, timeout=180)
    check_charts(page)
    # every part is either computed, offered as a job, or says why it is not there
    parts = page.locator(".block")
    for i in range(parts.count()):
        part = parts.nth(i)
        classes = part.get_attribute("class") or ""
        if "missing" in classes:
            assert part.locator(".missing-reason").inner_text().startswith("not available yet")
    page.screenshot(path=str(shots / f"app-{key}.png"), full_page=True)
    assert console.errors == []


def test_form_change_updates_chart_and_url(page: Any, base_url: str, shots: Path) -> None:
    console = Console(page)
    page.goto(f"{base_url}/section/productivity", timeout=180_000)
    wait_for_charts(page, timeout=180)
    eras = page.locator("#chart-accounting-eras .chart-title")
    assert "method pwt" in eras.inner_text()
    page.select_option("#f-method", "bosworth-collins")
    page.wait_for_url(lambda url: "method=bosworth-collins" in url, timeout=180_000)
    page.locator("#chart-accounting-eras .chart-title", has_text="bosworth-collins").wait_for()
    wait_for_charts(page, timeout=180)
    # the CSV link follows the settings too
    link = page.locator("#chart-accounting-eras .chart-data a", has_text="CSV")
    assert "method=bosworth-collins" in (link.get_attribute("href") or "")
    # the navigation carries the state to the other pages
    assert "method=bosworth-collins" in (
        page.locator("a[data-section-link='strategy']").get_attribute("href") or ""
    )
    page.screenshot(path=str(shots / "app-productivity-changed.png"))
    # reloading the address shows the same view
    page.reload()
    wait_for_charts(page, timeout=180)
    assert page.locator("#f-method").input_value() == "bosworth-collins"
    assert "bosworth-collins" in page.locator("#chart-accounting-eras .chart-title").inner_text()
    assert console.errors == []


def test_invalid_setting_is_named_on_the_form(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/section/productivity", timeout=180_000)
    wait_for_charts(page, timeout=180)
    page.fill("#f-economy", "Atlantis")
    page.press("#f-economy", "Enter")
    error = page.locator("[data-error-for='economy']")
    error.filter(has_text="unknown economy").wait_for(timeout=60_000)
    assert "Atlantis" not in page.url  # the address keeps the last valid view


def test_chart_data_downloads(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/section/claims", timeout=180_000)
    wait_for_charts(page, timeout=180)
    figures = page.locator("figure.chart")
    assert figures.count() >= 1
    for i in range(figures.count()):
        links = figures.nth(i).locator(".chart-data a")
        csv_href = links.filter(has_text="CSV").get_attribute("href")
        json_href = links.filter(has_text="JSON").get_attribute("href")
        csv = page.request.get(base_url + csv_href)
        assert csv.ok and csv.text().startswith("# pflab ")
        body = page.request.get(base_url + json_href).json()
        assert body["schema"] == "pflab.result/1" and body["provenance"]["sources"]


def test_simulation_runs_as_a_job_and_draws(page: Any, base_url: str, shots: Path) -> None:
    console = Console(page)
    page.goto(f"{base_url}/section/scenarios?draws=200&scenarios=none,central", timeout=180_000)
    panel = page.locator(".job[data-computation='simulate/scenarios']")
    panel.locator(".run-job").click()
    # the job runs in the runner process; the page follows it, then draws the result
    page.locator("#chart-simulate-fans").wait_for(timeout=300_000)
    wait_for_charts(page, timeout=180)
    keys = check_charts(page)
    assert "simulate-fans" in keys
    # one panel per scenario: the column titles name them
    titles = page.locator("#chart-simulate-fans text.annotation-text").all_text_contents()
    assert {"none", "central"} <= set(titles)
    page.screenshot(path=str(shots / "app-scenarios-done.png"), full_page=True)
    assert console.errors == []
