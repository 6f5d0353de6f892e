"""The ``pflab`` command line: thin commands over the library API.

Each command lives in its own module and registers on :data:`app` when imported here.
"""

from __future__ import annotations

import typer

from pflab._version import __version__
from pflab.cli._common import PflabTyper

__all__ = ["app", "main"]

app = PflabTyper(
    name="pflab",
    help="pflab, the productive-forces lab: measure, map and simulate technology-led growth.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pflab {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """pflab, the productive-forces lab."""


# Command modules register themselves on `app` when imported.
from pflab.cli import backtest as _backtest  # noqa: E402, F401
from pflab.cli import claims as _claims  # noqa: E402, F401
from pflab.cli import gvc as _gvc  # noqa: E402, F401
from pflab.cli import history as _history  # noqa: E402, F401
from pflab.cli import network as _network  # noqa: E402, F401
from pflab.cli import parameters as _parameters  # noqa: E402, F401
from pflab.cli import policy as _policy  # noqa: E402, F401
from pflab.cli import report as _report  # noqa: E402, F401
from pflab.cli import serve as _serve  # noqa: E402, F401
from pflab.cli import simulate as _simulate  # noqa: E402, F401
from pflab.cli import spillovers as _spillovers  # noqa: E402, F401
from pflab.cli import terms as _terms  # noqa: E402, F401
from pflab.cli import tfp as _tfp  # noqa: E402, F401
from pflab.cli import world as _world  # noqa: E402, F401


def main() -> None:
    """Entry point of the ``pflab`` console script."""
    app()
