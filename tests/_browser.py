"""Shared pieces of the browser tests: Debian's Chromium through Playwright, a live server.

Playwright's own browser download is not reachable here, so the tests drive
``/usr/bin/chromium`` (Debian's package, installed by ``.ci/run``) through
``executable_path``; they are skipped, saying so, where it is absent.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("PFLAB_CHROMIUM", "/usr/bin/chromium"))

#: Chromium as root in a container, with no background connections to the closed network.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def require_chromium() -> None:
    """Skip, with the reason, where Debian's chromium is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (.ci/run does)")


@contextmanager
def launched() -> Iterator[Any]:
    """A headless Chromium browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def free_port() -> int:
    """An unused TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Run ``app`` under uvicorn on loopback in a thread; yield its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(60)


class Console:
    """Collects a page's console errors and uncaught exceptions."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        page.on("console", self._message)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _message(self, message: Any) -> None:
        if message.type in ("error", "warning") and "DevTools" not in message.text:
            self.errors.append(f"{message.type}: {message.text}")


def screenshots_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: ``$PFLAB_SCREENSHOTS`` if set, else a temporary folder."""
    chosen = os.environ.get("PFLAB_SCREENSHOTS")
    if chosen:
        path = Path(chosen)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")


def wait_for_charts(page: Any, timeout: float = 120.0) -> int:
    """Wait until every chart on the page is drawn; return how many there are."""
    deadline = time.monotonic() + timeout
    plots = page.locator("div.plot")
    while True:
        total = plots.count()
        drawn = page.locator("div.plot[data-drawn='true'] svg.main-svg").count()
        if total and drawn >= total:
            return total
        if not total and page.locator("section.section").count():
            return 0
        if time.monotonic() > deadline:
            raise AssertionError(f"{drawn} of {total} charts drawn after {timeout} s")
        page.wait_for_timeout(200)


def check_charts(page: Any) -> list[str]:
    """Every chart has a title, units and a source line; return the chart keys."""
    keys = []
    figures = page.locator("figure.chart")
    for i in range(figures.count()):
        figure = figures.nth(i)
        key = figure.get_attribute("data-chart") or f"#{i}"
        title = figure.locator(".chart-title").inner_text().strip()
        units = figure.locator(".chart-units").inner_text().strip()
        sources = [s.strip() for s in figure.locator(".chart-source").all_inner_texts()]
        assert title, f"chart {key} has no title"
        assert units.startswith("Units: ") and len(units) > len("Units: "), key
        assert sources and all(s.startswith("Source: ") and len(s) > 12 for s in sources), key
        assert figure.locator("svg.main-svg").count() >= 1, f"chart {key} not drawn"
        keys.append(key)
    return keys
