"""The sector maps against the official aggregates: the validation table of docs/policy.md."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from pflab.network import load_io
from pflab.policy import load_registry, validate_sector_maps
from pflab.policy.official import base_mask, load_official_figures, nearest_official
from pflab.policy.validation import TOLERANCE_PP, nearest_table_year

ROOT = Path(__file__).resolve().parents[1]
REG = load_registry()


@pytest.fixture(scope="module")
def table():  # type: ignore[no-untyped-def]
    return validate_sector_maps().to_frame().set_index("id")


def test_every_figure_is_within_tolerance_or_explains_the_difference(table) -> None:  # type: ignore[no-untyped-def]
    assert len(table) == len(load_official_figures()) >= 10
    for fid, row in table.iterrows():
        assert row["within_tolerance"] == (abs(row["difference"]) <= TOLERANCE_PP), fid
        if not row["within_tolerance"]:
            assert len(row["explanation"]) > 80, fid  # names the cause
        assert row["pflab_low"] <= row["pflab"] <= row["pflab_high"], fid


def test_strategic_emerging_industries_and_high_tech_manufacturing(table) -> None:  # type: ignore[no-untyped-def]
    # within tolerance where the official figure is of the table's own year
    for fid in ("sei_2017", "htm_2015", "htm_2018_output"):
        assert table.loc[fid, "within_tolerance"], fid
        assert table.loc[fid, "table_year"] == table.loc[fid, "official_year"], fid
    # NBS's own measurements of the SEI share (2014, 2019) on the nearest tables
    for fid, table_year in (("sei_2014", 2015), ("sei_2019", 2020)):
        assert table.loc[fid, "within_tolerance"], fid
        assert table.loc[fid, "table_year"] == table_year, fid
    # the 2022 SEI figure is two years after the latest table: just outside, inside the range
    sei = table.loc["sei_2022"]
    assert sei["table_year"] == 2020 and sei["official_in_range"]
    assert TOLERANCE_PP < abs(sei["difference"]) < TOLERANCE_PP + 0.5
    # high-tech manufacturing on value added in 2020: the definitional gap is documented
    assert not table.loc["htm_2020", "within_tolerance"]
    assert "enterprise survey" in table.loc["htm_2020", "explanation"]


def test_other_families_match_their_official_figures(table) -> None:  # type: ignore[no-untyped-def]
    for fid in ("pi_2021", "pi_2020", "pi_2018", "de_2020", "ict_2021", "ict_2018"):
        assert table.loc[fid, "within_tolerance"], fid


def test_the_docs_table_is_the_computed_table(table) -> None:  # type: ignore[no-untyped-def]
    docs = (ROOT / "docs" / "policy.md").read_text(encoding="utf-8")
    section = docs.split("## Validation against official aggregates", 1)[1]
    for fid, row in table.iterrows():
        line = next((ln for ln in section.splitlines() if ln.startswith(f"| `{fid}` |")), None)
        assert line is not None, f"{fid} missing from docs/policy.md"
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[2] == str(row["official_year"]), fid
        assert cells[5] == str(row["table_year"]), fid
        assert cells[6].startswith(f"{row['pflab']:.2f}"), (fid, cells[6])
        assert cells[7] == f"{row['difference']:+.2f}", (fid, cells[7])
        assert cells[8] == ("yes" if row["within_tolerance"] else "no"), fid
        official = float(re.sub(r"[^0-9.]", "", cells[3]))
        assert official == pytest.approx(row["official"]), fid


def test_official_figures_agree_with_the_registry_facts() -> None:
    # a figure kept in two places must say the same thing in both
    facts = {(f.indicator, f.year): f.value for f in REG.get("patent_intensive_class_2019").facts}
    figures = {f.id: f for f in load_official_figures()}
    key = "patent-intensive industries value added as a share of GDP"
    assert facts[(key, 2021)] == figures["pi_2021"].value
    assert facts[(key, 2018)] == figures["pi_2018"].value
    (de,) = REG.get("digital_economy_class_2021").facts
    assert de.value == figures["de_2020"].value and de.year == 2020
    assert figures["pi_2020"].value == pytest.approx(12.44 - 0.47)  # "0.47 points above 2020"


def test_bases_reproduce_the_economy_wide_shares() -> None:
    t = load_io("CHN", 2020, source="nbs", sectors=153)
    va = t.value_added.to_numpy()
    industry = float(va @ base_mask(t, "industry")) / va.sum()
    # industrial value added 31.3 trn yuan in 2020 (MIIT, O-HTM-2020) of GDP 101.6 trn
    assert industry == pytest.approx(31.3 / 101.6, abs=0.01)
    manufacturing = base_mask(t, "manufacturing")
    services = base_mask(t, "services")
    assert not (manufacturing * services).any()
    assert float(va @ (base_mask(t, "industry") + services)) < va.sum()  # + agri., constr.


def test_nearest_figures() -> None:
    assert nearest_table_year(2022) == 2020 and nearest_table_year(2016) == 2017
    assert nearest_table_year(2019) == 2020  # the later on a tie
    sei = nearest_official("sei_2010", 2020)
    assert sei is not None and sei.id == "sei_2019" and sei.label() == "11.5 % of GDP (2019)"
    later = nearest_official("sei_2010", 2023)
    assert later is not None and later.label() == "> 13 % of GDP (2022)"
    assert nearest_official("sei_13fyp_2016", 2017).id == "sei_2017"  # type: ignore[union-attr]
    assert nearest_official("future_industries_2024", 2020) is None
    assert not any(math.isnan(f.value) for f in load_official_figures())


def test_the_exposure_numbers_quoted_in_the_docs_are_current() -> None:
    from pflab.policy import economy_exposure

    rows = economy_exposure("CHN", 2020).frame.set_index("id")
    docs = (ROOT / "docs" / "policy.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for pid, name in (
        ("sei_2010", "strategic emerging industries"),
        ("mic2025", "Made in China 2025"),
        ("future_industries_2024", "future industries (2024)"),
        ("nqpf", "new quality productive forces"),
        ("digital_economy_class_2021", "digital-economy core"),
        ("patent_intensive_class_2019", "patent-intensive industries"),
    ):
        row = rows.loc[pid]
        quoted = (
            f"| {name} | {row['value_added_share']:.1f} ({row['value_added_low']:.1f}–"
            f"{row['value_added_high']:.1f}) | {row['gross_output_share']:.1f} | "
            f"{row['domar_weight']:.3f} |"
        )
        assert quoted in docs, quoted
    sei = rows.loc["sei_2010"]
    assert (
        f"{sei['value_added_share']:.1f} % of value added (range\n"
        f"{sei['value_added_low']:.1f}–{sei['value_added_high']:.1f} %" in readme
    )
