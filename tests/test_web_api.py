"""The web app's JSON API and pages through the ASGI test client (no browser)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pflab.report.computation import Computation, Requirement
from pflab.report.sections import COMPUTATIONS, SECTIONS
from pflab.web import WebSettings, create_app
from pflab.web.cache import ResponseCache

LOCAL = "http://127.0.0.1"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = tmp_path_factory.mktemp("store")
    app = create_app(WebSettings(store=store, jobs=False, max_draws=5_000))
    with TestClient(app, base_url=LOCAL) as test_client:
        yield test_client


def test_every_computation_has_a_route(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for key, comp in COMPUTATIONS.items():
        present = comp.missing() is None
        assert (f"/api/v1/{key}" in paths) == present
        assert (f"/api/v1/{key}.csv" in paths) == present
    # each route's query holds only the settings its computation reads
    eras = {p["name"] for p in paths["/api/v1/accounting/eras"]["get"]["parameters"]}
    assert eras == set(COMPUTATIONS["accounting/eras"].fields)
    listing = client.get("/api/v1/sections").json()
    assert [s["title"] for s in listing] == [s.title for s in SECTIONS]


def test_result_is_to_dict_and_csv_is_to_csv(client: TestClient) -> None:
    from pflab.accounting import vintage_comparison

    body = client.get("/api/v1/accounting/vintages", params={"economy": "China"}).json()
    expected = vintage_comparison("China").to_dict()
    assert body == expected
    csv = client.get("/api/v1/accounting/vintages.csv", params={"economy": "CHN"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text == vintage_comparison("CHN").to_csv()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/accounting/eras?economy=Atlantis", "economy"),
        ("/api/v1/accounting/eras?method=magic", "method"),
        ("/api/v1/accounting/eras?eras=2010-2000", "eras"),
        ("/api/v1/accounting/eras?peers=JPN,JPN", "peers"),
        ("/api/v1/accounting/eras?path=/etc/passwd", "path"),
        ("/api/v1/accounting/sensitivity.csv?table=nope", "table"),
        ("/api/v1/network/position?year=1990", "year"),
        ("/section/productivity?vintage=9", "vintage"),
        ("/section/scenarios?draws=6000", "draws"),
    ],
)
def test_invalid_input_is_422_naming_the_field(client: TestClient, url: str, field: str) -> None:
    response = client.get(url)
    assert response.status_code == 422, response.text
    fields = [d["loc"][-1] for d in response.json()["detail"]]
    assert field in fields
    assert "Traceback" not in response.text


def test_security_headers_and_loopback_hosts(client: TestClient) -> None:
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp
    assert "default-src 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    # plotly.js comes from the installed package, never a CDN
    script = client.get("/static/plotly.min.js")
    assert script.status_code == 200 and len(script.content) > 1_000_000
    assert client.get("/static/../../etc/passwd").status_code == 404
    assert "cdn" not in client.get("/section/data").text.split("<main>")[0]


def test_request_size_limit(client: TestClient) -> None:
    response = client.post(
        "/api/v1/jobs",
        content=b"{" + b" " * 20_000 + b"}",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413


@pytest.mark.filterwarnings("ignore:Duplicate Operation ID")
def test_missing_capability_is_404_saying_why(tmp_path: Path) -> None:
    from pflab.web.api import api_router

    comp = Computation(
        "test/future",
        "Future",
        (),
        run=lambda p, c: None,  # type: ignore[arg-type,return-value]
        requires=(Requirement("pflab.future_thing", "", "the future thing"),),
    )
    COMPUTATIONS["test/future"] = comp
    try:
        app = create_app(WebSettings(store=tmp_path, jobs=False))
        app.include_router(api_router())
        with TestClient(app, base_url=LOCAL) as test_client:
            response = test_client.get("/api/v1/test/future")
            paths = test_client.get("/api/v1/openapi.json").json()["paths"]
    finally:
        del COMPUTATIONS["test/future"]
    assert response.status_code == 404
    assert response.json()["detail"].startswith("not available yet: the future thing")
    assert "/api/v1/test/future" not in paths


def test_jobs_switched_off_is_503(client: TestClient) -> None:
    response = client.post("/api/v1/jobs", json={"computation": "accounting/vintages"})
    assert response.status_code == 503


@pytest.mark.filterwarnings("ignore:Duplicate Operation ID")
def test_unknown_error_never_leaks_a_traceback(tmp_path: Path) -> None:
    def broken(params: object, context: object) -> object:
        raise RuntimeError("secret internals /home/user/file.py")

    app = create_app(WebSettings(store=tmp_path, jobs=False))
    comp = Computation("test/broken", "Broken", (), run=broken)  # type: ignore[arg-type]
    COMPUTATIONS["test/broken"] = comp
    try:
        from pflab.web.api import api_router

        app.include_router(api_router())
        with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as test_client:
            response = test_client.get("/api/v1/test/broken")
    finally:
        del COMPUTATIONS["test/broken"]
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error (see the server log)"}
    assert "secret" not in response.text


def test_page_form_and_state_in_links(client: TestClient) -> None:
    page = client.get("/section/productivity", params={"economy": "JPN", "method": "stock"})
    assert page.status_code == 200
    html = page.text
    assert 'name="economy"' in html and 'value="JPN"' in html
    assert '<option value="stock" selected>' in html
    # the settings travel with the navigation links, so views can be shared
    assert 'href="/section/strategy?economy=JPN&amp;method=stock"' in html
    # every chart offers its data as CSV and JSON, with the page's settings
    assert "/api/v1/accounting/eras.csv?economy=JPN&amp;method=stock&amp;table=eras" in html
    fragment = client.get("/section/productivity/content", params={"economy": "JPN"})
    assert fragment.text.lstrip().startswith('<section class="section" id="productivity"')


def test_job_runner_runs_cancels_and_bounds(tmp_path: Path) -> None:
    app = create_app(WebSettings(store=tmp_path / "store", max_jobs=3))
    with TestClient(app, base_url=LOCAL) as test_client:
        started = test_client.post(
            "/api/v1/jobs",
            json={"computation": "accounting/vintages", "params": {"economy": "JPN"}},
        )
        assert started.status_code == 202
        job = started.json()
        queued = [
            test_client.post(
                "/api/v1/jobs",
                json={"computation": "accounting/vintages", "params": {"economy": e}},
            )
            for e in ("KOR", "USA", "DEU")
        ]
        assert [r.status_code for r in queued][-1] == 429  # the operator's bound
        cancelled = test_client.delete(f"/api/v1/jobs/{queued[1].json()['id']}")
        assert cancelled.status_code == 202
        deadline = time.monotonic() + 120
        state = job
        while time.monotonic() < deadline:
            state = test_client.get(f"/api/v1/jobs/{job['id']}").json()
            if state["state"] in ("done", "failed"):
                break
            time.sleep(0.3)
        assert state["state"] == "done", state
        result = test_client.get(f"/api/v1/jobs/{job['id']}/result").json()
        assert result["kind"] == "VintageComparison" and "Japan" in result["title"]
        while time.monotonic() < deadline:
            other = test_client.get(f"/api/v1/jobs/{queued[1].json()['id']}").json()
            if other["state"] in ("cancelled", "done", "failed"):
                break
            time.sleep(0.3)
        assert other["state"] == "cancelled"
        too_many = test_client.post(
            "/api/v1/jobs",
            json={"computation": "accounting/vintages", "params": {"draws": 30_000}},
        )
        assert too_many.status_code == 422
        assert too_many.json()["detail"][0]["loc"] == ["body", "params", "draws"]
        assert test_client.get("/api/v1/jobs/" + "0" * 32).status_code == 404
    # the runner wrote nothing outside the store folder
    assert {p.name for p in tmp_path.iterdir()} == {"store"}


def _response_cache(app: object) -> ResponseCache:
    """The app's ResponseCache middleware instance (the stack is built on first request)."""
    node = app.middleware_stack  # type: ignore[attr-defined]
    while not isinstance(node, ResponseCache):
        node = node.app
    return node


