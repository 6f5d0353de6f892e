"""The shipped policy registry: coverage of the issue's list, validity, queries."""

from __future__ import annotations

import pytest
from opencc_purepy import OpenCC

from pflab.data.isic import divisions, is_isic_code
from pflab.errors import LookupFailedError, ParameterError
from pflab.policy import load_registry
from pflab.policy.hanzi import TRADITIONAL_TO_SIMPLIFIED, traditional_characters
from pflab.policy.isic_detail import detail_codes
from pflab.policy.schema import date_bounds

REG = load_registry()

# Every programme, slogan and institution issue 4 names, by registry id.
REQUIRED = {
    "Self-Strengthening Movement": "self_strengthening",
    "1950s Soviet-aided industrial drive": "fyp1_156",
    "Great Leap Forward": "great_leap_forward",
    "Four Modernizations": "four_modernizations",
    "Reform and Opening": "reform_opening",
    "863 programme": "p863",
    "973 programme": "p973",
    "Golden Projects": "golden_projects",
    "Medium- and Long-Term Plan 2006-2020": "mlp_2006",
    "indigenous innovation": "indigenous_innovation",
    "the 16 major projects": "mlp_megaprojects",
    "Strategic Emerging Industries (2010)": "sei_2010",
    "digital creative industry (2016)": "sei_digital_creative",
    "Made in China 2025": "mic2025",
    "Innovation-Driven Development Strategy": "idds_2016",
    "new quality productive forces": "nqpf",
    "future-industries guidance (Jan 2024)": "future_industries_2024",
    "new national system": "new_national_system",
    "Central Science and Technology Commission": "cstc_2023",
    "National IC Industry Investment Fund (2014)": "big_fund_1",
    "government guidance funds": "guidance_funds",
}


@pytest.mark.parametrize(("what", "entry_id"), sorted(REQUIRED.items()))
def test_every_programme_the_issue_names_is_present(what: str, entry_id: str) -> None:
    assert entry_id in REG, f"{what} ({entry_id}) is missing from the registry"


def test_the_16_megaprojects_13_named_3_undisclosed() -> None:
    parts = REG.children("mlp_megaprojects")
    assert len(parts) == 16
    named = [p for p in parts if p.name_zh]
    assert len(named) == 13
    assert all(p.confidence == "unconfirmed" for p in parts if p not in named)
    assert REG.get("02专项").name_zh == "极大规模集成电路制造装备及成套工艺"


def test_seven_emerging_industries_plus_digital_creative() -> None:
    seven = {p.name_zh for p in REG.children("sei_2010")}
    assert seven == {
        "节能环保",
        "新一代信息技术",
        "生物",
        "高端装备制造",
        "新能源",
        "新材料",
        "新能源汽车",
    }
    creative = REG.get("sei_digital_creative")
    assert creative.start_year == 2016 and creative.name_zh == "数字创意产业"


def test_mic2025_ten_sectors_and_domestic_content_targets() -> None:
    assert len(REG.children("MIC2025")) == 10
    targets = REG.targets_frame()
    content = targets[
        (targets["id"] == "mic2025") & targets["indicator"].str.startswith("domestic content")
    ]
    assert dict(zip(content["year"], content["value"], strict=True)) == {2020: 40.0, 2025: 70.0}
    assert set(content["unit"]) == {"%"}


def test_idds_2050_goal_and_nqpf_milestones() -> None:
    idds = REG.get("idds_2016")
    assert idds.start_year == 2016
    assert any(t.year == 2050 and "世界科技创新强国" in t.indicator for t in idds.targets)
    stones = {m.date for m in REG.get("nqpf").milestones}
    assert {"2023-09", "2023-12-12", "2024-01-31", "2024-03-05"} <= stones


def test_future_industries_directions_items_and_targets() -> None:
    fi = REG.get("future_industries_2024")
    directions = {p.name_zh for p in REG.children(fi.id)}
    assert directions == {"未来制造", "未来信息", "未来材料", "未来能源", "未来空间", "未来健康"}
    items = {i.name_en for d in REG.children(fi.id) for i in d.items}
    essay_items = [
        "humanoid robots", "nano-manufacturing", "quantum computing", "nuclear fusion",
        "hydrogen energy", "exploration of the Moon and Mars", "deep-sea mining",
    ]  # fmt: skip
    assert set(essay_items) <= items
    assert any(i.startswith("genetic engineering") for i in items)
    assert {t.year for t in fi.targets} == {2025, 2027}
    assert fi.documents[0].doc_number is not None
    assert fi.documents[0].doc_number.value == "工信部联科〔2024〕12号"


def test_new_national_system_2021_cstc_2023_and_fund_phases() -> None:
    assert "2021-05-28" in {m.date for m in REG.get("new_national_system").milestones}
    assert REG.get("CSTC").start_year == 2023
    assert REG.get("CSTC").kind == "institution"
    phases = [REG.get(f"big_fund_{i}") for i in (1, 2, 3)]
    assert [p.start_year for p in phases] == [2014, 2019, 2024]
    assert all(p.kind == "fund" for p in phases)


def test_ids_unique_and_snake_case() -> None:
    ids = [p.id for p in REG]
    assert len(ids) == len(set(ids))
    assert all(i.replace("_", "").isalnum() and i == i.lower() for i in ids)


def test_every_sector_code_is_isic_rev4() -> None:
    known = set(divisions().index)
    finer = detail_codes()
    for code, title in finer.items():  # the detail list itself sits inside real divisions
        assert code[:2] in known, (code, title)
    for entry in REG:
        for sector in (*entry.sectors, *(s for i in entry.items for s in i.sectors)):
            assert is_isic_code(sector.isic), (entry.id, sector.isic)
            assert sector.isic in known or sector.isic in finer, (entry.id, sector.isic)


