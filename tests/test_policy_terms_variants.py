"""The tracker's aliases, variants and generic phrases (issue 8, item 6), checked against
the raw work-report texts read without pflab's cleaning."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from pflab.policy.registry import load_registry
from pflab.policy.terms import (
    Glossary,
    Term,
    clean_text,
    count_document,
    default_glossary,
    load_counts,
)
from pflab.policy.terms.glossary import _data_terms

GLOSSARY = default_glossary()

# Where each programme is first named or described in the staged work reports, found by
# reading them (shared/data/gov_work_reports/by_year): year, the form, a phrase around it.
FIRST = {
    # 1964 (an abstract of Zhou Enlai's report): "…把我国建成一个具有现代农业、现代工业、
    # 现代国防和现代科学技术的社会主义强国"
    "四个现代化": (1964, "现代农业、现代工业、现代国防和现代科学技术", "variant matched"),
    # 1987: "…能源、激光和新材料等领域的高技术研究发展纲要。" (863's outline)
    "863计划": (1987, "高技术研究发展纲要", "variant matched"),
    # 2002: "新的“863计划”、科技攻关计划和重点基础研究计划开始实施" (973 by its short name;
    # the full name 国家重点基础研究发展计划 first in 2003)
    "973计划": (2002, "重点基础研究计划", "alias matched"),
}


def _raw_reports(raw_dir: Path) -> dict[int, str]:
    """Each report's raw text with whitespace removed and NFKC applied (nothing else)."""
    path = raw_dir / "gov_work_reports" / "government_work_reports.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    out = {}
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        if record.get("year"):
            text = unicodedata.normalize("NFKC", record["content"])
            out[int(record["year"])] = re.sub(r"\s+", "", text)
    return out


def test_forms_have_kinds() -> None:
    p863 = GLOSSARY.get("863计划")
    assert p863.kind_of("863计划") == "term"
    assert p863.kind_of("国家高技术研究发展计划") == "alias"
    assert p863.kind_of("“863”计划") == "alias"  # from the registry's terms
    assert p863.kind_of("高技术研究发展纲要") == "variant"
    assert GLOSSARY.get("引导基金").zh == "政府引导基金"


def test_every_glossary_entry_matches_the_registry() -> None:
    registry = load_registry()
    for term in _data_terms():
        if term.programme:
            programme = registry.get(term.programme)
            assert programme.terms[0] == term.zh, term.zh
    covered = {t.zh for t in _data_terms()}
    missing = [p.terms[0] for p in registry if p.terms and p.terms[0] not in covered]
    assert missing == [], "registry terms without renderings in glossary.yaml"


def test_fullwidth_digits_count_after_nfkc() -> None:
    text, _, _ = clean_text("新的“８６３计划”和９７３计划开始实施")
    rows = {r["term"]: r for r in count_document(text, GLOSSARY)}
    assert rows["863计划"]["substring"] == 1 and rows["863计划"]["forms"] == "863计划×1"
    assert rows["973计划"]["substring"] == 1


def test_generic_phrases_are_counted_and_marked() -> None:
    glossary = Glossary((Term("未来产业", "future industries", generic=("引领未来产业发展",)),))
    rows = count_document("引领未来产业发展。培育未来产业。", glossary, tokens=False)
    assert rows[0]["substring"] == 2 and rows[0]["generic"] == 1
    assert rows[0]["first_generic"] is True and rows[0]["specific"] == 11


def test_forms_are_reported_with_counts() -> None:
    glossary = GLOSSARY.select(["863计划"])
    text = "国家高技术研究发展计划、“863”计划和高技术研究发展纲要"
    rows = count_document(text, glossary, tokens=False)
    assert rows[0]["substring"] == 3
    assert set(rows[0]["forms"].split("; ")) == {
        "国家高技术研究发展计划×1",
        "“863”计划×1",
        "高技术研究发展纲要×1",
    }


def test_embedded_counts_date_programmes_named_in_full_or_in_words() -> None:
    first = load_counts("gwr").first_appearance().set_index("term")
    for term, (year, form, match) in FIRST.items():
        assert first.loc[term, "first_year"] == year, term
        assert first.loc[term, "first_form"] == form, term
        assert first.loc[term, "match"] == match, term
        assert first.loc[term, "flag"] == "", term
    # 1975 states the goal in words too ("全面实现农业、工业、国防和科学技术的现代化")
    yearly = load_counts("gwr").by_year().set_index(["year", "term"])
    assert yearly.loc[(1975, "四个现代化"), "substring"] == 1
    assert yearly.loc[(2003, "973计划"), "substring"] == 1  # 国家重点基础研究发展计划
    assert yearly.loc[(2003, "863计划"), "substring"] == 2  # 国家高技术研究发展计划 twice


def test_what_the_raw_texts_say(raw_dir: Path) -> None:
    texts = _raw_reports(raw_dir)
    for term, (year, form, _) in FIRST.items():
        assert form in texts[year], (term, form)
        forms = GLOSSARY.get(term).forms
        earlier = [y for y, t in texts.items() if y < year and any(f in t for f in forms)]
        assert earlier == [], (term, earlier)
    assert "全面实现农业、工业、国防和科学技术的现代化" in texts[1975]
    # 973's full name first in 2003, its short name in 2002
    assert [y for y, t in texts.items() if "国家重点基础研究发展计划" in t] == [2003]
    assert [y for y, t in texts.items() if "重点基础研究计划" in t] == [2002]
    # the 2002 report writes 863 in full-width digits
    path = raw_dir / "gov_work_reports" / "by_year" / "gwr_2002_zh.txt"
    if path.is_file():
        assert "８６３计划" in path.read_text("utf-8")
    # 政府引导基金 never occurs; 引导基金 does, four times in 2015-2017
    assert all("政府引导基金" not in t for t in texts.values())
    assert sum(t.count("引导基金") for t in texts.values()) == 4
    # 未来产业 in 2014 is the generic phrase
    assert "引领未来产业发展" in texts[2014] and texts[2014].count("未来产业") == 1


def test_typed_alias_only_match_and_generic_flag_are_said() -> None:
    counts = load_counts("gwr")
    chosen = counts.select(["政府引导基金", "未来产业"])
    notes = "\n".join(chosen.notes)
    assert "政府引导基金 never occurs as written; matched 引导基金×4" in notes
    assert "alias matched 引导基金" in notes
    assert "未来产业: the first appearance (2014, “" in notes and "引领未来产业发展" in notes
    assert "first unflagged use 2024" in notes
    first = chosen.first_appearance().set_index("term")
    assert first.loc["未来产业", "flag"] == "generic phrase (引领未来产业发展)"
    assert first.loc["未来产业", "first_specific_year"] == 2024
    typed = counts.select(["引导基金"])
    assert any("引导基金 is counted as a form (alias) of 政府引导基金" in n for n in typed.notes)


def test_selecting_an_unknown_term_from_embedded_counts_says_what_to_do() -> None:
    from pflab.errors import ParameterError

    with pytest.raises(ParameterError, match=r"卡脖子 not in the counts.*count new terms"):
        load_counts("gwr").select(["卡脖子"])