def test_response_cache_replays_only_marked_200_gets() -> None:
    calls: list[tuple[str, str]] = []

    async def inner(scope: dict[str, Any], receive: Any, send: Any) -> None:
        calls.append((scope["method"], scope["path"]))
        status = 404 if scope["path"] == "/missing" else 200
        marked = scope["path"] != "/unmarked"
        headers = [(b"content-type", b"text/plain"), (b"x-other", b"1")]
        if marked:
            headers.append((b"X-Pflab-Cacheable", b"1"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"part one ", "more_body": True})
        await send({"type": "http.response.body", "body": f"{len(calls)}".encode()})

    cache = ResponseCache(inner)
    test_client = TestClient(cache, base_url=LOCAL)  # no lifespan: inner is plain HTTP
    fresh = test_client.get("/a?x=1")
    replayed = test_client.get("/a?x=1")
    assert calls == [("GET", "/a")]  # the second was answered by the cache
    assert replayed.content == fresh.content == b"part one 1"
    assert replayed.headers.multi_items() == fresh.headers.multi_items()
    assert "x-pflab-cacheable" not in fresh.headers
    test_client.get("/a?x=2")  # another query is another response
    for path in ("/missing", "/unmarked"):
        test_client.get(path)
        test_client.get(path)
    assert len(calls) == 6
    head = test_client.head("/a?x=3")
    posted = test_client.post("/a?x=1")
    assert posted.content == b"part one 8"  # never answered from the cache
    for response in (head, posted, test_client.get("/missing")):
        assert "x-pflab-cacheable" not in response.headers
    assert len(cache.cache) == 2


