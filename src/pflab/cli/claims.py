"""``pflab claims``: the essay's quantitative claims beside pflab's measurements.

An adapter over :func:`pflab.claims.evaluate` (the ledger) and, with ``--structure``,
:func:`pflab.policy.structure.economy_structure` (consumer-oriented services, high tech
and exports in the input–output tables, the measures behind several claims).
"""

from __future__ import annotations

from pathlib import Path

import typer

from pflab.cli import app
from pflab.cli._common import (
    FORMAT,
    OUT,
    OutputFormat,
    check_out,
    emit,
    explicit_options,
    reject_options,
    split_list,
)
from pflab.errors import ParameterError

__all__ = ["claims"]

_LEDGER_OPTIONS = ("only", "claims_file")
_STRUCTURE_OPTIONS = ("years", "economy", "source", "sectors")


@app.command(
    epilog="Examples: pflab claims ; pflab claims --only manufacturing-share,tfp-recent -f csv ; "
    "pflab claims --structure --years 2002-2020"
)
def claims(
    only: str | None = typer.Option(
        None, "--only", help="Evaluate only these claim ids, e.g. tfp-recent,manufacturing-share."
    ),
    claims_file: Path | None = typer.Option(
        None,
        "--claims",
        help="Read this claims file (YAML, the shipped file's layout) instead of pflab's own.",
    ),
    structure: bool = typer.Option(
        False,
        "--structure",
        help="Instead of the ledger: consumer-oriented services, high tech and exports in the "
        "input-output tables, by year.",
    ),
    years: str | None = typer.Option(
        None, "--years", help="With --structure: table years, e.g. 2002-2020 or 2018,2020."
    ),
    economy: str = typer.Option("CHN", "--economy", help="With --structure: the economy."),
    source: str = typer.Option(
        "nbs", "--source", help="With --structure: nbs (China's own tables), oecd or wiod."
    ),
    sectors: int | None = typer.Option(
        None, "--sectors", help="With --structure: the table's detail (NBS 2017-2020: 42)."
    ),
    fmt: OutputFormat = FORMAT,
    out: Path | None = OUT,
) -> None:
    """Each quantitative claim of the essay beside pflab's measurement, source, verdict and
    the command that reproduces it; claims pflab cannot measure yet say why."""
    check_out(out)
    if structure:
        reject_options(_LEDGER_OPTIONS, "--structure")
        from pflab.policy.structure import economy_structure

        emit(
            economy_structure(years, economy=economy, source=source, sectors=sectors),
            fmt,
            out=out,
        )
        return
    given = [name for name in _STRUCTURE_OPTIONS if name in explicit_options()]
    if given:
        raise ParameterError(given[0], "applies only with --structure")
    from pflab.claims import evaluate

    ids = split_list(only, "only") or None
    emit(evaluate(claims_file, only=ids), fmt, out=out)
