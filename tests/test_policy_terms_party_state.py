"""Party Congress reports beside the work reports (issue 15): counts against independent
string counts, the Party-vs-State comparison, keyword in context, co-occurrence and the
bilingual glossary."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from pflab.errors import DataFormatError, DataNotFoundError, ParameterError
from pflab.policy.terms import (
    CONGRESS_YEARS,
    compare_counts,
    cooccurrence,
    count_terms,
    default_glossary,
    glossary_table,
    kwic,
    load_counts,
    read_builtin,
    read_corpus,
    track_terms,
)
from pflab.policy.terms.compare import CAVEATS
from pflab.policy.terms.cooccur import congress_terms, parse_periods
from pflab.policy.terms.corpus import clean_text

GLOSSARY = default_glossary()

# Measured on the raw texts (whitespace removed, exact strings) and quoted in issue 15.
ISSUE_15 = {
    ("新型举国体制", 20): 1,
    ("科技自立自强", 20): 5,
    ("自主创新", 17): 11,
    ("战略性新兴产业", 18): 2,
    ("战略性新兴产业", 20): 2,
}


def _congress_raw(raw_dir: Path) -> list[dict[str, object]]:
    path = raw_dir / "gov_work_reports" / "cpc_congress_reports.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_congress_years_table() -> None:
    assert CONGRESS_YEARS[20] == 2022 and CONGRESS_YEARS[17] == 2007
    assert CONGRESS_YEARS[9] == 1969 and CONGRESS_YEARS[1] == 1921
    assert all(CONGRESS_YEARS[n] + 5 == CONGRESS_YEARS[n + 1] for n in range(12, 20))


def test_embedded_congress_counts_match_the_issue() -> None:
    counts = load_counts("congress")
    table = counts.by_congress().set_index(["term", "congress"])
    for (term, congress), n in ISSUE_15.items():
        assert table.loc[(term, congress), "substring"] == n, (term, congress)
    assert table.loc[("新型举国体制", 20), "year"] == 2022
    assert table.xs("新型举国体制", level="term")["substring"].sum() == 1
    assert set(table.xs("战略性新兴产业", level="term").query("substring > 0").index) == {18, 20}
    peak = table.xs("自主创新", level="term")["substring"]
    assert peak.idxmax() == 17


def test_every_count_equals_an_independent_string_count(raw_dir: Path) -> None:
    """Raw text → OpenCC t2s → NFKC → whitespace removed → count of the forms (longest
    first): no pflab cleaning involved. Boilerplate holds no glossary term."""
    opencc = pytest.importorskip("opencc_purepy")
    convert = opencc.OpenCC("t2s").convert
    records = _congress_raw(raw_dir)
    counts = load_counts("congress").frame
    for number, record in enumerate(records, start=1):
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", convert(str(record["content"]))))
        mine = counts[counts["document"] == f"cpc_congress_reports.jsonl:{number}"]
        for term in GLOSSARY:
            pattern = "|".join(re.escape(f) for f in term.forms)
            expected = len(re.findall(pattern, text))
            got = int(mine.loc[mine["term"] == term.zh, "substring"].iloc[0])
            assert got == expected, (number, term.zh)


def test_congress_cleaning_cuts_the_cpc_licence_block(raw_dir: Path) -> None:
    record = _congress_raw(raw_dir)[-1]
    text, cut, _ = clean_text(str(record["content"]))
    assert "本作品来自" not in text and "Public domain" not in text and cut > 500
    assert text.endswith("而团结奋斗!")  # NFKC turns the full-width ！ into !


def test_builtin_texts_record_exclusions_and_conversions() -> None:
    corpus = read_builtin("congress")
    excluded = {d.congress: d.excluded for d in corpus.documents if d.excluded}
    assert set(excluded) == {1, 7}
    assert "stub" in excluded[7]
    third = next(d for d in corpus.documents if d.congress == 3)
    assert third.converted > 500 and "陈独秀" in third.title
    twentieth = next(d for d in corpus.documents if d.congress == 20)
    assert twentieth.section_at(twentieth.text.index("新型举国体制")).startswith(
        "五、实施科教兴国战略"
    )


def test_party_vs_state_first_years() -> None:
    result = track_terms(
        corpus="all", terms=["新型举国体制", "科技自立自强", "新质生产力", "自主创新"]
    )
    first = result.to_frame().set_index("term")
    assert first.loc["新型举国体制", "first_congress"] == 2022
    assert first.loc["新型举国体制", "first_gwr"] == 2023
    assert first.loc["新型举国体制", "lead_years"] == 1
    assert first.loc["新型举国体制", "order"] == "Party first, by at least 1 year"
    assert first.loc["新型举国体制", "window_congress"] == "2017 < y ≤ 2022"
    # the work reports have it in 2021, the Party's report only in 2022, but the Party's
    # window (2017, 2022] holds 2021: order not determined
    assert first.loc["科技自立自强", "first_gwr"] == 2021
    assert first.loc["科技自立自强", "order"] == "undetermined (the windows overlap)"
    assert pd.isna(first.loc["新质生产力", "first_congress"])
    assert first.loc["新质生产力", "window_congress"] == "not in corpus"
    assert pd.isna(first.loc["新质生产力", "lead_years"])
    assert first.loc["新质生产力", "order"] == "not in the Party Congress reports"
    assert first.loc["自主创新", "first_congress"] == 1997
    assert first.loc["自主创新", "first_gwr"] == 2001
    for caveat in CAVEATS:
        assert caveat in result.notes
    assert "2011-07" in first.loc["新型举国体制", "first_use_known"]


def _corpus(tmp_path: Path, name: str, lines: list[dict[str, object]]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    return path


def test_excluded_documents_never_count_as_a_first_use(tmp_path: Path) -> None:
    party = _corpus(
        tmp_path,
        "party.jsonl",
        [
            {"content": "发展新质生产力。", "congress": 7},
            {"content": "其他。", "congress": 12},
            {"content": "新质生产力。", "congress": 17},
        ],
    )
    state = _corpus(
        tmp_path, "state.jsonl", [{"content": "新质生产力", "year": y} for y in (2006, 2007)]
    )
    glossary = GLOSSARY.select(["新质生产力"])
    p = count_terms(read_corpus(party).exclude({7: "a stub"}), glossary, tokens=False)
    s = count_terms(read_corpus(state), glossary, tokens=False)
    row = compare_counts([p, s]).to_frame().iloc[0]
    assert row["first_party.jsonl"] == 2007  # the 1945 stub is left out
    assert row["window_party.jsonl"] == "1982 < y ≤ 2007"
    assert row["first_state.jsonl"] == 2006
    assert row["order"] == "undetermined (the windows overlap)"
    s_late = count_terms(
        read_corpus(
            _corpus(
                tmp_path,
                "late.jsonl",
                [{"content": x, "year": y} for x, y in (("无", 2007), ("新质生产力", 2008))],
            )
        ),
        glossary,
        tokens=False,
    )
    row = compare_counts([p, s_late]).to_frame().iloc[0]
    assert row["lead_years"] == 1 and row["order"].startswith("party.jsonl first")


def test_unknown_congress_number_names_row_and_column(tmp_path: Path) -> None:
    path = _corpus(tmp_path, "c.jsonl", [{"content": "x", "congress": 31}])
    with pytest.raises(DataFormatError, match=r"row 1.*column 'congress'.*no year known"):
        read_corpus(path)


def test_comparison_needs_two_corpora_with_the_same_terms() -> None:
    gwr = load_counts("gwr")
    with pytest.raises(ParameterError, match="at least two"):
        compare_counts([gwr])
    with pytest.raises(ParameterError, match="counts other terms"):
        compare_counts([load_counts("congress"), gwr.select(["新质生产力"])])


def test_by_year_has_counts_per_ten_thousand_characters() -> None:
    result = track_terms(corpus="all", terms=["高质量发展"], by="year")
    table = result.to_frame()
    row = table[(table["corpus"] == "congress") & (table["year"] == 2022)].iloc[0]
    assert row["substring"] == 13
    assert row["per_10k"] == pytest.approx(13 / row["chars"] * 1e4)
    assert row["chars"] == load_counts("congress").documents.set_index("year").loc[2022, "chars"]


def test_kwic_shows_every_passage() -> None:
    result = kwic("新型举国体制", [read_builtin("congress"), read_builtin("gwr")])
    frame = result.to_frame()
    assert list(zip(frame["corpus"], frame["year"], strict=True)) == [
        ("congress", 2022),
        ("gwr", 2023),
        ("gwr", 2023),
        ("gwr", 2024),
        ("gwr", 2025),
    ]
    first = frame.iloc[0]
    assert first["congress"] == 20 and first["where"] == "Party 2022 (20th Congress)"
    assert first["left"].endswith("完善党中央对科技工作统一领导的体制,健全")
    assert first["right"].startswith(",强化国家战略科技力量")
    assert first["section"].startswith("五、实施科教兴国战略")


def test_kwic_of_a_variant_searches_every_form(tmp_path: Path) -> None:
    (tmp_path / "r_1987.txt").write_text("一、形势\n\n制定高技术研究发展纲要。", "utf-8")
    (tmp_path / "r_2001.txt").write_text("“863”计划顺利实施。", "utf-8")
    result = kwic("高技术研究发展纲要", [read_corpus(tmp_path)], width=4)
    frame = result.to_frame()
    assert list(frame["kind"]) == ["variant", "alias"]
    assert frame.iloc[0]["section"] == "一、形势" and frame.iloc[0]["left"] == "制定"
    assert frame.iloc[1]["right"] == "顺利实施"
    assert kwic("卡脖子", [read_corpus(tmp_path)]).to_frame().empty


def test_raw_texts_missing_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(
        DataNotFoundError, match=r"Party Congress reports texts not found.*PFLAB_RAW_DATA"
    ):
        read_builtin("congress", raw=tmp_path)


def test_cooccurrence_by_paragraph_and_period(tmp_path: Path) -> None:
    (tmp_path / "a_2022.txt").write_text(
        "完善新型举国体制,突破关键核心技术。\n\n新型举国体制。\n\n关键核心技术。", "utf-8"
    )
    (tmp_path / "a_2024.txt").write_text(
        "发展新质生产力,建设现代化产业体系和新型举国体制。", "utf-8"
    )
    corpus = read_corpus(tmp_path)
    result = cooccurrence("新型举国体制", [corpus], GLOSSARY, periods=[(2022, 2023), (2024, 2025)])
    table = result.to_frame().set_index(["period", "companion"])
    assert table.loc[("2022–2023", "关键核心技术"), "paragraphs"] == 1
    assert table.loc[("2022–2023", "关键核心技术"), "focus_paragraphs"] == 2
    assert table.loc[("2022–2023", "关键核心技术"), "share"] == 0.5
    assert table.loc[("2024–2025", "新质生产力"), "paragraphs"] == 1
    assert ("2022–2023", "新型举国体制") not in table.index
    # a companion inside the focus term is not a companion
    nested = cooccurrence("战略性新兴产业", [corpus], GLOSSARY).to_frame()
    assert "新兴产业" not in set(nested["companion"])


def test_cooccurrence_on_the_reports() -> None:
    texts = [read_builtin("congress"), read_builtin("gwr")]
    result = cooccurrence("新质生产力", texts, GLOSSARY, periods=parse_periods("2024-2025"))
    companions = set(result.to_frame()["companion"])
    assert "现代化产业体系" in companions  # "大力推进现代化产业体系建设，加快发展新质生产力"
    default = cooccurrence("新型举国体制", texts, GLOSSARY)
    # in the 20th Congress report it shares its paragraph with no other glossary term
    assert set(default.to_frame()["period"]) == {"2023–2027"}
    assert "2018–2022 congress: 1 paragraphs" in default.notes[0]


def test_periods() -> None:
    assert parse_periods("2024-2025, 2022–2023,2030") == [(2022, 2023), (2024, 2025), (2030, 2030)]
    with pytest.raises(ParameterError, match="overlap"):
        parse_periods("2020-2023,2022-2024")
    with pytest.raises(ParameterError, match="YYYY"):
        parse_periods("last year")
    terms = congress_terms()
    assert (2018, 2022) in terms and (2023, 2027) in terms and (1974, 1977) in terms


def test_glossary_table_is_bilingual_and_sourced() -> None:
    table = glossary_table().to_frame().set_index("term")
    assert (table["english"] != "").all()
    assert "new productive forces" in table.loc["新质生产力", "renderings"]
    assert table.loc["新型举国体制", "programme"] == "new_national_system"
    assert table.loc["新型举国体制", "first_use"] == "2011-07"
    assert "jizihe" in table.loc["新型举国体制", "first_use_source"]
    assert table.loc["科技自立自强", "first_use"] == "2020-10"
    assert table.loc["四个现代化", "first_use_basis"] == "sources"
    researched = table[table["first_use_basis"] == "sources"]
    # every cited key resolved to a citation (a bare key would have no comma or address)
    for keys, cited in zip(
        researched["first_use_keys"], researched["first_use_source"], strict=True
    ):
        for key in keys.split():
            assert key not in cited.split("; "), key
    assert glossary_table(terms=["引导基金"]).to_frame()["term"].tolist() == ["政府引导基金"]