def test_dates_are_ordered() -> None:
    for entry in REG:
        dates = entry.dates
        if dates.end is not None:
            assert date_bounds(entry.dates.first.date)[0] <= date_bounds(dates.end.date)[1], (
                entry.id
            )


def test_links_resolve_and_successors_start_later() -> None:
    for entry in REG:
        for other in (entry.parent, *entry.predecessors, *entry.successors, *entry.related):
            if other is not None:
                assert other in REG, (entry.id, other)
        for later in REG.successors_of(entry.id):
            assert later.start_year >= entry.start_year, (entry.id, later.id)


def _chinese_strings() -> list[str]:
    found = []
    for p in REG:
        found += [p.name_zh or "", *p.aliases, *p.terms]
        found += [d.title_zh for d in p.documents] + [i.name_zh or "" for i in p.items]
    return [s for s in found if any("\u4e00" <= ch <= "\u9fff" for ch in s)]


def test_chinese_names_are_simplified_by_table_and_by_opencc() -> None:
    strings = _chinese_strings()
    assert len(strings) > 100
    assert [s for s in strings if traditional_characters(s)] == []
    convert = OpenCC("t2s")  # the peer converter: simplified text stays as it is
    assert [s for s in strings if convert.convert(s) != s] == []


def test_traditional_table_agrees_with_opencc() -> None:
    convert = OpenCC("t2s")
    wrong = {
        t: (s, convert.convert(t))
        for t, s in TRADITIONAL_TO_SIMPLIFIED.items()
        if convert.convert(t) != s
    }
    assert wrong == {}
    assert not set(TRADITIONAL_TO_SIMPLIFIED) & set(TRADITIONAL_TO_SIMPLIFIED.values())


def test_1954_report_is_caught_as_traditional(raw_file) -> None:  # type: ignore[no-untyped-def]
    text_1954 = raw_file("gov_work_reports/by_year/gwr_1954_zh.txt").read_text("utf-8")
    found = traditional_characters(text_1954)
    assert {"們", "國", "會", "議", "關"} <= set(found)
    text_2024 = raw_file("gov_work_reports/by_year/gwr_2024_zh.txt").read_text("utf-8")
    assert traditional_characters(text_2024) == []


# -- queries ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["mic2025", "MIC2025", "mic 2025", "Made in China 2025", "中国制造2025"]
)
def test_get_by_id_alias_and_name_case_insensitive(name: str) -> None:
    assert REG.get(name).id == "mic2025"


def test_get_unknown_and_ambiguous_names() -> None:
    with pytest.raises(LookupFailedError, match="mic2025"):
        REG.get("MIC2026")
    with pytest.raises(LookupFailedError, match=r"ambiguous.*sei_new_materials.*mic2025_materials"):
        REG.get("new materials")
    assert REG.get("863").id == "p863"


def test_active_in() -> None:
    assert [p.id for p in REG.active_in(1870)] == ["self_strengthening"]
    ids_2015 = {p.id for p in REG.active_in(2015)}
    assert {"mic2025", "sei_2010", "mlp_2006", "p863", "reform_opening"} <= ids_2015
    assert not {"nqpf", "cstc_2023", "great_leap_forward", "big_fund_3"} & ids_2015
    assert "big_fund_3" in {p.id for p in REG.active_in(2024)}


@pytest.mark.parametrize("query", ["C26", "26", "c26", "2610"])
def test_by_sector_accepts_wiod_and_isic_forms(query: str) -> None:
    ids = {p.id for p in REG.by_sector(query)}
    assert {"mic2025", "big_fund_1", "ic_outline_2014", "sei_2010", "nqpf"} <= ids
    assert "great_leap_forward" not in ids


def test_by_sector_section_and_errors() -> None:
    manufacturing = {p.id for p in REG.by_sector("C")}
    assert {"great_leap_forward", "mic2025"} <= manufacturing
    assert "reform_opening" not in manufacturing  # economy-wide, no sector target
    assert REG.by_sector("99") == []
    with pytest.raises(ParameterError, match=r"^sector"):
        REG.by_sector("Z9")


def test_by_kind_and_select() -> None:
    assert {p.id for p in REG.by_kind("fund")} == {
        "big_fund_1",
        "big_fund_2",
        "big_fund_3",
        "guidance_funds",
    }
    assert "future_industries_2024" in {p.id for p in REG.by_kind("list")}  # secondary kind
    with pytest.raises(ParameterError, match=r"^kind"):
        REG.by_kind("slogan")
    both = REG.select(active_in=2015, sector="C26", kind="fund")
    assert {p.id for p in both} == {"big_fund_1", "guidance_funds"}


def test_sectors_inherited_from_children_and_sectors_from() -> None:
    assert REG.get("mic2025").sectors == ()
    assert {"26", "28", "29", "30"} <= set(REG.divisions_of("mic2025"))
    nqpf = set(REG.divisions_of("nqpf"))
    assert set(REG.divisions_of("future_industries_2024")) <= nqpf
    assert set(REG.divisions_of("sei_2010")) <= nqpf


def test_frames() -> None:
    frame = REG.to_frame()
    assert len(frame) == len(REG)
    assert frame.loc[frame["id"] == "self_strengthening", "start_year"].item() == 1861
    targets = REG.targets_frame()
    assert {"indicator", "year", "value", "unit", "outcome", "sources"} <= set(targets.columns)
    assert targets["sources"].str.len().min() > 0
