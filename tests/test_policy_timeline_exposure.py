"""The timeline layout and figure, and the exposure arithmetic on a hand-made table."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pflab.data.iotables import IOTable
from pflab.errors import DataNotFoundError, ParameterError
from pflab.network import load_io
from pflab.policy import load_registry
from pflab.policy.exposure import economy_exposure, exposure_from_weights, programme_exposure
from pflab.policy.timeline import build_timeline
from pflab.policy.weights import SectorWeights, programme_weights
from pflab.provenance import Provenance, Source
from pflab.report.html import write_html
from pflab.report.policy import exposure_figure, timeline_figure

REG = load_registry()


def test_timeline_runs_from_1861_to_2024_with_every_family() -> None:
    tl = build_timeline()
    assert tl.first_year == 1861 and tl.horizon == 2024
    assert tl.frame["end"].max().year == 2024
    assert set(tl.frame["family"]) == {f.id for f in REG.families}
    assert tl.frame["name_zh"].notna().sum() >= len(tl.frame) - 2
    links = set(zip(tl.links["source"], tl.links["target"], strict=True))
    assert {
        ("self_strengthening", "fyp1_156"),
        ("sei_2010", "mic2025"),
        ("idds_2016", "nqpf"),
    } <= links
    # open-ended and planned-beyond-horizon entries are flagged, ended ones are not
    flags = dict(zip(tl.frame["id"], tl.frame["open_end"], strict=True))
    assert flags["nqpf"] and flags["mic2025"] and not flags["great_leap_forward"]
    assert "1861-2024" in tl.summary()
    # one shape: four tables, dates as ISO text, JSON with the documented schema
    assert list(tl.tables()) == ["entries", "links", "milestones", "families"]
    assert tl.tables()["entries"]["start"].iloc[0] == "1861-01-01"
    assert tl.to_dict()["kind"] == "Timeline"


def test_timeline_children_and_horizon() -> None:
    full = build_timeline(children=True)
    assert len(full.frame) == len(REG)
    rows = {y for trace in timeline_figure(full).data if trace.type == "bar" for y in trace.y}
    assert len(rows) == len(REG)  # "New materials" twice still gives two rows
    early = build_timeline(horizon=1990)
    assert early.frame["start"].max().year <= 1990
    assert "nqpf" not in set(early.frame["id"])
    with pytest.raises(ParameterError, match=r"^horizon"):
        build_timeline(horizon=1800)


def test_timeline_figure_is_offline_html(tmp_path: Path) -> None:
    tl = build_timeline()
    fig = timeline_figure(tl)
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == len(REG.families)
    assert sum(len(b.y) for b in bars) == len(tl.frame)
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == len(tl.links)
    assert any("新质生产力" in h for b in bars for h in b.hovertext)  # bilingual hover
    path = write_html(fig, tmp_path / "timeline.html")
    text = path.read_text("utf-8")
    assert '<script src="https://cdn.plot.ly' not in text
    assert "Self-Strengthening Movement" in text


# -- exposure on a table small enough to check by hand --------------------------------


def toy_table(employment: tuple[float, ...] | None = (10.0, 5.0, 3.0, 2.0)) -> IOTable:
    """A balanced four-sector table: gross output 100, 200, 150, 50; value added 60,
    50, 40, 50 (GDP 200); final demand 30, 80, 40, 50."""
    Z = np.zeros((4, 4))
    Z[0, 0], Z[1, 0], Z[1, 1], Z[2, 1], Z[2, 2], Z[0, 2] = 20, 20, 100, 50, 60, 50
    return IOTable(
        economy="TOY",
        year=2020,
        scheme="toy4",
        codes=["AGR", "ELE", "TRN", "SRV"],
        Z=Z,
        final_demand=np.array([[30.0], [80.0], [40.0], [50.0]]),
        value_added=np.array([60.0, 50.0, 40.0, 50.0]),
        employment=None if employment is None else np.array(employment),
        source=Source("toy table", "1", "hand-made"),
        unit="toy units",
        currency="TOY",
    )


def toy_weights(table: IOTable, shares: dict[str, tuple[float, float, float]]) -> SectorWeights:
    frame = pd.DataFrame(
        [
            {"code": c, "name": c, "share": s, "low": lo, "high": hi, "parts": "",
             "basis": "hand-made", "sources": "ESSAY"}
            for c, (s, lo, hi) in shares.items()
        ]
    ).set_index("code")  # fmt: skip
    return SectorWeights(
        title="toy",
        provenance=Provenance(method="toy"),
        programme="toy",
        table=table.label,
        scheme=table.scheme,
        status="unofficial",
        maps=(),
        frame=frame,
    )


def test_exposure_known_answer() -> None:
    table = toy_table()
    # half of electronics (central; 0.25-0.75) and all of services (0.8-1)
    weights = toy_weights(table, {"ELE": (0.5, 0.25, 0.75), "SRV": (1.0, 0.8, 1.0)})
    frame = exposure_from_weights(table, [weights], [REG.get("mic2025")])
    row = frame.iloc[0]
    assert row["gross_output_share"] == pytest.approx(100 * (0.5 * 200 + 50) / 500)
    assert row["gross_output_low"] == pytest.approx(100 * (0.25 * 200 + 0.8 * 50) / 500)
    assert row["gross_output_high"] == pytest.approx(100 * (0.75 * 200 + 50) / 500)
    assert row["value_added_share"] == pytest.approx(100 * (0.5 * 50 + 50) / 200)
    assert row["value_added_low"] == pytest.approx(100 * (0.25 * 50 + 0.8 * 50) / 200)
    assert row["employment_share"] == pytest.approx(100 * (0.5 * 5 + 2) / 20)
    assert row["domar_weight"] == pytest.approx((0.5 * 200 + 50) / 200)  # output / GDP
    assert row["n_sectors"] == 2 and row["approximate"]
    without_jobs = exposure_from_weights(toy_table(None), [weights], [REG.get("mic2025")])
    assert math.isnan(without_jobs.iloc[0]["employment_share"])


def test_exposure_defaults_and_the_employment_gap() -> None:
    result = economy_exposure("CHN", 2020)
    ids = set(result.frame["id"])
    assert {"sei_2010", "mic2025", "future_industries_2024", "nqpf", "ht_mfg_class_2017"} <= ids
    assert "reform_opening" not in ids and "megaproject_01" not in ids and "p863" not in ids
    assert result.frame["employment_share"].map(math.isnan).all()
    assert any("ends in 2018" in note for note in result.notes)
    with_children = economy_exposure("CHN", 2020, programmes=["mic2025"], children=True)
    assert len(with_children.frame) == 11
    parts = with_children.frame.set_index("id")["value_added_share"]
    assert parts.drop("mic2025").sum() == pytest.approx(parts["mic2025"], rel=1e-9)


def test_exposure_2018_fills_jobs() -> None:
    result = economy_exposure("CHN", 2018, programmes=["SEI", "future industries"])
    jobs = result.frame.set_index("id")["employment_share"]
    assert 0 < jobs["future_industries_2024"] < jobs["sei_2010"] < 20


def test_exposure_on_china_2020_uses_the_programme_weights() -> None:
    table = load_io("CHN", 2020, source="nbs", sectors=153)
    result = programme_exposure(table, ["mic2025", "future_industries_2024", "p863"])
    rows = result.frame.set_index("id")
    x, va = table.gross_output, table.value_added
    for pid in rows.index:
        w = programme_weights(pid, table)
        for bound, column in (("share", "gross_output_share"), ("high", "gross_output_high")):
            s = w.shares(bound)
            expected = 100 * sum(v * x[c] for c, v in s.items()) / x.sum()
            assert rows.loc[pid, column] == pytest.approx(expected), (pid, bound)
        s = w.shares()
        assert rows.loc[pid, "value_added_share"] == pytest.approx(
            100 * sum(v * va[c] for c, v in s.items()) / va.sum()
        )
        assert rows.loc[pid, "domar_weight"] == pytest.approx(
            sum(v * x[c] for c, v in s.items()) / table.gdp
        )
    assert rows.loc["p863", "weights"] == "whole sectors"
    assert "National Bureau of Statistics" in " ".join(result.all_notes())
    with pytest.raises(DataNotFoundError):
        economy_exposure("CHN", 1999)


def test_issue_8_headline_sei_near_official_future_industries_small() -> None:
    """The acceptance test of issue 8 on China's 2020 table."""
    rows = economy_exposure("CHN", 2020).frame.set_index("id")
    sei = rows.loc["sei_2010"]
    # the official figure and its year are printed beside pflab's own
    assert sei["official"] == "11.5 % of GDP (2019)" and sei["official_year"] == 2019
    # was 34 % of value added when whole divisions counted; now near the official share,
    # which lies inside the range of the shares
    assert 6 < sei["value_added_share"] < 14
    assert sei["value_added_low"] <= 13 <= sei["value_added_high"]
    future = rows.loc["future_industries_2024"]
    assert future["value_added_share"] < 1 and future["value_added_high"] < 5  # was 32 %
    assert rows.loc["mic2025", "value_added_share"] < 10
    for pid in rows.index:
        assert rows.loc[pid, "value_added_low"] <= rows.loc[pid, "value_added_share"]
        assert rows.loc[pid, "value_added_share"] <= rows.loc[pid, "value_added_high"]


def test_exposure_figure_has_ranges_and_official_markers(tmp_path: Path) -> None:
    result = economy_exposure("CHN", 2020, programmes=["SEI", "digital economy", "MIC2025"])
    fig = exposure_figure(result)
    bars = [t for t in fig.data if t.type == "bar"]
    assert bars[0].error_x.array is not None
    markers = [t for t in fig.data if t.type == "scatter"]
    assert len(markers) == 1 and set(markers[0].x) == {11.5, 7.8}
    path = write_html(fig, tmp_path / "exposure.html")
    assert "Strategic emerging industries (2010)" in path.read_text("utf-8")
