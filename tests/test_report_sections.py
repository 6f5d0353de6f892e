"""The report's sections as data: requirements, settings, charts, the report folder."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import pytest

from pflab.errors import ParameterError
from pflab.report.build import build_report, report_command
from pflab.report.charts import chart, lift_captions
from pflab.report.computation import Computation, Requirement, RunContext, compute
from pflab.report.content import Block, Chart, Missing
from pflab.report.html import caption
from pflab.report.params import ReportParams, make_params
from pflab.report.sections import COMPUTATIONS, SECTIONS, build_section, section

TITLES = [
    "The claims",
    "Productivity",
    "The strategy",
    "Spillovers and supply chains",
    "Scenarios",
    "Data and assumptions",
]


def test_the_six_sections_in_order() -> None:
    assert [s.title for s in SECTIONS] == TITLES
    assert len({c.key for s in SECTIONS for c in s.computations}) == len(COMPUTATIONS)


def test_every_computation_reads_known_settings() -> None:
    for comp in COMPUTATIONS.values():
        assert set(comp.fields) <= set(ReportParams.model_fields), comp.key
    with pytest.raises(ValueError, match="unknown fields"):
        Computation("x/y", "X", ("nonsense",), run=lambda p, c: None)  # type: ignore[arg-type,return-value]


def test_requirement_absent_module_attribute_and_submodule() -> None:
    assert "not available yet" in (Requirement("pflab.nowhere", "", "x").reason() or "")
    assert "pflab.nowhere" in (Requirement("pflab.nowhere.deeper", "f", "x").reason() or "")
    assert Requirement("pflab.accounting", "sensitivity", "x").reason() is None
    assert Requirement("pflab.accounting", "no_such_function", "x").reason() is not None
    # a submodule of the same name is not the function a computation calls
    assert Requirement("pflab.accounting", "vintages", "x").reason() is not None


def test_missing_capability_is_a_part_not_an_error() -> None:
    def never(params: ReportParams, context: RunContext) -> None:
        raise AssertionError("must not run")

    comp = Computation(
        "future/thing",
        "A future thing",
        (),
        run=never,  # type: ignore[arg-type]
        requires=(Requirement("pflab.future_thing", "compute", "the future thing"),),
    )
    part = compute(comp, ReportParams())
    assert isinstance(part, Missing)
    assert part.reason.startswith("not available yet: the future thing")


def test_params_validate_and_name_the_field() -> None:
    assert ReportParams(peers="jpn,kor").peer_list == ["JPN", "KOR"]
    for field, value in [
        ("eras", "2008-1999"),
        ("sobol", 100),
        ("peers", "JPN,JPN"),
        ("draws", 5),
        ("economy", "<script>"),
        ("origins", "2000;2005"),
    ]:
        with pytest.raises(ParameterError) as info:
            make_params(**{field: value})
        assert info.value.parameter == field
    assert make_params(economy=None).economy == "CHN"


def test_command_reproduces_the_settings() -> None:
    params = ReportParams(economy="JPN", draws=500, seed=3)
    assert report_command(params) == "pflab report JPN --draws 500 --seed 3"


def test_caption_lines_move_under_the_chart() -> None:
    from pflab.accounting import vintage_comparison

    result = vintage_comparison("CHN")
    figure = go.Figure(go.Bar(x=[1, 2], y=[3, 4]))
    figure.update_layout(
        title="T",
        annotations=[caption(["Convention <b>one</b>.", "A line wrapped", "for the image."])],
    )
    expected = ["Convention one.", "A line wrapped for the image."]
    assert lift_captions(go.Figure(figure)) == expected
    made = chart("k", figure, result, table="eras", units="percent")
    assert made.title == "T" and made.notes == tuple(expected)
    assert not made.figure.layout.annotations  # moved out of the plot
    assert made.figure.layout.title.text is None  # shown above the chart instead
    with pytest.raises(ValueError, match="no table"):
        Chart("k", "T", "u", figure, result, table="nothing")
    with pytest.raises(ValueError, match="has no units"):
        Chart("k", "T", "", figure, result, table="eras")


def test_productivity_section_charts_have_title_units_sources() -> None:
    content = build_section(section("productivity"), ReportParams())
    assert [b.key for b in content.blocks][:3] == [
        "accounting/eras",
        "accounting/sensitivity",
        "accounting/vintages",
    ]
    for chart_ in content.charts:
        assert chart_.title and chart_.units and chart_.sources
        expected = "China Industrial Productivity" if "industry" in chart_.key else "Penn World"
        assert any(expected in s for s in chart_.sources), (chart_.key, chart_.sources)
        # the CSV behind the chart is the result's own table at full precision
        assert chart_.csv() == chart_.result.to_csv(chart_.table)


def test_report_folder(tmp_path: Path) -> None:
    out = tmp_path / "report"
    calls: list[tuple[int, int]] = []
    summary = build_report(
        ReportParams(peers="USA"),
        out,
        sections=[section("productivity"), section("data")],
        progress=lambda done, total: calls.append((done, total)),
    )
    html = (out / "index.html").read_text(encoding="utf-8")
    assert html.count("<script>") == 2  # plotly.js and the chart script, each once
    # nothing is loaded from elsewhere: no script or stylesheet by address
    assert "<script src" not in html and '<link rel="stylesheet"' not in html
    assert "Productivity" in html and "Data and assumptions" in html
    # the draws, Sobol sample size and hindcast origins are printed under the stamp
    assert "2,000 draws per scenario" in html and "Sobol base sample N = 256" in html
    assert "hindcast origins 2000, 2005, 2010" in html
    charts = summary.tables()["charts"]
    assert len(charts) >= 2
    for row in charts.itertuples():
        text = (out / row.data).read_text(encoding="utf-8")
        assert text.startswith("# pflab ")
    # a block shown as a table only (the parameter table) has its main table as CSV, linked
    table_csv = (out / "data" / "simulate-parameters.csv").read_text(encoding="utf-8")
    assert table_csv.startswith("# pflab ") and "\nbudget.share_of_gdp," in table_csv
    assert 'href="data/simulate-parameters.csv"' in html
    data = json.loads((out / "data" / "accounting-eras.json").read_text(encoding="utf-8"))
    assert data["schema"] == "pflab.result/1" and data["kind"] == "EraTable"
    assert calls[-1][0] == calls[-1][1]
    # the stamp names the version, the data vintages and the seed
    assert "pflab " in summary.notes[0] and "Penn World Table 11.0" in summary.notes[0]
    assert "seed 0" in summary.notes[0]


def test_report_refuses_an_unwritable_folder(tmp_path: Path) -> None:
    with pytest.raises(ParameterError) as info:
        build_report(ReportParams(), tmp_path / "no" / "such" / "folder")
    assert info.value.parameter == "out"


def test_block_keeps_the_result() -> None:
    from pflab.report.blocks.sources import SOURCES

    part = compute(SOURCES, ReportParams())
    assert isinstance(part, Block)
    frame = part.result.to_frame()
    assert {"pwt_11.0", "io_nbs"} <= set(frame["dataset"])
    assert frame["citation"].str.len().min() > 0


def test_claims_section_opens_with_the_ledger() -> None:
    from pflab.claims import ClaimsLedger, evaluate
    from pflab.report.page import table_html

    first = section("claims").computations[0]
    assert first.key == "claims/ledger" and first.missing() is None
    part = compute(first, ReportParams(economy="JPN"))  # the essay's claims are about China
    assert isinstance(part, Block) and isinstance(part.result, ClaimsLedger)
    # the block is the library's ledger, unchanged (no numbers made in the report layer)
    expected = evaluate()
    assert part.result.to_csv() == expected.to_csv()
    html = str(table_html(part.result))
    for heading in ("Claim", "pflab measures", "Source", "Verdict", "Reproduce"):
        assert f">{heading}<" in html, heading
    for claim, verdict, command in expected.frame[["claim", "verdict", "command"]].itertuples(
        index=False
    ):
        assert claim in html and verdict in html and command in html
    assert "not available yet" not in html


def test_every_block_of_the_report_is_available() -> None:
    # every capability the report names is in this version of pflab (none says
    # "not available yet"), including the simulator's parameter table
    missing = {c.key: c.missing() for s in SECTIONS for c in s.computations if c.missing()}
    assert missing == {}


def test_data_section_shows_the_parameter_table() -> None:
    from pflab.simulate import ParameterTable, parameter_table

    last = section("data").computations[-1]
    part = compute(last, ReportParams())
    assert isinstance(part, Block) and isinstance(part.result, ParameterTable)
    assert part.result.to_csv() == parameter_table("central").to_csv()
