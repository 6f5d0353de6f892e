"""Sector maps and programme weights: every share has a basis and a source, the rules
hold, and one function gives a programme's weights on any table."""

from __future__ import annotations

import csv
import shutil
from importlib import resources
from pathlib import Path

import pytest

from pflab.data.concordance import load_concordance
from pflab.errors import DataValidationError, LookupFailedError
from pflab.network import load_io
from pflab.policy import load_registry, load_sector_maps, programme_weights
from pflab.policy.official import load_official_figures
from pflab.policy.weights import map_rows, transfer_weights

SHIPPED = Path(str(resources.files("pflab.policy").joinpath("registry")))
REG = load_registry()
MAPS = load_sector_maps()


@pytest.fixture(scope="module")
def t2020():  # type: ignore[no-untyped-def]
    return load_io("CHN", 2020, source="nbs", sectors=153)


def test_every_share_has_a_basis_and_a_source() -> None:
    for sector_map in MAPS:
        frame = sector_map.frame
        assert len(frame), sector_map.id
        assert frame["basis"].str.len().min() > 10, sector_map.id
        for keys in frame["sources"]:
            assert keys.split() and set(keys.split()) <= set(REG.sources), sector_map.id
        assert ((frame["low"] <= frame["share"]) & (frame["share"] <= frame["high"])).all()
        assert sector_map.status in ("official", "unofficial")
    # the raw files too: no row with an empty basis or sources, whatever the loader does
    for path in (SHIPPED / "maps").glob("*.csv"):
        if path.name == "official_aggregates.csv":
            continue
        with path.open(encoding="utf-8") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                assert row["basis"].strip() and row["sources"].strip(), (path.name, line)


def test_shares_are_never_based_on_the_aggregates_they_are_checked_against() -> None:
    validated = {k for figure in load_official_figures() for k in figure.sources}
    for sector_map in MAPS:
        cited = {k for keys in sector_map.frame["sources"] for k in keys.split()}
        assert not cited & validated, (sector_map.id, cited & validated)


