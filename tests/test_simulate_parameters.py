"""The parameter table: every parameter says where it comes from, as the docs do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pflab.errors import ModelError
from pflab.simulate import BUILTIN_SCENARIOS, load_scenario, parameter_table
from pflab.simulate.bounds import BOUNDS
from pflab.simulate.parameters import FLAGS, parameter_sources

DOCS = Path(__file__).resolve().parents[1] / "docs" / "simulate.md"


@pytest.mark.parametrize("name", BUILTIN_SCENARIOS)
def test_every_parameter_of_every_builtin_has_a_row_within_its_bounds(name: str) -> None:
    table = parameter_table(name)
    frame = table.parameters
    expected = list(load_scenario(name).all_distributions())
    assert frame["parameter"].tolist() == expected
    assert frame["source"].str.len().min() > 10
    for flag in frame["flag"]:
        assert set(flag.split("; ")) <= set(FLAGS)
    # the drawn range lies inside the bounds every scenario is held to
    for row in frame.itertuples():
        low, high, _ = BOUNDS[row.parameter]
        assert low - 1e-12 <= row.low <= row.median <= row.high <= high + 1e-12, row.parameter
    assert frame.drop(columns=["bound_reason"]).notna().all().all()


def test_no_source_entry_is_orphaned() -> None:
    used = {p for name in BUILTIN_SCENARIOS for p in load_scenario(name).all_distributions()}
    assert set(parameter_sources()) == used


def test_flags_agree_with_the_docs_table() -> None:
    # each row of docs/simulate.md's "Parameters" table names its evidence in brackets;
    # the machine-readable flags must say at least as much
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Parameters") : text.index("### Budgets")]
    sources = parameter_sources()
    checked = 0
    for line in section.splitlines():
        names = re.findall(r"`([a-z_]+)`", line.split("|")[1]) if line.startswith("| `") else []
        tags = {t.lower() for t in re.findall(r"computed|cited|judgement|UNCONFIRMED", line)}
        for name in names:
            assert name in sources, f"docs row {name!r} has no entry in parameter_sources.toml"
            flags = set(sources[name]["flag"])
            assert tags <= flags, f"{name}: docs say {sorted(tags)}, the table {sorted(flags)}"
            checked += 1
    assert checked >= 25


def test_judgement_is_visible_in_the_notes() -> None:
    table = parameter_table("central")
    judged = table.parameters["flag"].str.contains("judgement").sum()
    assert 0 < judged < len(table.parameters)
    assert any(f"{judged} of {len(table.parameters)}" in note for note in table.notes)


def test_a_parameter_without_a_source_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from pflab.simulate import parameters

    trimmed = {k: v for k, v in parameter_sources().items() if k != "labour_share"}
    monkeypatch.setattr(parameters, "parameter_sources", lambda: trimmed)
    with pytest.raises(ModelError, match=r"labour_share.*no entry"):
        parameters.parameter_table("none")
