"""Concordances of every table scheme to ISIC Rev.4, and the named sector groups."""

from __future__ import annotations

import pytest

from pflab.data.concordance import (
    canonical_group,
    group_isic,
    group_names,
    is_group,
    load_concordance,
    schemes,
    sector_groups,
    sectors_for_group,
    sectors_for_isic,
)
from pflab.data.iotables import available_io, load_io
from pflab.data.isic import is_isic_code
from pflab.errors import LookupFailedError


def test_every_embedded_table_has_a_complete_concordance() -> None:
    seen = set()
    for row in available_io().drop_duplicates(["scheme"]).itertuples():
        table = load_io(row.economy, int(row.year), source=row.source, sectors=int(row.sectors))
        concordance = load_concordance(table.scheme)
        assert concordance.codes == table.codes, table.scheme
        seen.add(table.scheme)
    # wiod35 belongs to the world tables (pflab.data.iotables.wiot2013), checked in
    # tests/test_gvc_data.py; cip37 to CIP 4.0, checked in tests/test_cip_data.py
    assert seen == set(schemes()) - {"cn_employment", "wiod35", "cip37"}


@pytest.mark.parametrize("scheme", schemes())
def test_concordance_codes_are_valid_isic(scheme: str) -> None:
    frame = load_concordance(scheme).to_frame()
    assert frame["isic"].map(is_isic_code).all()
    assert frame.groupby("code")["primary"].sum().eq(1).all()


@pytest.mark.parametrize(
    ("scheme", "isic", "expected"),
    [
        ("nbs153", ["2610"], ["094"]),
        ("nbs149", ["2610"], ["092"]),
        ("nbs42", "2610", ["20"]),
        ("nbs42_2005", "2610", ["19"]),
        ("wiod56", "26", ["C26"]),
        ("oecd45", "72", ["38"]),
        ("nbs153", "72", ["136"]),
        ("wiod56", "F", ["F"]),
        ("nbs153", "2620", ["090"]),
    ],
)
def test_sectors_for_isic(scheme: str, isic: object, expected: list[str]) -> None:
    assert sectors_for_isic(scheme, isic) == expected  # type: ignore[arg-type]


def test_primary_only_narrows_the_match() -> None:
    broad = sectors_for_isic("nbs42", "26")
    assert "20" in broad and len(broad) > 1  # special equipment covers electromedical 2660
    # instruments (ISIC 265) are part of division 26 too; special equipment is not primary
    assert sectors_for_isic("nbs42", "26", primary_only=True) == ["20", "21"]


@pytest.mark.parametrize("scheme", [s for s in schemes() if s != "cn_employment"])
@pytest.mark.parametrize("group", group_names())
def test_every_group_lands_on_every_scheme(scheme: str, group: str) -> None:
    assert sectors_for_group(scheme, group)


def test_manufacturing_and_services_partition_the_nbs153_table() -> None:
    manufacturing = set(sectors_for_group("nbs153", "manufacturing"))
    services = set(sectors_for_group("nbs153", "services"))
    assert not manufacturing & services
    # 098 (scrap and waste recovery, ISIC 383) belongs to section E, not manufacturing
    assert manufacturing == {f"{i:03d}" for i in range(12, 100)} - {"098"}


def test_groups_have_a_documented_basis_and_aliases() -> None:
    groups = sector_groups()
    assert groups["basis"].str.len().min() > 10
    assert canonical_group("components") == "electronic-components"
    assert group_isic("eurostat-high-tech-manufacturing") == ("21", "26", "303")
    # programme-like sets are registry entries with sector maps, not groups (issue 8)
    assert not any(is_group(name) for name in ("semiconductors", "chips", "future-industries"))
    assert not is_group("high-tech-manufacturing")
    with pytest.raises(LookupFailedError, match="electronic-components"):
        group_isic("quantum-widgets")


def test_unknown_scheme_and_code() -> None:
    with pytest.raises(LookupFailedError, match="nbs153"):
        load_concordance("nbs999")
    with pytest.raises(LookupFailedError, match=r"ISIC Rev\.4 code"):
        sectors_for_isic("nbs153", ["04"])
