"""The local web app: a page per report section and a versioned JSON API.

``pflab serve`` runs :func:`create_app` under uvicorn. Pages are rendered on the server
from the same section objects as the report (:mod:`pflab.report.sections`); the page's
state lives in its URL. The JSON API (``/api/v1/…``, schema at ``/api/v1/openapi.json``)
serves every computation's result as :meth:`pflab.result.Result.to_dict`. Long
simulations run as background jobs in one job-runner process that owns the DuckDB store.
Safe by default: loopback only, no user-supplied paths, request size and time limits,
a content security policy allowing only the app's own scripts.
"""

from pflab.web.app import create_app
from pflab.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
