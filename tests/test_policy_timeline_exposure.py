"""The timeline layout and figure, and the exposure arithmetic on a hand-made table."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from pflab.data.iotables import IOTable
from pflab.errors import DataNotFoundError, ParameterError
from pflab.network import load_io
from pflab.policy import load_registry
from pflab.policy.exposure import economy_exposure, programme_exposure
from pflab.policy.timeline import build_timeline
from pflab.provenance import Source
from pflab.report.html import write_html
from pflab.report.policy import timeline_figure

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


def test_timeline_children_and_horizon() -> None:
    full = build_timeline(children=True)
    assert len(full.frame) == len(REG)
    rows = {y for trace in timeline_figure(full).data if trace.type == "bar" for y in trace.y}
    assert len(rows) == len(REG)  # "New materials" twice still gives two rows
    early = build_timeline(horizon=1990)
    assert early.frame["start"].max().year <= 1990
    assert "nqpf" not in set(early.frame["id"])
    with pytest.raises(ParameterError, match="horizon"):
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

TOY_MAP = {
    # table code: ISIC divisions it covers
    "AGR": ["01"],
    "ELE": ["26", "27"],
    "TRN": ["29", "30"],
    "SRV": ["62", "72", "84"],
}


def toy_concordance(scheme: str, isic: list[str]) -> list[str]:
    assert scheme == "toy4"
    return [code for code, covers in TOY_MAP.items() if any(c[:2] in covers for c in isic)]


def toy_table(employment: tuple[float, ...] | None = (10.0, 5.0, 3.0, 2.0)) -> IOTable:
    """A balanced four-sector table: gross output 100, 200, 150, 50; value added 60,
    50, 40, 50 (GDP 200); final demand 30, 80, 40, 50."""
    Z = np.zeros((4, 4))
    Z[0, 0], Z[1, 0], Z[1, 1], Z[2, 1], Z[2, 2], Z[0, 2] = 20, 20, 100, 50, 60, 50
    return IOTable(
        economy="TOY",
        year=2020,
        scheme="toy4",
        codes=list(TOY_MAP),
        Z=Z,
        final_demand=np.array([[30.0], [80.0], [40.0], [50.0]]),
        value_added=np.array([60.0, 50.0, 40.0, 50.0]),
        employment=None if employment is None else np.array(employment),
        source=Source("toy table", "1", "hand-made"),
        unit="toy units",
        currency="TOY",
    )


def test_exposure_known_answer() -> None:
    result = programme_exposure(
        toy_table(), REG, ["ic_outline_2014", "mic2025", "p973"], concordance=toy_concordance
    )
    rows = result.frame.set_index("id")
    # IC outline and its funds: 2610, 2829, 20 and (phase II, EDA software) 62
    # -> ELE and SRV; 28 and 20 are not in the toy table
    ic = rows.loc["ic_outline_2014"]
    assert ic["sectors"] == "ELE SRV"
    assert ic["gross_output_share"] == pytest.approx(100 * (200 + 50) / 500)
    assert ic["value_added_share"] == pytest.approx(100 * (50 + 50) / 200)
    assert ic["employment_share"] == pytest.approx(100 * (5 + 2) / 20)
    assert ic["domar_weight"] == pytest.approx((200 + 50) / 200)  # output / total value added
    assert ic["approximate"] and set(ic["unmatched"].split()) == {"2829", "20"}
    # MIC2025 covers electronics, vehicles, other transport and software -> ELE, TRN, SRV
    mic = rows.loc["mic2025"]
    assert mic["sectors"] == "ELE TRN SRV"
    assert mic["gross_output_share"] == pytest.approx(100 * 400 / 500)
    assert mic["domar_weight"] == pytest.approx(400 / 200)
    # 973 funds research (ISIC 72) only -> SRV, counted once
    assert rows.loc["p973", "value_added_share"] == pytest.approx(25.0)
    assert "TOY 2020" in result.summary() and "<table" in result._repr_html_()
    assert any("toy table" in line for line in result.notes())


def test_exposure_defaults_and_missing_employment() -> None:
    result = programme_exposure(toy_table(None), REG, concordance=toy_concordance)
    ids = set(result.frame["id"])
    assert {"mic2025", "future_industries_2024", "nqpf"} <= ids
    assert "reform_opening" not in ids and "megaproject_01" not in ids
    assert result.frame["employment_share"].map(math.isnan).all()
    with_children = programme_exposure(
        toy_table(), REG, ["mic2025"], children=True, concordance=toy_concordance
    )
    assert len(with_children.frame) == 11


def test_exposure_on_china_2020_matches_the_table() -> None:
    table = load_io("CHN", 2020, source="nbs", sectors=153)
    result = programme_exposure(table, REG, ["mic2025", "future_industries_2024"])
    rows = result.frame.set_index("id")
    for pid in ("mic2025", "future_industries_2024"):
        codes = rows.loc[pid, "sectors"].split()
        x = table.gross_output
        assert rows.loc[pid, "gross_output_share"] == pytest.approx(100 * x[codes].sum() / x.sum())
        assert rows.loc[pid, "domar_weight"] == pytest.approx(x[codes].sum() / table.gdp)
        assert 5 < rows.loc[pid, "gross_output_share"] < 60
    assert "National Bureau of Statistics" in " ".join(result.notes())
    with pytest.raises(DataNotFoundError):
        economy_exposure("CHN", 1999)
