"""``pflab serve``: the local web app (loopback only unless told otherwise).

An adapter: it checks the store folder, builds :class:`pflab.web.WebSettings` and runs
:func:`pflab.web.create_app` under uvicorn.
"""

from __future__ import annotations

from pathlib import Path

import typer

from pflab.cli import app
from pflab.cli._common import err_console
from pflab.errors import ParameterError

__all__ = ["serve"]


@app.command(
    epilog="Examples: pflab serve ; pflab serve --port 8080 --store ~/pflab-runs ; "
    "pflab serve --max-draws 100000"
)
def serve(
    host: str = typer.Option(
        "127.0.0.1",
        "--host",
        help="Address to listen on. The default serves this machine only; 0.0.0.0 "
        "exposes the app to the network (it has no login).",
    ),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    store: Path = typer.Option(
        Path("pflab-store"),
        "--store",
        help="The one folder the app writes to (simulation runs in runs.duckdb).",
    ),
    max_draws: int = typer.Option(
        20_000, "--max-draws", help="Largest number of Monte Carlo draws per request."
    ),
    timeout: float = typer.Option(
        120.0, "--timeout", help="Seconds a page or API computation may take."
    ),
) -> None:
    """Serve the pflab web app: a page per report section, the JSON API at /api/v1/ and
    background simulation jobs."""
    from pflab.files import check_output_path

    if not 1 <= port <= 65535:
        raise ParameterError("port", f"{port}; expected 1-65535")
    check_output_path(store, "store", directory=True)
    import uvicorn

    from pflab.web import WebSettings, create_app

    settings = WebSettings(store=store.resolve(), host=host, max_draws=max_draws, timeout=timeout)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(
            f"warning: serving on {host}: anyone who can reach this address can use the app",
            style="yellow",
            highlight=False,
        )
    err_console.print(f"pflab serving on http://{host}:{port}/ (Ctrl-C to stop)", highlight=False)
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="warning",
        timeout_graceful_shutdown=5,
        server_header=False,
    )
