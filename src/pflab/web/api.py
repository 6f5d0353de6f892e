"""The versioned JSON API: every computation at ``/api/v1/<key>``, jobs at ``/api/v1/jobs``.

Routes are generated from :data:`pflab.report.sections.COMPUTATIONS`: each computation
gets ``GET /api/v1/<key>`` (the result's :meth:`~pflab.result.Result.to_dict`) and
``GET /api/v1/<key>.csv?table=NAME`` (one table as CSV), with a query model holding only
the fields it reads, so the OpenAPI schema documents each one exactly. Background
computations (simulations) are started with ``POST /api/v1/jobs`` and their results read
from ``/api/v1/jobs/{id}/result`` or, once finished, from their own route.
"""

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from pflab._version import __version__
from pflab.errors import PflabError
from pflab.report.computation import Computation
from pflab.report.params import ReportParams
from pflab.report.sections import COMPUTATIONS, SECTIONS
from pflab.web.cache import CACHEABLE
from pflab.web.errors import error_detail
from pflab.web.jobs import JobQueueFullError
from pflab.web.service import Service, TooManyDrawsError

__all__ = ["ResultModel", "api_router", "params_from"]

_TABLE = r"^[a-z][a-z0-9_]{0,40}$"

#: Marks a response that depends only on its URL (see pflab.web.cache.ResponseCache).
_KEEP = {CACHEABLE.decode(): "1"}


class ResultModel(BaseModel):
    """The JSON shape of every result (``pflab.result/1``)."""

    model_config = ConfigDict(extra="allow")

    schema_: str = Field(alias="schema", description="always pflab.result/1")
    kind: str = Field(description="the result class")
    title: str
    pflab_version: str
    stamp: str = Field(description="pflab version, title, data vintages, seed")
    notes: list[str]
    provenance: dict[str, Any] = Field(description="method, parameters, sources")
    columns: dict[str, str] = Field(description="meaning and unit of each column")
    tables: dict[str, list[dict[str, Any]]] = Field(description="each table's records")


class Problem(BaseModel):
    """An error that is not about one field."""

    detail: str


class JobRequest(BaseModel):
    """A background computation to run."""

    model_config = ConfigDict(extra="forbid")

    computation: str = Field(
        pattern=r"^[a-z]+/[a-z_-]+$", description="computation key, e.g. simulate/scenarios"
    )
    params: ReportParams = Field(default_factory=ReportParams)


class JobModel(BaseModel):
    """A job's state."""

    id: str
    computation: str
    params: dict[str, Any]
    state: Literal["queued", "running", "done", "failed", "cancelled"]
    progress: dict[str, int]
    message: str
    created: float
    finished: float | None


def _query_model(comp: Computation, csv: bool = False) -> type[BaseModel]:
    """A pydantic model of the query fields ``comp`` reads (extra fields are refused).

    With ``csv``, the model also has ``table``: the name of the table to write.
    """
    fields: dict[str, Any] = {
        name: (ReportParams.model_fields[name].annotation, ReportParams.model_fields[name])
        for name in comp.fields
    }
    if csv:
        fields["table"] = (
            str,
            Field(default="", pattern=_TABLE, description="table name (default: the main one)"),
        )
    name = "".join(p.title() for p in re.split(r"[/_-]", comp.key)) + ("Csv" if csv else "Query")
    model: type[BaseModel] = create_model(
        name, __config__=ConfigDict(extra="forbid", frozen=True), **fields
    )
    return model


def params_from(values: dict[str, Any], where: str = "query") -> ReportParams:
    """Full settings from a subset, the model's own checks applied (422 naming the field)."""
    try:
        return ReportParams(**values)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": (where, *e["loc"])} for e in exc.errors(include_url=False)]
        ) from None


def _known(exc: PflabError, where: str = "query") -> JSONResponse:
    return JSONResponse({"detail": error_detail(exc, where)}, status_code=422)


_RESPONSES: dict[int | str, dict[str, Any]] = {
    422: {"description": "invalid settings, naming the field"},
    503: {"model": Problem, "description": "the computation took too long"},
}


