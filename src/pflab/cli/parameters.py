"""``pflab parameters``: every simulator parameter with its distribution, evidence and source."""

from __future__ import annotations

from pathlib import Path

import typer

from pflab.cli import app
from pflab.cli._common import FORMAT, OUT, OutputFormat, check_out, emit

__all__ = ["parameters_command"]


@app.command(
    "parameters",
    epilog="Example: pflab parameters guidance-funds --format csv",
)
def parameters_command(
    scenario: str = typer.Argument("central", help="Built-in name or scenario file."),
    fmt: OutputFormat = FORMAT,
    out: Path | None = OUT,
) -> None:
    """Every parameter of a scenario: its distribution, the bounds a scenario may not
    leave, and whether it is computed, cited, calibrated or a judgement, with the source."""
    check_out(out)
    from pflab.simulate import parameter_table

    emit(parameter_table(scenario), fmt, out=out)
