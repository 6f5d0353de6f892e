"""``pflab network``: where a sector sits in China's production network, and what a
productivity gain there does to aggregate TFP and GDP."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import typer

from pflab.cli import app
from pflab.cli._common import OutputFormat, console, emit_records, render_table
from pflab.data.iotables import IOTable, available_io, load_io
from pflab.errors import ParameterError

if TYPE_CHECKING:
    from pflab.network.shocks import ShockAnalysis

__all__ = ["ELASTICITIES", "network"]

# The analytics are imported when the command runs, so that the rest of the command line
# starts without them. Defaults of the nested-CES elasticities (a test pins them to
# pflab.network.DEFAULT_ELASTICITIES).
ELASTICITIES = {"theta": 0.9, "sigma": 0.5, "epsilon": 0.001}


class Sort(StrEnum):
    """Column that orders the sector table."""

    domar = "domar"
    upstreamness = "upstreamness"
    imports = "imports"
    multiplier = "multiplier"


class FactorMode(StrEnum):
    """Factor mobility in the nested-CES network."""

    mobile = "mobile"
    specific = "specific"


_SORT_COLUMN = {
    "domar": "domar_weight",
    "upstreamness": "upstreamness",
    "imports": "import_total",
    "multiplier": "output_multiplier",
}


def _position(table: IOTable, wedge: float | None) -> pd.DataFrame:
    from pflab.network import (
        distortion_centrality,
        domar_weights,
        import_content,
        multipliers,
        upstreamness,
    )

    frame = pd.DataFrame(
        {
            "name": table.names,
            "domar_weight": domar_weights(table).to_numpy(),
            "upstreamness": upstreamness(table).to_numpy(),
            "output_multiplier": multipliers(table).frame["output"].to_numpy(),
        },
        index=pd.Index(table.codes, name="sector"),
    )
    if table.Z_imports is not None:
        content = import_content(table).frame
        frame["import_direct"] = content["direct"]
        frame["import_total"] = content["total"]
    else:
        frame["import_direct"] = float("nan")
        frame["import_total"] = float("nan")
    if wedge is not None:
        frame["distortion_centrality"] = distortion_centrality(table, wedge).frame["xi"]
    return frame


@app.command()
def network(
    economy: str = typer.Argument("CHN", help="ISO code or name, e.g. CHN, JPN, KOR."),
    year: int = typer.Option(2020, "--year", "-y", help="Table year."),
    source: str = typer.Option("nbs", "--source", help="nbs (China's own tables), oecd or wiod."),
    sectors: int | None = typer.Option(
        None, "--sectors", help="Sector count when a year has several tables (e.g. 153 or 42)."
    ),
    top: int = typer.Option(15, "--top", help="Sectors to show."),
    sort: Sort = typer.Option(Sort.domar, "--sort", help="Order sectors by this column."),
    shock: list[str] | None = typer.Option(
        None,
        "--shock",
        help="SECTORS:PCT productivity gain; SECTORS are table codes or a group "
        "(semiconductors, high-tech-manufacturing, future-industries, services, …). Repeatable.",
    ),
    theta: float = typer.Option(ELASTICITIES["theta"], "--theta", help="Final-demand elasticity."),
    sigma: float = typer.Option(
        ELASTICITIES["sigma"],
        "--sigma",
        help="Elasticity between value added and intermediates.",
    ),
    epsilon: float = typer.Option(
        ELASTICITIES["epsilon"], "--epsilon", help="Elasticity among intermediates."
    ),
    factors: FactorMode = typer.Option(
        FactorMode.mobile, "--factors", help="mobile (long run) or specific (short run) factors."
    ),
    wedge: float | None = typer.Option(
        None,
        "--wedge",
        help="Add Liu's distortion centrality for this uniform input wedge, e.g. 0.2.",
    ),
    list_tables: bool = typer.Option(False, "--list", help="List the embedded tables and exit."),
    fmt: OutputFormat = typer.Option(
        OutputFormat.table, "--format", "-f", help="table, or machine-readable csv / json."
    ),
    plot: Path | None = typer.Option(None, "--plot", help="Write a chart to this .html file."),
) -> None:
    """Domar weights, upstreamness and import content of each sector; with --shock, the
    aggregate TFP and GDP response to sector productivity gains, first and second order."""
    if list_tables:
        _list(fmt)
        return
    if top < 1:
        raise ParameterError("--top", f"{top}; expected a positive number of sectors")
    from pflab.network import shock_analysis
    from pflab.network.results import table_provenance

    table = load_io(economy, year, source=source, sectors=sectors)
    if shock:
        analysis = shock_analysis(
            table, shock, theta=theta, sigma=sigma, epsilon=epsilon, factors=factors.value
        )
        if fmt is OutputFormat.table:
            _print_shock(analysis)
        else:
            records = analysis.aggregate_frame().reset_index()
            records.insert(0, "table", analysis.table)
            records["shocks"] = "; ".join(shock)
            emit_records(records, fmt)
        if plot is not None:
            from pflab.report import write_html
            from pflab.report.network import shock_figure

            typer.echo(f"wrote {write_html(shock_figure(analysis), plot)}", err=True)
        return
    frame = _position(table, wedge)
    shown = frame.sort_values(_SORT_COLUMN[sort.value], ascending=False).head(top)
    provenance = table_provenance(
        table, "network-position", "Domar weights, upstreamness, imports."
    )
    if fmt is OutputFormat.table:
        columns = [
            ("code", "Code"),
            ("name", "Sector"),
            ("domar_weight", "Domar weight"),
            ("upstreamness", "Upstreamness"),
            ("import_direct", "Imports direct"),
            ("import_total", "Imports total"),
            ("output_multiplier", "Output mult."),
        ]
        if wedge is not None:
            columns.append(("distortion_centrality", "Distortion ξ"))
        render_table(
            shown.reset_index().rename(columns={"sector": "code"}),
            columns,
            title=f"Production network of {table.label}: top {len(shown)} of {table.n} sectors "
            f"by {sort.value}",
            notes=[
                "Domar weight: gross output / GDP (Hulten: a 1% productivity gain raises "
                "aggregate TFP by this many percent). Upstreamness: stages to final use "
                "(Antràs et al. 2012).",
                "Imports direct: imported inputs per unit of output; total: embodied along the "
                "supply chain per unit of final demand (m'L).",
                *table.notes,
                *provenance.citation_lines(),
            ],
            number=lambda v: f"{v:.4f}",
        )
    else:
        out = shown.reset_index()
        out.insert(0, "table", table.label)
        emit_records(out, fmt)
    if plot is not None:
        from pflab.report import write_html
        from pflab.report.network import position_figure

        figure = position_figure(frame, f"Production network of {table.label}", provenance)
        typer.echo(f"wrote {write_html(figure, plot)}", err=True)


def _print_shock(analysis: ShockAnalysis) -> None:
    sectors = analysis.sectors.reset_index().rename(columns={"sector": "code"})
    render_table(
        sectors,
        [
            ("code", "Code"),
            ("name", "Sector"),
            ("shock_pct", "Shock %"),
            ("domar_weight", "Domar weight"),
            ("contribution_pct", "TFP contribution %"),
            ("upstreamness", "Upstreamness"),
            ("import_direct", "Imports direct"),
            ("import_total", "Imports total"),
        ],
        title=f"Shocked sectors, {analysis.table}: the reasoning",
        number=lambda v: f"{v:.4f}",
    )
    agg = analysis.aggregate.reset_index()
    render_table(
        agg,
        [("measure", "Measure"), ("value_pct", "Percent"), ("meaning", "How")],
        title="Aggregate response (100 × log change)",
        number=lambda v: f"{v:+.4f}",
    )
    console.print(analysis.summary(), highlight=False, soft_wrap=True)


def _years(years: pd.Series) -> str:
    values = sorted(int(y) for y in years)
    if len(values) > 2:
        return f"{values[0]}–{values[-1]} ({len(values)})"
    return ", ".join(map(str, values))


def _list(fmt: OutputFormat) -> None:
    frame = available_io()
    if fmt is not OutputFormat.table:
        emit_records(frame, fmt)
        return
    grouped = (
        frame.groupby(["source", "economy", "sectors", "scheme", "import_split"])["year"]
        .agg(_years)
        .reset_index()
    )
    grouped["sectors"] = grouped["sectors"].astype(str)
    render_table(
        grouped,
        [
            ("source", "Source"),
            ("economy", "Economy"),
            ("year", "Years"),
            ("sectors", "Sectors"),
            ("scheme", "Scheme"),
            ("import_split", "Import split"),
        ],
        title="Embedded input-output tables",
        notes=["Load one with: pflab network ECONOMY --year YEAR --source SOURCE [--sectors N]"],
    )
