"""The FastAPI application: pages, the JSON API, static files, limits and headers.

:func:`create_app` wires the pieces: the operator's :class:`~pflab.web.settings.WebSettings`,
the :class:`~pflab.web.service.Service` (caches and the job runner, started and stopped
with the app), the pages, ``/api/v1`` with its OpenAPI schema at
``/api/v1/openapi.json`` (no interactive docs: they would load scripts from a CDN), the
static files (plotly.js from the installed plotly package), and the safety layers:
trusted hosts, request body limit, security headers, and errors without tracebacks.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from pflab._version import __version__
from pflab.errors import PflabError
from pflab.report.page import plotly_js, static_text
from pflab.report.sections import COMPUTATIONS
from pflab.web.api import api_router
from pflab.web.cache import ResponseCache
from pflab.web.errors import error_detail
from pflab.web.pages import pages_router
from pflab.web.security import BodyLimit, SecurityHeaders
from pflab.web.service import Service
from pflab.web.settings import WebSettings

__all__ = ["create_app"]

log = logging.getLogger("pflab.web")

_STATIC: dict[str, tuple[str, Callable[[], str] | None]] = {
    "plotly.min.js": ("application/javascript; charset=utf-8", plotly_js),
    "charts.js": ("application/javascript; charset=utf-8", lambda: static_text("charts.js")),
    "pflab.css": ("text/css; charset=utf-8", lambda: static_text("pflab.css")),
    "app.js": ("application/javascript; charset=utf-8", None),
}


def _app_js() -> str:
    from importlib import resources

    return resources.files("pflab.web").joinpath("static", "app.js").read_text(encoding="utf-8")


def create_app(settings: WebSettings) -> FastAPI:
    """The web app for these settings.

    Parameters
    ----------
    settings
        Store folder, host, bounds and limits (see :class:`WebSettings`).
    """
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.start()
        try:
            yield
        finally:
            service.stop()

    app = FastAPI(
        title="pflab",
        version=__version__,
        description="The productive-forces lab: every computation of the pflab report as "
        "JSON (each result's to_dict(), with provenance and notes), and background "
        "simulation jobs.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = service

    @app.exception_handler(PflabError)
    async def known_error(request: Request, exc: PflabError) -> JSONResponse:
        return JSONResponse({"detail": error_detail(exc)}, status_code=422)

    @app.exception_handler(Exception)
    async def unknown_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal error (see the server log)"}, status_code=500)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        path = request.url.path
        if exc.status_code == 404 and path.startswith("/api/v1/"):
            comp = COMPUTATIONS.get(path.removeprefix("/api/v1/").removesuffix(".csv"))
            missing = None if comp is None else comp.missing()
            if missing is not None:
                return JSONResponse({"detail": missing.reason}, status_code=404)
        if exc.status_code == 405:
            allowed = sorted(
                {
                    method
                    for route in request.app.routes
                    if isinstance(route, APIRoute) and route.path_regex.match(path)
                    for method in route.methods or ()
                }
            )
            return JSONResponse(
                {"detail": exc.detail}, status_code=405, headers={"allow": ", ".join(allowed)}
            )
        return JSONResponse(
            {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
        )

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in _STATIC:
            return JSONResponse({"detail": "not found"}, status_code=404)
        media, read = _STATIC[name]
        text = _app_js() if read is None else read()
        return Response(text, media_type=media, headers={"cache-control": "public, max-age=3600"})

    @app.get("/healthz", include_in_schema=False)
    def health() -> dict[str, Any]:
        jobs = service.jobs
        return {"ok": True, "jobs": None if jobs is None else jobs.alive}

    app.include_router(api_router())
    app.include_router(pages_router())
    app.add_middleware(ResponseCache)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=settings.max_body)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)
    return app
