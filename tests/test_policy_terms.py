"""The term tracker: cleaning, counting, segmentation, and the Government Work Reports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pflab.errors import DataFormatError, DataNotFoundError, ParameterError, PflabError
from pflab.policy.terms import (
    Glossary,
    Term,
    clean_text,
    count_document,
    count_terms,
    default_glossary,
    load_gwr_counts,
    read_corpus,
)
from pflab.policy.terms.build import GWR_RAW, GWR_STEM, build_congress_terms, build_gwr_terms
from pflab.policy.terms.corpora import CONGRESS
from pflab.policy.terms.segment import segment

GLOSSARY = default_glossary()
FIVE = ["自主创新", "战略性新兴产业", "新型举国体制", "新质生产力", "未来产业"]

# First appearance in the Government Work Reports, from reading the staged texts
# (shared/data/gov_work_reports/by_year/gwr_YYYY_zh.txt; grep over all earlier reports,
# line breaks removed, finds none of them). Year, then a phrase of the first sentence.
KNOWN_FIRST = {
    # 2001, part on restructuring traditional industries, point 2
    "自主创新": (2001, "二是通过自主创新和引进技术"),
    # 2010, paragraph opening "大力培育战略性新兴产业。国际金融危机正在催生新的科技革命"
    "战略性新兴产业": (2010, "大力培育战略性新兴产业"),
    # 2023, review of the past five years, "——科技创新成果丰硕。" paragraph
    "新型举国体制": (2023, "构建新型举国体制，组建国家实验室"),
    # 2024, task (一) of the 2024 work programme
    "新质生产力": (2024, "大力推进现代化产业体系建设，加快发展新质生产力"),
    # 2014, industrial restructuring paragraph ("进，要更加积极有为")
    "未来产业": (2014, "引领未来产业发展"),
}


def test_the_glossary_has_the_five_terms_with_english() -> None:
    zh = {t.zh: t for t in GLOSSARY}
    assert set(FIVE) <= set(zh)
    assert zh["新质生产力"].en == "new quality productive forces"
    assert "new productive forces" in zh["新质生产力"].renderings
    assert zh["新质生产力"].origin == "registry:nqpf"
    assert "洋务运动" in zh["自强运动"].aliases


def test_multi_character_terms_are_never_split() -> None:
    words = GLOSSARY.words
    single = [w for w in words if re.fullmatch(r"[\w+]+", w)]
    assert len(single) > 30
    for word in single:
        assert [t for t, _, _ in segment(word, words)] == [word]
        padded = f"我们要大力发展{word}和相关产业"
        assert word in [t for t, _, _ in segment(padded, words)], word


def test_substring_and_token_counts_and_why_they_differ() -> None:
    text = "培育战略性新兴产业，壮大新兴产业。“863”计划和863计划。"
    rows = {r["term"]: r for r in count_document(text, GLOSSARY)}
    assert (rows["战略性新兴产业"]["substring"], rows["战略性新兴产业"]["tokens"]) == (1, 1)
    assert (rows["新兴产业"]["substring"], rows["新兴产业"]["tokens"]) == (2, 1)
    assert rows["新兴产业"]["explanation"] == "1× inside 战略性新兴产业"
    assert (rows["863计划"]["substring"], rows["863计划"]["tokens"]) == (2, 1)
    assert rows["863计划"]["explanation"] == "1× split as “|863|”|计划"
    assert rows["新质生产力"]["substring"] == 0 and rows["新质生产力"]["explanation"] == ""


def test_variants_count_once_each() -> None:
    glossary = Glossary((Term("科技自立自强", "self-reliance", ("自立自强",)),))
    rows = count_document("科技自立自强，自立自强。", glossary)
    assert rows[0]["substring"] == 2 and rows[0]["tokens"] == 2


def test_clean_text_cuts_boilerplate_and_joins_broken_lines() -> None:
    raw = (
        "发展新质\n生产力，　实施“互联网＋”行动。\u200b我們\n\n"
        "本作品是中华人民共和国的\n法律\n、\n法规\n。\n"
        "注：中文维基文库社群认为，公务演讲\nPublic domain\nfalse\n"
    )
    text, cut, converted = clean_text(raw)
    assert text == "发展新质生产力,实施“互联网+”行动。我们"
    assert cut == len(raw) - raw.index("本作品")
    assert converted == 1


def test_boilerplate_far_from_the_end_is_kept() -> None:
    body = "正文" * 2000
    text, cut, _ = clean_text("本作品是中华人民共和国的" + body)
    assert cut == 0 and text.endswith("正文")


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_folder_corpus_years_gaps_and_counts(tmp_path: Path) -> None:
    _write(tmp_path, "report_2000.txt", "推进自主创新。")
    _write(tmp_path, "report_2002.txt", "自主创新，自主\n创新；新质生产力。")
    _write(tmp_path, "notes.md", "ignored")
    corpus = read_corpus(tmp_path)
    assert corpus.years == [2000, 2002] and corpus.gaps() == [2001]
    counts = count_terms(corpus, GLOSSARY.select(["自主创新", "新质生产力", "卡脖子"]))
    yearly = counts.by_year().set_index(["year", "term"])
    assert yearly.loc[(2002, "自主创新"), "substring"] == 2
    assert yearly.loc[(2000, "新质生产力"), "substring"] == 0
    first = counts.first_appearance().set_index("term")
    assert first.loc["自主创新", "first_year"] == 2000
    assert first.loc["新质生产力", "first_year"] == 2002
    assert first.loc["新质生产力", "gaps_before"] == "2001"
    assert pd.isna(first.loc["卡脖子", "first_year"])  # a user term, never used
    assert "2 documents, 2000-2002; missing years: 2001" in counts.summary()
    assert "<table" in counts._repr_html_()


def test_jsonl_corpus_with_year_or_date_and_undated_records(tmp_path: Path) -> None:
    lines = [
        {"title": "a", "content": "新质生产力", "year": "2024"},
        {"title": "b", "text": "未来产业", "date": "2025-03-05"},
        {"title": "resolution", "content": "决议", "year": None},
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", "utf-8")
    corpus = read_corpus(path)
    assert [d.year for d in corpus.documents] == [2024, 2025]
    assert corpus.skipped == ("line 3: no year (resolution)",)


@pytest.mark.parametrize(
    ("content", "fragments"),
    [
        ('{"content": "x", "year": 2020}\nnot json\n', ["c.jsonl", "row 2", "not valid JSON"]),
        ('{"body": "x", "year": 2020}\n', ["row 1", "'content' or 'text'"]),
        ('{"content": "x", "year": "twenty"}\n', ["row 1", "column 'year'", "not a year"]),
        ('{"content": "x", "date": "1700-01-01"}\n', ["column 'date'", "outside 1800-2099"]),
        ("[1, 2]\n", ["row 1", "JSON object"]),
    ],
)
def test_bad_jsonl_names_file_row_and_field(
    tmp_path: Path, content: str, fragments: list[str]
) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(content, "utf-8")
    with pytest.raises(DataFormatError) as info:
        read_corpus(path)
    for fragment in fragments:
        assert fragment in str(info.value)


def test_bad_folders(tmp_path: Path) -> None:
    with pytest.raises(DataNotFoundError):
        read_corpus(tmp_path / "absent")
    with pytest.raises(ParameterError, match="no dated documents"):
        read_corpus(tmp_path)
    _write(tmp_path, "report_2000_2001.txt", "x")
    with pytest.raises(DataFormatError, match=r"report_2000_2001\.txt.*exactly one year"):
        read_corpus(tmp_path)
    (tmp_path / "report_2000_2001.txt").unlink()
    (tmp_path / "r2003.txt").write_bytes("自主创新".encode("gb18030"))
    with pytest.raises(DataFormatError, match=r"r2003\.txt.*not UTF-8"):
        read_corpus(tmp_path)


_JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 3000),
    st.text(max_size=10),
    st.lists(st.integers(), max_size=2),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    records=st.lists(
        st.dictionaries(
            st.sampled_from(["content", "text", "year", "date", "title"]), _JSON_VALUES, max_size=4
        ),
        min_size=1,
        max_size=4,
    ),
    junk=st.booleans(),
)
def test_any_jsonl_reads_or_fails_cleanly(
    tmp_path: Path, records: list[dict[str, object]], junk: bool
) -> None:
    path = tmp_path / "u.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + (["{oops"] if junk else [])
    path.write_text("\n".join(lines), "utf-8")
    try:
        corpus = read_corpus(path)
    except PflabError as exc:
        assert "u.jsonl" in str(exc) or "CORPUS" in str(exc)
    else:
        assert all(1800 <= d.year <= 2099 for d in corpus.documents)
        counts = count_terms(corpus, GLOSSARY.select(["自主创新"]), tokens=False)
        assert len(counts.frame) == len(corpus.documents)


# -- the Government Work Reports ------------------------------------------------------


def test_embedded_counts_first_appearances_and_gaps() -> None:
    counts = load_gwr_counts()
    first = counts.first_appearance().set_index("term")
    for term, (year, _) in KNOWN_FIRST.items():
        assert first.loc[term, "first_year"] == year, term
        assert first.loc[term, "first_year_tokens"] == year, term
    modern = [g for g in counts.gaps if g >= 1978]
    assert modern == [1989, 1990, 1991, 1996, 2020]
    assert len(counts.documents) == 52
    assert len(counts.skipped) == 20  # NPC resolutions, which carry no year
    assert (
        counts.documents.loc[counts.documents["year"] == 1954, "converted_traditional"].item()
        > 1000
    )


def test_known_first_sentences_are_in_the_raw_texts(raw_dir: Path) -> None:
    folder = raw_dir / "gov_work_reports" / "by_year"
    texts = {
        int(p.stem.split("_")[1]): re.sub(r"\s+", "", p.read_text("utf-8"))
        for p in folder.glob("gwr_*_zh.txt")
    }
    for term, (year, phrase) in KNOWN_FIRST.items():
        assert re.sub(r"\s+", "", phrase) in texts[year], term
        earlier = [y for y, t in texts.items() if y < year and term in t]
        assert earlier == [], (term, earlier)


@pytest.mark.parametrize(
    ("stem", "raw", "builder"),
    [
        (GWR_STEM, GWR_RAW, build_gwr_terms),
        (CONGRESS.stem, CONGRESS.raw, build_congress_terms),
    ],
)
def test_shipped_counts_equal_a_fresh_build(  # type: ignore[no-untyped-def]
    raw_file, tmp_path: Path, stem, raw, builder
) -> None:
    raw_file(raw)
    from pflab.data.embedded import EMBEDDED_DIR
    from pflab.data.paths import raw_data_dir

    folder = raw_data_dir()
    assert folder is not None
    builder(folder, tmp_path)
    fresh = pd.read_parquet(tmp_path / f"{stem}.parquet")
    shipped = pd.read_parquet(EMBEDDED_DIR / f"{stem}.parquet")
    pd.testing.assert_frame_equal(fresh, shipped)
    assert (tmp_path / f"{stem}.json").read_text("utf-8") == (
        EMBEDDED_DIR / f"{stem}.json"
    ).read_text("utf-8")


@pytest.mark.slow
def test_folder_and_jsonl_give_the_same_counts(raw_dir: Path) -> None:
    folder = raw_dir / "gov_work_reports" / "by_year"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    glossary = GLOSSARY.select([*FIVE, "新兴产业"])
    by_folder = count_terms(read_corpus(folder), glossary).frame.drop(columns="document")
    embedded = load_gwr_counts().frame
    embedded = embedded[embedded["term"].isin(glossary.words)].drop(columns="document")
    pd.testing.assert_frame_equal(
        by_folder.reset_index(drop=True), embedded.reset_index(drop=True), check_dtype=False
    )


def test_jieba_loads_lazily_and_caches_outside_the_package() -> None:
    import subprocess
    import sys

    probe = "import sys, pflab.cli, pflab.policy, pflab.policy.terms; print('jieba' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    segment("新质生产力", GLOSSARY.words)
    package = Path(__file__).resolve().parents[1] / "src" / "pflab"
    assert list(package.rglob("*.cache")) == []


@pytest.mark.parametrize("name", ["pflab.policy", "pflab.policy.terms"])
def test_policy_public_names_resolve(name: str) -> None:
    import importlib

    module = importlib.import_module(name)
    for attr in module.__all__:
        assert hasattr(module, attr), f"{name}.{attr}"
