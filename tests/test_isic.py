"""ISIC Rev.4 division list: counts and sections as published by the UN (2008)."""

from __future__ import annotations

import pytest

from pflab.data.isic import divisions, is_isic_code, isic_division, section_of
from pflab.errors import LookupFailedError


def test_isic_rev4_has_88_divisions_in_21_sections() -> None:
    table = divisions()
    assert len(table) == 88
    assert table["section"].nunique() == 21
    # manufacturing is divisions 10-33 (24 divisions) in section C
    assert (table["section"] == "C").sum() == 24
    assert section_of("26") == "C"
    assert section_of("72") == "M"


@pytest.mark.parametrize(("code", "ok"), [
    ("26", True), ("2610", True), ("261", True), ("C", True), ("U", True),
    ("04", False), ("V", False), ("2a", False), ("", False), ("12345", False),
])  # fmt: skip
def test_code_validation(code: str, ok: bool) -> None:
    assert is_isic_code(code) is ok


def test_division_of_a_class_and_unknown_code() -> None:
    assert isic_division("2610") == "26"
    assert isic_division("1") == "01"
    with pytest.raises(LookupFailedError, match=r"ISIC Rev\.4 division '04'"):
        isic_division("04")
