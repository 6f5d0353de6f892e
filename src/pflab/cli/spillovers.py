"""``pflab spillovers``: do suppliers' TFP gains raise their users' TFP growth (CIP 4.0)?

An adapter: it parses options, checks output paths, calls
:func:`pflab.accounting.spillovers.spillovers` and hands the result to
:func:`pflab.cli._common.emit`; ``--plot`` draws the supplier-against-own scatter.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from pflab.cli import app
from pflab.cli._common import FORMAT, OUT, PLOT, OutputFormat, check_out, check_plot, emit

__all__ = ["spillovers"]


class Group(StrEnum):
    """Supplier groups (the keys of pflab.accounting.INDUSTRY_GROUPS; a test keeps them equal)."""

    ict = "ict"
    manufacturing = "manufacturing"
    mining_utilities = "mining-utilities"
    construction_real_estate = "construction-real-estate"
    market_services = "market-services"
    non_market_services = "non-market-services"
    agriculture = "agriculture"


@app.command(
    epilog="Examples: pflab spillovers CHN ; pflab spillovers CHN --group manufacturing "
    "--plot spill.html ; pflab spillovers CHN -f json"
)
def spillovers(
    economy: str = typer.Argument(..., help="CHN (CIP 4.0 covers China only)."),
    group: Group = typer.Option(
        Group.ict, "--group", help="Supplier group whose TFP growth may spill over."
    ),
    lag: int = typer.Option(
        1, "--lag", help="Years between the suppliers' TFP growth and the users' (1-3)."
    ),
    fmt: OutputFormat = FORMAT,
    plot: Path | None = PLOT,
    out: Path | None = OUT,
) -> None:
    """Test whether an industry's TFP growth rises with its suppliers' (input-share
    weighted, lagged), in a panel of CIP 4.0's industries with industry and year effects."""
    check_plot(plot)
    check_out(out)
    from pflab.accounting.spillovers import spillovers as estimate

    result = estimate(economy, group=group.value, lag=lag)

    def figure() -> object:
        from pflab.report.industry import spillover_figure

        return spillover_figure(result)

    emit(result, fmt, out=out, plot=plot, figure=figure)