def _add_computation(router: APIRouter, comp: Computation) -> None:
    query = _query_model(comp)
    csv_query = _query_model(comp, csv=True)

    async def result_json(request: Request, q: Annotated[query, Query()]) -> Response:  # type: ignore[valid-type]
        service: Service = request.app.state.service
        params = params_from(q.model_dump())  # type: ignore[attr-defined]
        cached = service.pages.get(("json", *comp.cache_key(params)))
        if cached is not None:  # served from the event loop, no worker thread
            return Response(cached, media_type="application/json", headers=_KEEP)
        if comp.background:
            found = service.stored(comp, params)
            if found is None:
                raise HTTPException(
                    404,
                    "not computed yet with these settings: start it with POST /api/v1/jobs "
                    f'{{"computation": "{comp.key}", "params": {{...}}}}',
                )
            return _cached_json(service, comp, params, lambda: found)
        try:
            result = await service.in_thread(lambda: service.result(comp, params))
        except PflabError as exc:
            return _known(exc)
        return _cached_json(service, comp, params, lambda: result)

    async def result_csv(
        request: Request,
        q: Annotated[csv_query, Query()],  # type: ignore[valid-type]
    ) -> Response:
        service: Service = request.app.state.service
        values = q.model_dump()  # type: ignore[attr-defined]
        table = values.pop("table")
        params = params_from(values)
        csv_key = ("csv", table, *comp.cache_key(params))
        cached = service.pages.get(csv_key)
        if cached is not None:
            return _csv_response(cached, f"{comp.slug}-{table or 'main'}.csv")
        if comp.background:
            stored = service.stored(comp, params)
            if stored is None:
                raise HTTPException(404, "not computed yet with these settings")
            result = stored
        else:
            try:
                result = await service.in_thread(lambda: service.result(comp, params))
            except PflabError as exc:
                return _known(exc)
        tables = result.tables()
        name = table or next(iter(tables))
        if name not in tables:
            raise RequestValidationError(
                [
                    {
                        "loc": ("query", "table"),
                        "msg": f"no table {name!r}; this result has {', '.join(tables)}",
                        "type": "value_error",
                    }
                ]
            )
        body = result.to_csv(name).encode()
        service.pages.put(csv_key, body)
        return _csv_response(body, f"{comp.slug}-{table or 'main'}.csv")

    summary = comp.heading
    router.add_api_route(
        f"/{comp.key}",
        result_json,
        methods=["GET"],
        summary=summary,
        description=comp.description or summary,
        response_model=None,
        responses={200: {"model": ResultModel, "description": "the result"}, **_RESPONSES,
                   404: {"model": Problem, "description": "a background result not run yet"}},
        operation_id=f"get_{comp.slug.replace('-', '_')}",
        tags=[comp.key.split("/")[0]],
    )  # fmt: skip
    router.add_api_route(
        f"/{comp.key}.csv",
        result_csv,
        methods=["GET"],
        summary=f"{summary} (CSV)",
        description=f"One table of the result as CSV (first line: the stamp). {comp.description}",
        response_model=None,
        responses={200: {"content": {"text/csv": {}}, "description": "CSV"}, **_RESPONSES,
                   404: {"model": Problem, "description": "a background result not run yet"}},
        operation_id=f"get_{comp.slug.replace('-', '_')}_csv",
        tags=[comp.key.split("/")[0]],
    )  # fmt: skip


def _csv_response(body: bytes, filename: str) -> Response:
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{filename}"', **_KEEP},
    )


def _cached_json(service: Service, comp: Computation, params: ReportParams, get: Any) -> Response:
    key = ("json", *comp.cache_key(params))
    body = service.pages.get_or_compute(key, lambda: get().to_json(indent=None).encode())
    return Response(body, media_type="application/json", headers=_KEEP)