def test_maps_without_an_official_class_list_are_marked_unofficial() -> None:
    # no official class list with its partial-class marks was found for any family
    assert {m.status for m in MAPS} == {"unofficial"}
    assert MAPS.serving("sei_2010").id == "sei_2018"  # type: ignore[union-attr]
    assert MAPS.with_part("mic2025_nev").id == "mic2025"  # type: ignore[union-attr]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "registry"
    shutil.copytree(SHIPPED, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize(
    ("old", "new", "fragments"),
    [
        (
            '"nascent: humanoid and intelligent robots are a small part of other general '
            "machinery (industrial robots as a whole are a few percent of it and humanoid robots "
            'a fraction of those); judgement"',
            '""',
            ("row 2", "basis", "needs its basis"),
        ),
        ("F2 F3 F5\n", "\n", ("row 2", "sources", "needs a source")),
        ("fi_manufacturing,073,0.01,", "fi_manufacturing,073,0.5,", ("row 2", "low <= share")),
        ("fi_manufacturing,073,", "fi_manufacturing,999,", ("'999'", "not a sector code")),
        ("fi_manufacturing,073,", "mic2025_nev,073,", ("'mic2025_nev'", "part")),
        ("F2 F3 F5\n", "F2 NOPE\n", ("NOPE", "sources.yaml")),
        ("0.01,0.002,0.03", "1.5,0.002,0.03", ("between 0 and 1",)),
    ],
)
def test_a_bad_map_row_names_the_file_row_and_column(
    folder: Path, old: str, new: str, fragments: tuple[str, ...]
) -> None:
    _edit(folder / "maps" / "future_industries_2024.csv", old, new)
    with pytest.raises(DataValidationError) as info:
        load_sector_maps(folder)
    message = str(info.value)
    assert "future_industries_2024.csv" in message
    for fragment in fragments:
        assert fragment in message, message


def test_parts_of_one_sector_cannot_add_up_to_more_than_the_sector(folder: Path) -> None:
    path = folder / "maps" / "sei_2018.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("sei_biotech,094,0.5,0.4,0.6,judgement for the test,S6\n")
    with pytest.raises(DataValidationError, match=r"add up to 1\.4"):
        load_sector_maps(folder)


def test_a_programme_is_measured_by_one_map(folder: Path) -> None:
    manifest = folder / "maps" / "maps.yaml"
    _edit(manifest, "programmes: [mic2025, mic2025_roadmap]", "programmes: [mic2025, sei_2010]")
    with pytest.raises(DataValidationError, match="already measured by map 'sei_2018'"):
        load_sector_maps(folder)


def test_weights_resolve_by_id_alias_or_name(t2020) -> None:  # type: ignore[no-untyped-def]
    by_id = programme_weights("future_industries_2024", t2020).shares()
    for name in ("future-industries", "Future industries", "未来产业", "future industries 2024"):
        assert programme_weights(name, t2020).shares() == by_id, name
    with pytest.raises(LookupFailedError, match="future_industries_2024"):
        programme_weights("future-industry", t2020)


def test_parts_add_up_to_the_programme(t2020) -> None:  # type: ignore[no-untyped-def]
    whole = programme_weights("mic2025", t2020).frame
    parts = [programme_weights(c.id, t2020).frame for c in REG.children("mic2025")]
    for code in whole.index:
        total = sum(p.at[code, "share"] for p in parts if code in p.index)
        assert whole.at[code, "share"] == pytest.approx(min(1.0, total)), code


def test_inherited_weights_are_the_union(t2020) -> None:  # type: ignore[no-untyped-def]
    nqpf = programme_weights("nqpf", t2020).frame
    sei = programme_weights("sei_2010", t2020).frame
    fi = programme_weights("future_industries_2024", t2020).frame
    for code in nqpf.index:
        a = sei.at[code, "share"] if code in sei.index else 0.0
        b = fi.at[code, "share"] if code in fi.index else 0.0
        assert nqpf.at[code, "share"] == pytest.approx(max(a, b))
        assert nqpf.at[code, "high"] <= 1.0
    assert set(nqpf.index) == set(sei.index) | set(fi.index)


def test_entries_without_a_map_count_whole_sectors_as_upper_bounds(t2020) -> None:  # type: ignore[no-untyped-def]
    weights = programme_weights("p973", t2020)
    assert weights.status == "whole sectors" and weights.approximate
    assert weights.shares() == {"136": 1.0}  # basic research: the R&D sector, wholly
    assert "upper bound" in weights.frame.at["136", "basis"]


def test_other_schemes_get_the_shares_through_isic(t2020) -> None:  # type: ignore[no-untyped-def]
    t42 = load_io("CHN", 2020, source="nbs", sectors=42)
    for name in ("sei_2010", "ht_mfg_class_2017", "future_industries_2024"):
        fine = programme_weights(name, t2020).shares()
        coarse = programme_weights(name, t42).shares()
        x153, x42 = t2020.gross_output, t42.gross_output
        on_153 = sum(s * x153[c] for c, s in fine.items()) / x153.sum()
        on_42 = sum(s * x42[c] for c, s in coarse.items()) / x42.sum()
        # the 42-sector table aggregates the 153: targeted output agrees closely (the ISIC
        # concordances split a few sectors differently from the NBS nesting)
        assert on_42 == pytest.approx(on_153, abs=0.002), name
    rows = map_rows("sei_2010")
    assert rows["code"].iloc[0] < rows["code"].iloc[-1]  # scheme order
    moved = transfer_weights(rows.set_index("code"), t42)
    assert moved.at["20", "basis"].startswith("transferred from NBS 153 sectors 090")


def test_weights_on_another_economy_say_whose_output_mix(t2020) -> None:  # type: ignore[no-untyped-def]
    jpn = load_io("JPN", 2018, source="oecd")
    weights = programme_weights("sei_2010", jpn)
    assert 0 < weights.shares()["17"] < 1  # OECD 45: computer, electronic and optical
    assert any("China's output mix" in note for note in weights.notes)
    concordance = load_concordance(jpn.scheme)
    assert set(weights.frame.index) <= set(concordance.codes)
