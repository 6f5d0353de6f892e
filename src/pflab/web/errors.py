"""Known errors as 422 responses naming the field; anything else as a bare 500.

A :class:`pflab.errors.PflabError` raised by a computation is the user's to fix: it
becomes 422 with FastAPI's validation shape, ``{"detail": [{"loc": ["query", field],
"msg": ..., "type": ...}]}``, the field being the form/query field the error is about.
Any other exception is a bug: the client gets ``{"detail": "internal error"}`` and the
traceback goes to the server's log only.
"""

from __future__ import annotations

from typing import Any

from pflab.errors import LookupFailedError, ParameterError, PflabError
from pflab.report.params import ReportParams

__all__ = ["error_detail", "field_of"]

#: Library parameter or lookup names that are a form field under another name.
_ALIASES = {
    "country": "economy",
    "region": "economy",
    "vintages": "vintage",
    "scenario": "scenarios",
    "programmes": "programme",
    "seed": "seed",
}


def field_of(exc: PflabError) -> str | None:
    """The :class:`~pflab.report.params.ReportParams` field an error is about, if any."""
    name: str | None = None
    if isinstance(exc, ParameterError):
        name = exc.parameter.lstrip("-").replace("-", "_").split(".")[0]
    elif isinstance(exc, LookupFailedError):
        name = exc.kind
    if name is None:
        return None
    name = _ALIASES.get(name, name)
    return name if name in ReportParams.model_fields else None


def error_detail(exc: PflabError, where: str = "query") -> list[dict[str, Any]]:
    """The 422 ``detail`` list for a known error."""
    field = field_of(exc)
    message = exc.detail if isinstance(exc, ParameterError) else str(exc)
    loc: list[str] = [where, field] if field else [where]
    return [{"loc": loc, "msg": message, "type": type(exc).__name__}]
