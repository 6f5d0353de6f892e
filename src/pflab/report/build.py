"""``pflab report``: every section computed once, written as one folder.

:func:`build_report` computes the sections of :data:`pflab.report.sections.SECTIONS` for
one economy and writes

- ``index.html`` — self-contained (plotly.js embedded once, no network needed to open),
  each chart with its title, units and source lines;
- ``data/<chart>.csv`` — the table behind every chart (full precision, stamped), and
  ``data/<block>.csv`` the main table of a block shown as a table only;
- ``data/<computation>.json`` — every result with its provenance and notes.

Each file is written atomically and ``index.html`` last, so an interrupted run never
leaves a page pointing at missing data. The result, :class:`ReportSummary`, lists what
was written and what was not available.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from pflab._version import __version__
from pflab.files import check_output_path, write_text_atomic
from pflab.provenance import Provenance
from pflab.report.computation import RunContext
from pflab.report.content import Block, Chart, SectionContent
from pflab.report.page import render_report
from pflab.report.params import FIELD_LABELS, ReportParams
from pflab.report.sections import SECTIONS, Section, build_section
from pflab.result import Column, Result, View

__all__ = ["ReportSummary", "build_report", "report_command", "report_stamp"]

DATA_DIR = "data"


@dataclass(frozen=True, kw_only=True)
class ReportSummary(Result):
    """What ``pflab report`` wrote: one row per chart, one per missing part.

    Attributes
    ----------
    folder
        The report folder.
    charts
        Section, chart key, title, units and data file of every chart.
    missing
        Section, computation and reason of every part not available.
    """

    folder: Path
    charts: pd.DataFrame
    missing: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``charts`` and ``missing``."""
        return {"charts": self.charts.copy(), "missing": self.missing.copy()}

    def views(self) -> list[View]:
        """Charts written, then what was not available."""
        return [
            View("charts", [Column("section", "Section"), Column("title", "Chart"),
                            Column("data", "Data file")]),
            View("missing", [Column("section", "Section"), Column("reason", "Not shown")],
                 title="Not available"),
        ]  # fmt: skip


def report_stamp(contents: Sequence[SectionContent], params: ReportParams, when: str) -> str:
    """One line: pflab's version, the date, every data vintage and seed the report used."""
    vintages: dict[str, None] = {}
    seeds: dict[int, None] = {}
    for content in contents:
        for block in content.blocks:
            for source in block.result.provenance.sources:
                vintages[source.label] = None
            if block.result.seed is not None:
                seeds[block.result.seed] = None
    seeds.setdefault(params.seed, None)
    return (
        f"pflab {__version__} · generated {when} · data: {'; '.join(vintages) or 'none'} · "
        f"seed{'s' if len(seeds) > 1 else ''} {', '.join(map(str, seeds))}"
    )


def report_command(params: ReportParams) -> str:
    """The ``pflab report`` command that reproduces these settings."""
    parts = ["pflab", "report", params.economy]
    for name, value in params.query().items():
        if name != "economy":
            parts += [f"--{name}", value]
    return " ".join(parts)


def _links(block: Block, chart: Chart | None) -> dict[str, str]:
    slug = block.key.replace("/", "-")
    csv = f"{DATA_DIR}/{slug if chart is None else chart.key}.csv"
    return {"csv": csv, "json": f"{DATA_DIR}/{slug}.json"}


def build_report(
    params: ReportParams | None = None,
    out: str | Path = "pflab-report",
    *,
    sections: Sequence[Section] = SECTIONS,
    progress: Callable[[int, int], None] | None = None,
) -> ReportSummary:
    """Compute the report's sections and write the report folder.

    Parameters
    ----------
    params
        The settings (default :class:`ReportParams`: China, its peers, the default
        draws, Sobol sample size and hindcast origins).
    out
        The folder to write (created if absent; its parent must exist).
    sections
        The sections to include (default: all).
    progress
        Called as ``progress(done, total)`` after each computation.

    Returns
    -------
    ReportSummary
        Every chart written and every part not available.

    Raises
    ------
    pflab.errors.ParameterError
        If ``out`` cannot be written (checked before computing).
    pflab.errors.PflabError
        Any known error of a computation (e.g. an unknown economy).
    """
    params = params or ReportParams()
    folder = check_output_path(out, "out", directory=True)
    total = sum(len(s.computations) for s in sections) + 1
    done = 0

    def step(key: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    cache: dict[tuple[object, ...], Result] = {}
    contents: list[SectionContent] = []
    for item in sections:
        # each section sees the sources cited before it (the data section lists them)
        cited = tuple(
            (b.result.title, s)
            for c in contents
            for b in c.blocks
            for s in b.result.provenance.sources
        )
        contents.append(
            build_section(item, params, cache=cache, step=step, context=RunContext(cited=cited))
        )

    folder.mkdir(exist_ok=True)
    data = folder / DATA_DIR
    data.mkdir(exist_ok=True)
    chart_rows = []
    for content in contents:
        for block in content.blocks:
            slug = block.key.replace("/", "-")
            write_text_atomic(data / f"{slug}.json", block.result.to_json())
            if not block.charts:  # a block shown as a table: its main table as CSV
                write_text_atomic(data / f"{slug}.csv", block.result.to_csv())
            for chart in block.charts:
                write_text_atomic(data / f"{chart.key}.csv", chart.csv())
                chart_rows.append(
                    {
                        "section": content.title,
                        "chart": chart.key,
                        "title": chart.title,
                        "units": chart.units,
                        "data": f"{DATA_DIR}/{chart.key}.csv",
                    }
                )
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    stamp = report_stamp(contents, params, when)
    settings = [
        (FIELD_LABELS[name], str(getattr(params, name) or "default")) for name in FIELD_LABELS
    ]
    html = render_report(
        contents,
        title=f"pflab report: {params.economy}",
        stamp=stamp,
        settings=settings,
        command=report_command(params),
        links=_links,
        run_settings=(
            f"Economy {params.economy}, peers {params.peers.replace(',', ', ')}; simulation: "
            f"{params.draws:,} draws per scenario ({params.scenarios.replace(',', ', ')}), "
            f"Sobol base sample N = {params.sobol}, hindcast origins "
            f"{params.origins.replace(',', ', ')}, seed {params.seed}."
        ),
    )
    index = write_text_atomic(folder / "index.html", html)
    step("index.html")
    missing = pd.DataFrame.from_records(
        [
            {"section": c.title, "computation": m.key, "reason": m.reason}
            for c in contents
            for m in c.missing
        ],
        columns=["section", "computation", "reason"],
    )
    return ReportSummary(
        title=f"pflab report of {params.economy}: {index}",
        provenance=Provenance(
            method="report",
            parameters=params.model_dump(),
            description="Every section of the pflab report computed with these settings.",
        ),
        notes=(stamp,),
        columns={
            "section": "report section",
            "chart": "chart key (element id and data file name)",
            "title": "chart title",
            "units": "units of the plotted numbers",
            "data": "the table behind the chart, relative to the report folder",
            "computation": "the computation not shown",
            "reason": "why it is not shown",
        },
        folder=folder,
        charts=pd.DataFrame.from_records(
            chart_rows, columns=["section", "chart", "title", "units", "data"]
        ),
        missing=missing,
    )
