"""The registry errors found on review (issue 8) stay fixed: one test per class of error."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pflab.policy import load_registry
from pflab.policy.schema import split_phrase

REG = load_registry()


def _target(entry_id: str, indicator: str, year: int):  # type: ignore[no-untyped-def]
    found = [t for t in REG.get(entry_id).targets if t.indicator == indicator and t.year == year]
    assert len(found) == 1, (entry_id, indicator, year)
    return found[0]


def test_no_list_item_is_a_phrase_split_at_a_comma() -> None:
    for entry in REG:
        lists = {
            "issuers": entry.issuers,
            "fields": entry.fields,
            "aliases": entry.aliases,
            "unverified": entry.unverified,
        }
        for field, items in lists.items():
            for item in items:
                assert split_phrase(item) is None, (entry.id, field, item)
    ss = REG.get("self_strengthening")
    assert "Li Hongzhang (provincial official)" in ss.issuers
    assert not any(i.startswith("provincial governors") for i in ss.issuers)
    fund2 = REG.get("big_fund_2").issuers
    assert "Chengdu" not in fund2 and "Zhejiang" not in fund2
    assert "investment vehicles of Chengdu, Zhejiang and Wuhan" in fund2


def test_facts_are_not_targets() -> None:
    # fund capital, an output claimed at the time and spending projections are facts
    for fund in ("big_fund_1", "big_fund_2", "big_fund_3"):
        entry = REG.get(fund)
        assert not entry.targets, fund
        assert any(f.indicator == "registered capital" for f in entry.facts), fund
    glf = REG.get("great_leap_forward")
    assert not any("1958" in t.indicator or t.year == 1958 for t in glf.targets)
    steel = [f for f in glf.facts if f.year == 1958]
    assert len(steel) == 1 and steel[0].value == 11.08
    assert all("planned investment" not in t.indicator for t in REG.get("p863").targets)
    assert any("planned investment" in f.indicator for f in REG.get("p863").facts)


def test_golden_projects_spending_projection_is_not_an_invented_target() -> None:
    golden = REG.get("golden_projects")
    assert not golden.targets
    (fact,) = golden.facts
    assert fact.value is None  # no midpoint of the 1-3.5 bn range
    assert "1-3.5 bn US$" in (fact.text or "") and "projection" in fact.text  # type: ignore[operator]


def test_big_fund_commitment_stays_undated_and_unconfirmed() -> None:
    (fact,) = [f for f in REG.get("big_fund_1").facts if f.value == 46.8]
    assert fact.year is None and fact.confidence == "unconfirmed"
    assert "does not date" in (fact.note or "")
    assert "2015" not in (REG.get("big_fund_1").outcome or "")


def test_missed_rd_targets_show_their_2020_outcome(raw_file) -> None:  # type: ignore[no-untyped-def]
    path = raw_file("wdi/API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv")
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header = rows[4]
    china = next(r for r in rows if len(r) > 1 and r[1] == "CHN")
    wdi_2020 = float(china[header.index("2020")])
    for entry_id, indicator in (
        ("mlp_2006", "gross R&D expenditure as a share of GDP"),
        ("idds_2016", "R&D expenditure as a share of GDP"),
    ):
        target = _target(entry_id, indicator, 2020)
        assert target.value == 2.5
        outcome = target.outcome
        assert outcome is not None and outcome.year == 2020
        assert outcome.value == pytest.approx(wdi_2020, abs=0.005)
        assert outcome.met is False and "WDI-RD" in outcome.sources


def test_sei_2020_target_has_an_outcome() -> None:
    for entry_id in ("sei_2010", "sei_13fyp_2016"):
        target = _target(entry_id, "SEI value added as a share of GDP", 2020)
        assert target.outcome is not None and target.outcome.met is False
        assert target.outcome.value == 13 and "O-SEI-2022" in target.outcome.sources


def test_863_and_973_ran_in_parallel() -> None:
    ids = lambda entries: {p.id for p in entries}  # noqa: E731
    assert "p863" not in ids(REG.predecessors_of("p973"))
    assert "p973" not in ids(REG.successors_of("p863"))
    assert "p863" in REG.get("p973").related
    assert "key_tech_rd" not in ids(REG.predecessors_of("p863"))


def test_key_technologies_programme_and_its_2006_successor_are_two_entries() -> None:
    old, new = REG.get("key_tech_rd"), REG.get("key_tech_support")
    assert old.name_zh == "国家科技攻关计划" and new.name_zh == "国家科技支撑计划"
    assert old.end_year == 2005 and new.start_year == 2006
    assert "key_tech_support" in {p.id for p in REG.successors_of("key_tech_rd")}
    assert "national_key_rd" in {p.id for p in REG.successors_of("key_tech_support")}
    assert REG.get("支撑计划").id == "key_tech_support"


def test_confirmed_claims_rest_on_official_news_or_primary_sources() -> None:
    strong = {"official", "news", "corpus", "mirror"}
    for entry in REG:
        claims = [(t.confidence, t.sources) for t in entry.targets]
        claims += [(t.outcome.confidence, t.outcome.sources) for t in entry.targets if t.outcome]
        claims += [(f.confidence, f.sources) for f in entry.facts]
        for confidence, keys in claims:
            if confidence == "confirmed":
                assert {REG.sources[k].kind for k in keys} & strong, (entry.id, keys)


def test_official_aggregate_sources_are_catalogued() -> None:
    path = Path(__file__).resolve().parents[1] / "src/pflab/policy/registry/maps"
    with (path / "official_aggregates.csv").open(encoding="utf-8") as handle:
        keys = {k for row in csv.DictReader(handle) for k in row["sources"].split()}
    assert keys <= set(REG.sources)
    assert REG.sources["O-PI-2021"].kind == "news" and REG.sources["WDI-RD"].kind == "official"