def api_router() -> APIRouter:
    """The ``/api/v1`` routes."""
    router = APIRouter(prefix="/api/v1")

    @router.get("/", summary="What the API offers", tags=["meta"])
    def index() -> dict[str, Any]:
        return {
            "pflab_version": __version__,
            "openapi": "/api/v1/openapi.json",
            "sections": sections(),
            "jobs": "/api/v1/jobs",
        }

    @router.get("/sections", summary="The report's sections and their computations", tags=["meta"])
    def sections() -> list[dict[str, Any]]:
        out = []
        for item in SECTIONS:
            comps = []
            for comp in item.computations:
                missing = comp.missing()
                comps.append(
                    {
                        "key": comp.key,
                        "heading": comp.heading,
                        "fields": list(comp.fields),
                        "background": comp.background,
                        "available": missing is None,
                        "reason": "" if missing is None else missing.reason,
                        "url": f"/api/v1/{comp.key}",
                    }
                )
            out.append(
                {
                    "key": item.key,
                    "title": item.title,
                    "question": item.question,
                    "fields": list(item.fields),
                    "computations": comps,
                }
            )
        return out

    # a computation whose capability is absent gets no route (the schema documents what
    # this version can answer); /api/v1/sections says why, and so does its 404
    for comp in COMPUTATIONS.values():
        if comp.missing() is None:
            _add_computation(router, comp)

    job_id = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="job id")]

    def manager(request: Request) -> Any:
        service: Service = request.app.state.service
        if service.jobs is None:
            raise HTTPException(503, "background jobs are switched off on this server")
        return service.jobs

    @router.post(
        "/jobs",
        status_code=202,
        summary="Start a background computation",
        tags=["jobs"],
        responses={400: {"model": Problem, "description": "the body is not JSON"},
                   422: {"description": "invalid settings, naming the field"},
                   429: {"model": Problem, "description": "too many jobs queued"},
                   501: {"model": Problem, "description": "capability not available"},
                   503: {"model": Problem, "description": "jobs switched off"}},
    )  # fmt: skip
    def submit(request: Request, body: JobRequest) -> JobModel:
        service: Service = request.app.state.service
        comp = COMPUTATIONS.get(body.computation)
        if comp is None:
            raise RequestValidationError(
                [
                    {
                        "loc": ("body", "computation"),
                        "msg": f"unknown computation; choose from {', '.join(COMPUTATIONS)}",
                        "type": "value_error",
                    }
                ]
            )
        try:
            service.check_draws(body.params)
        except TooManyDrawsError as exc:
            raise RequestValidationError(
                [{"loc": ("body", "params", "draws"), "msg": str(exc), "type": "value_error"}]
            ) from None
        missing = comp.missing()
        if missing is not None:
            raise HTTPException(501, missing.reason)
        try:
            job = manager(request).submit(comp, body.params)
        except JobQueueFullError as exc:
            raise HTTPException(429, str(exc)) from None
        return JobModel(**job.to_dict())

    off: dict[int | str, dict[str, Any]] = {
        503: {"model": Problem, "description": "jobs switched off"}
    }
    unknown: dict[int | str, dict[str, Any]] = {
        404: {"model": Problem, "description": "no such job"},
        **off,
    }

    @router.get("/jobs", summary="Every job, newest first", tags=["jobs"], responses=off)
    def jobs(request: Request) -> list[JobModel]:
        return [JobModel(**j.to_dict()) for j in manager(request).jobs()]

    @router.get("/jobs/{job}", summary="A job's state", tags=["jobs"], responses=unknown)
    def job_state(request: Request, job: job_id) -> JobModel:
        found = manager(request).get(job)
        if found is None:
            raise HTTPException(404, "no such job")
        return JobModel(**found.to_dict())

    @router.delete(
        "/jobs/{job}", status_code=202, summary="Cancel a job", tags=["jobs"], responses=unknown
    )
    def cancel(request: Request, job: job_id) -> JobModel:
        found = manager(request).cancel(job)
        if found is None:
            raise HTTPException(404, "no such job")
        return JobModel(**found.to_dict())

    @router.get(
        "/jobs/{job}/result",
        summary="A finished job's result",
        tags=["jobs"],
        response_model=None,
        responses={200: {"model": ResultModel, "description": "the result"},
                   404: {"model": Problem, "description": "no such job"},
                   409: {"model": Problem, "description": "not finished"},
                   410: {"model": Problem, "description": "result no longer kept; run again"},
                   503: {"model": Problem, "description": "jobs switched off"}},
    )  # fmt: skip
    def job_result(request: Request, job: job_id) -> Response:
        jobs_ = manager(request)
        found = jobs_.get(job)
        if found is None:
            raise HTTPException(404, "no such job")
        if found.state != "done":
            raise HTTPException(409, f"the job is {found.state}")
        key = jobs_.result_key(job)
        service: Service = request.app.state.service
        result = None if key is None else service.results.get(key)
        if result is None:
            raise HTTPException(410, "the result is no longer kept; run the job again")
        return Response(result.to_json(indent=None).encode(), media_type="application/json")

    return router
