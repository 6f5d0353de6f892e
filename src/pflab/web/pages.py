"""Server-rendered pages: a home page and one page per report section.

``GET /section/{key}?economy=…`` renders the section with a form of the settings it
reads; ``GET /section/{key}/content?…`` renders the section alone, which the page's
script swaps in when the form changes (and writes the settings into the URL). Sections
are the report's own (:mod:`pflab.report.sections`), drawn by the report's template.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, get_args
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from pflab._version import __version__
from pflab.errors import PflabError
from pflab.report.content import Block, Chart
from pflab.report.page import figure_json, section_html, table_html
from pflab.report.params import FIELD_LABELS, ReportParams
from pflab.report.sections import SECTIONS, Section, section
from pflab.web.cache import CACHEABLE
from pflab.web.errors import error_detail
from pflab.web.service import Service

__all__ = ["form_fields", "pages_router"]

#: Sobol sample sizes offered in forms (powers of two).
SOBOL_CHOICES = (8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [PackageLoader("pflab.web", "templates"), PackageLoader("pflab.report", "templates")]
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    env.globals.update(figure_json=figure_json, table_html=table_html)
    return env


@cache
def _economies() -> tuple[tuple[str, str], ...]:
    from pflab.data.embedded import load_pwt

    names = load_pwt("11.0").economies
    return tuple(sorted(names.items(), key=lambda item: item[1]))


@cache
def _programmes() -> tuple[tuple[str, str], ...]:
    from pflab.policy import load_registry

    registry = load_registry()
    return tuple((p.id, f"{p.id}: {p.name_en}") for p in registry.programmes)


def form_fields(item: Section, params: ReportParams, max_draws: int) -> list[dict[str, Any]]:
    """The form's inputs for the settings a section reads, with their current values."""
    defaults = ReportParams()
    out = []
    for name in item.fields:
        info = ReportParams.model_fields[name]
        field: dict[str, Any] = {
            "name": name,
            "label": FIELD_LABELS[name],
            "value": str(getattr(params, name)),
            "default": str(getattr(defaults, name)),
            "type": "text",
            "choices": (),
            "attrs": (),
            "placeholder": info.description or "",
            "list": "",
        }
        choices = get_args(info.annotation)
        if choices:
            field["choices"] = tuple((str(c), str(c)) for c in choices)
        elif name == "sobol":
            field["choices"] = tuple((str(n), str(n)) for n in SOBOL_CHOICES)
        elif name == "programme":
            field["choices"] = (("", "every programme"), *_programmes())
        elif name == "economy":
            field["list"] = "economies"
        elif name in ("year", "draws", "seed", "shock"):
            field["type"] = "number"
            bounds = {
                "year": (("min", "1995"), ("max", "2024"), ("step", "1")),
                "draws": (("min", "100"), ("max", str(max_draws)), ("step", "100")),
                "seed": (("min", "0"), ("step", "1")),
                "shock": (("min", "-49"), ("max", "100"), ("step", "0.5")),
            }
            field["attrs"] = bounds[name]
        out.append(field)
    return out


def _query_string(params: ReportParams) -> str:
    query = params.query()
    return "?" + urlencode(query) if query else ""


def _links(params: ReportParams) -> Any:
    def links(block: Block, chart: Chart | None) -> dict[str, str]:
        from pflab.report.sections import computation

        comp = computation(block.key)
        query = {k: v for k, v in params.query().items() if k in comp.fields}
        json_q = urlencode(query)
        table = next(iter(block.result.tables())) if chart is None else chart.table
        csv_q = urlencode({**query, "table": table})
        return {
            "csv": f"/api/v1/{block.key}.csv?{csv_q}",
            "json": f"/api/v1/{block.key}" + (f"?{json_q}" if json_q else ""),
        }

    return links


def _known(exc: PflabError) -> JSONResponse:
    return JSONResponse({"detail": error_detail(exc)}, status_code=422)


def pages_router() -> APIRouter:
    """The HTML routes (left out of the OpenAPI schema: the API is ``/api/v1``)."""
    router = APIRouter(include_in_schema=False)
    keys = [s.key for s in SECTIONS]

    def base_context(params: ReportParams, current: str, title: str) -> dict[str, Any]:
        return {
            "sections": SECTIONS,
            "query_string": _query_string(params),
            "current": current,
            "version": __version__,
            "page_title": title,
        }

    @router.get("/", response_class=HTMLResponse)
    def home(q: Annotated[ReportParams, Query()]) -> HTMLResponse:
        template = _environment().get_template("home.html")
        return HTMLResponse(template.render(**base_context(q, "", "Home")))

    async def rendered(request: Request, key: str, params: ReportParams, whole: bool) -> Response:
        service: Service = request.app.state.service
        if key not in keys:
            return JSONResponse({"detail": f"no section {key!r}"}, status_code=404)
        item = section(key)
        try:
            service.check_draws(params)
        except ValueError as exc:
            return JSONResponse(
                {"detail": [{"loc": ["query", "draws"], "msg": str(exc), "type": "value_error"}]},
                status_code=422,
            )

        def render() -> bytes:
            content = service.content(item, params)
            fragment = section_html(content, _links(params))
            if not whole:
                return fragment.encode()
            template = _environment().get_template("section_page.html")
            return template.render(
                **base_context(params, key, item.title),
                item=item,
                fields=form_fields(item, params, service.settings.max_draws),
                economies=_economies() if "economy" in item.fields else (),
                section_html=Markup(fragment),
            ).encode()

        background = [c for c in item.computations if c.background]
        page_key = ("page", key, whole, *params.subset(item.fields))
        cacheable = not background or all(service.stored(c, params) for c in background)
        keep = {CACHEABLE.decode(): "1"} if cacheable else {}
        cached = service.pages.get(page_key) if cacheable else None
        if cached is not None:  # served from the event loop, no worker thread
            return HTMLResponse(cached, headers=keep)
        try:
            if cacheable:
                body = await service.in_thread(
                    lambda: service.pages.get_or_compute(page_key, render)
                )
            else:
                body = await service.in_thread(render)
        except PflabError as exc:
            return _known(exc)
        return HTMLResponse(body, headers=keep)

    @router.get("/section/{key}", response_class=HTMLResponse)
    async def page(request: Request, key: str, q: Annotated[ReportParams, Query()]) -> Response:
        return await rendered(request, key, q, whole=True)

    @router.get("/section/{key}/content", response_class=HTMLResponse)
    async def fragment(request: Request, key: str, q: Annotated[ReportParams, Query()]) -> Response:
        return await rendered(request, key, q, whole=False)

    return router