def test_replayed_api_responses_equal_fresh_ones(tmp_path: Path) -> None:
    url = "/api/v1/accounting/vintages?economy=KOR"
    csv_url = "/api/v1/accounting/vintages.csv?economy=KOR"
    apps = [create_app(WebSettings(store=tmp_path / name, jobs=False)) for name in "ab"]
    with TestClient(apps[0], base_url=LOCAL) as one, TestClient(apps[1], base_url=LOCAL) as two:
        fresh = [one.get(url), one.get(csv_url)]
        cache = _response_cache(apps[0])
        assert cache.cache.get(("/api/v1/accounting/vintages", b"economy=KOR")) is not None
        replayed = [one.get(url), one.get(csv_url)]
        other = [two.get(url), two.get(csv_url)]  # computed afresh by another app
        for responses in (fresh, replayed, other):
            for response in responses:
                assert response.status_code == 200
                assert "x-pflab-cacheable" not in response.headers
                assert "script-src 'self'" in response.headers["content-security-policy"]
        for a, b, c in zip(fresh, replayed, other, strict=True):
            assert a.content == b.content == c.content
            assert a.headers.multi_items() == b.headers.multi_items() == c.headers.multi_items()
        # errors are never kept, and are answered afresh each time
        for _ in range(2):
            bad = one.get("/api/v1/accounting/vintages?economy=Atlantis")
            assert bad.status_code == 422 and "x-pflab-cacheable" not in bad.headers
        assert cache.cache.get(("/api/v1/accounting/vintages", b"economy=Atlantis")) is None
        # a page waiting on background jobs (scenarios, not run) is not kept
        page = one.get("/section/scenarios/content")
        assert page.status_code == 200 and "x-pflab-cacheable" not in page.headers
        assert cache.cache.get(("/section/scenarios/content", b"")) is None


def test_a_table_only_block_links_its_csv(client: TestClient) -> None:
    # the parameter table has no chart; its page links the main table's CSV, which is served
    html = client.get("/section/data").text
    url = "/api/v1/simulate/parameters.csv?table=parameters"
    assert f'href="{url}"' in html
    response = client.get(url)
    assert response.status_code == 200 and response.text.startswith("# pflab ")
    assert "\nbudget.share_of_gdp," in response.text
