"""A malformed registry file is an error naming the file, the entry and the field."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pflab.errors import DataFormatError, DataValidationError, PflabError
from pflab.policy import load_registry

SHIPPED = Path(str(resources.files("pflab.policy").joinpath("registry")))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "registry"
    shutil.copytree(SHIPPED, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def _fails(folder: Path, *fragments: str, kind: type[Exception] = DataValidationError) -> str:
    with pytest.raises(kind) as info:
        load_registry(folder)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_the_copy_loads(folder: Path) -> None:
    assert len(load_registry(folder)) == len(load_registry())


def test_invalid_isic_code(folder: Path) -> None:
    _edit(folder / "manufacturing.yaml", 'sectors: ["29", "27"]', 'sectors: ["29", "2999"]')
    _fails(folder, "manufacturing.yaml", "'mic2025_nev'", "'sectors.1.isic'", "2999")


def test_isic_code_read_as_number(folder: Path) -> None:
    _edit(folder / "manufacturing.yaml", 'sectors: ["29", "27"]', "sectors: [29, 27]")
    _fails(folder, "manufacturing.yaml", "'mic2025_nev'", "quote it")


def test_unknown_division(folder: Path) -> None:
    _edit(folder / "manufacturing.yaml", 'sectors: ["29", "27"]', 'sectors: ["29", "04"]')
    _fails(folder, "'mic2025_nev'", "not an ISIC Rev.4")


def test_end_before_start(folder: Path) -> None:
    _edit(
        folder / "modernisation.yaml",
        'end: {date: "1895", sources: [H1]',
        'end: {date: "1851", sources: [H1]',
    )
    _fails(folder, "modernisation.yaml", "'self_strengthening'", "'dates'", "after end 1851")


def test_impossible_date(folder: Path) -> None:
    _edit(folder / "future_industries.yaml", '"2024-01-31", event', '"2024-02-31", event')
    _fails(folder, "future_industries.yaml", "'nqpf'", "milestones", "day is out of range")


def test_unknown_link(folder: Path) -> None:
    _edit(folder / "manufacturing.yaml", "predecessors: [sei_2010]", "predecessors: [sei_2011]")
    _fails(folder, "manufacturing.yaml", "'mic2025'", "'predecessors'", "sei_2011", "sei_2010")


def test_successor_that_starts_first(folder: Path) -> None:
    _edit(folder / "manufacturing.yaml", "predecessors: [sei_2010]", "predecessors: [nqpf]")
    _fails(folder, "'mic2025'", "'predecessors'", "starts before its predecessor")


def test_parent_cycle(folder: Path) -> None:
    _edit(folder / "mlp.yaml", "    parent: mlp_2006\n", "    parent: megaproject_01\n")
    _fails(folder, "mlp.yaml", "'parent'", "loops back")


def test_duplicate_id_across_files(folder: Path) -> None:
    _edit(folder / "emerging_industries.yaml", "  - id: sei_class_2018", "  - id: mic2025")
    _fails(
        folder, "manufacturing.yaml", "'mic2025'", "'id'", "also used in emerging_industries.yaml"
    )


def test_duplicate_alias(folder: Path) -> None:
    _edit(folder / "guidance_funds.yaml", "aliases: [GGF,", "aliases: [MIC2025, GGF,")
    _fails(folder, "guidance_funds.yaml", "'aliases'", "already taken by 'mic2025'")


def test_traditional_chinese_name(folder: Path) -> None:
    _edit(folder / "manufacturing.yaml", "name_zh: 中国制造2025", "name_zh: 中國製造2025")
    message = _fails(folder, "manufacturing.yaml", "'mic2025'", "'name_zh'", "traditional")
    assert "中国制造2025" in message  # the suggested fix


def test_typo_in_a_field_name(folder: Path) -> None:
    _edit(
        folder / "semiconductors.yaml",
        "    issuers: [State Council, Ministry",
        "    isuers: [State Council, Ministry",
    )
    _fails(folder, "semiconductors.yaml", "'ic_outline_2014'", "unknown field 'isuers'")


def test_unknown_source_key(folder: Path) -> None:
    _edit(folder / "semiconductors.yaml", "    sources: [B1]\n", "    sources: [B99]\n")
    _fails(folder, "semiconductors.yaml", "'ic_outline_2014'", "'sources'", "B99")


def test_missing_required_field(folder: Path) -> None:
    _edit(folder / "guidance_funds.yaml", "    kind: fund\n", "")
    _fails(folder, "guidance_funds.yaml", "'guidance_funds'", "'kind'", "Field required")


def test_bad_kind_value(folder: Path) -> None:
    _edit(folder / "guidance_funds.yaml", "    kind: fund\n", "    kind: slogan\n")
    _fails(folder, "'guidance_funds'", "'kind'")


def test_not_yaml(folder: Path) -> None:
    (folder / "broken.yaml").write_text("family: x\nentries: [\n  - {id: a\n", "utf-8")
    _fails(folder, "broken.yaml", "not valid YAML", kind=DataFormatError)


def test_bad_source_entry(folder: Path) -> None:
    _edit(folder / "sources.yaml", "kind: essay", "kind: blog")
    _fails(folder, "sources.yaml", "source 'ESSAY'", "'kind'")


# -- one test for each class of registry error fixed in issue 8 ------------------------


def test_a_phrase_split_at_a_comma_is_an_error(folder: Path) -> None:
    # unbalanced parentheses: "under Xi (essay" / "not independently verified)"
    _edit(
        folder / "innovation_strategy.yaml",
        '"that it is the tenth party commission created under Xi (the essay says so; not '
        'independently verified)"',
        "that it is the tenth party commission created under Xi (essay, not independently "
        "verified)",
    )
    _fails(folder, "innovation_strategy.yaml", "'cstc_2023'", "'unverified.0'", "parenthesis")


def test_a_list_item_ending_in_a_conjunction_is_an_error(folder: Path) -> None:
    _edit(
        folder / "modernisation.yaml",
        "Zeng Guofan (provincial official), Li Hongzhang (provincial official)",
        "provincial governors Zeng Guofan, Li Hongzhang and, Zuo Zongtang",
    )
    _fails(folder, "'self_strengthening'", "'issuers.2'", "conjunction 'and'")


def test_programmes_that_ran_in_parallel_cannot_be_predecessor_and_successor(
    folder: Path,
) -> None:
    # 863 (1987-2016) and 973 (1997-2016) ran side by side: related, not a succession
    _edit(
        folder / "science_programmes.yaml",
        "    successors: [national_key_rd]\n    related: [p863]",
        "    predecessors: [p863]\n    successors: [national_key_rd]",
    )
    _fails(folder, "'p973'", "'predecessors'", "ran in parallel", "'related'")


def test_a_confirmed_claim_needs_more_than_secondary_pages(folder: Path) -> None:
    _edit(
        folder / "mlp.yaml",
        "confidence: single_source, note: secondary pages only, sources: [M2]}",
        "sources: [M2]}",
    )
    _fails(folder, "'mlp_2006'", "'targets.1'", "marked confirmed", "single_source")


def test_an_undated_fact_must_say_why(folder: Path) -> None:
    _edit(
        folder / "semiconductors.yaml",
        "        note: the source does not date the figure and no primary source was found; "
        'it is not "by the end of 2015"\n',
        "",
    )
    _fails(folder, "'big_fund_1'", "facts", "undated fact needs a note")


def test_an_outcome_needs_its_year_and_a_source(folder: Path) -> None:
    _edit(
        folder / "manufacturing.yaml",
        "outcome: {year: 2019, value: 33, text: about one third in 2019 (Li Yizhong), "
        "confidence: single_source, sources: [P5]}",
        "outcome: {value: 33, text: about one third (Li Yizhong)}",
    )
    _fails(folder, "'mic2025'", "outcome")


def test_missing_catalogue(folder: Path) -> None:
    (folder / "sources.yaml").unlink()
    _fails(folder, "sources.yaml", "missing", kind=PflabError)


_ENTRY_FIELDS = st.sampled_from(
    ["name_zh", "kind", "dates", "sectors", "parent", "sources", "terms"]
)
_VALUES = st.one_of(
    st.text(max_size=12),
    st.integers(-5, 3000),
    st.lists(st.text(max_size=6), max_size=3),
    st.none(),
    st.dictionaries(
        st.sampled_from(["start", "date", "isic", "x"]), st.text(max_size=8), max_size=2
    ),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=_ENTRY_FIELDS, value=_VALUES)
def test_any_edit_loads_or_fails_cleanly(folder: Path, field: str, value: object) -> None:
    """Whatever a user writes into an entry, loading either works or raises a PflabError
    that names the file and the entry."""
    path = folder / "semiconductors.yaml"
    original = path.read_text("utf-8")
    data = yaml.safe_load(original)
    data["entries"][0][field] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    try:
        load_registry(folder)
    except PflabError as exc:
        assert "semiconductors.yaml" in str(exc)
    finally:
        path.write_text(original, "utf-8")
