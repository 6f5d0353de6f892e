"""ISIC Rev.4, the common sector key of pflab.

Every table keeps its own sector codes; programmes, concordances and user lists meet on
ISIC Rev.4 codes: a section letter (``"C"``), a two-digit division (``"26"``), or a
finer group or class whose first two digits are a division (``"261"``, ``"2610"``).

Reference
---------
United Nations (2008), *International Standard Industrial Classification of All Economic
Activities, Revision 4*, Statistical Papers Series M No. 4/Rev.4, New York.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

import pandas as pd

from pflab.errors import LookupFailedError
from pflab.provenance import Source

__all__ = ["ISIC_SOURCE", "divisions", "is_isic_code", "isic_division", "section_of"]

ISIC_SOURCE = Source(
    name="ISIC",
    version="Rev.4",
    citation=(
        "United Nations (2008), International Standard Industrial Classification of All "
        "Economic Activities, Revision 4, Statistical Papers Series M No. 4/Rev.4"
    ),
    url="https://unstats.un.org/unsd/classifications/Econ/isic",
    licence="UN publication",
)

_CODE = re.compile(r"^(?:[A-U]|\d{2,4})$")


@cache
def _table() -> pd.DataFrame:
    entry = resources.files("pflab.data").joinpath("classifications", "isic_rev4_divisions.csv")
    rows = list(csv.DictReader(entry.read_text(encoding="utf-8").splitlines()))
    return pd.DataFrame(rows).set_index("division")


def divisions() -> pd.DataFrame:
    """The 88 ISIC Rev.4 divisions: index ``division`` ("01"…"99"), ``section``, ``title``."""
    return _table().copy()


def section_of(division: str) -> str:
    """The section letter of a division, e.g. ``"26"`` → ``"C"``."""
    return str(_table().loc[isic_division(division), "section"])


def is_isic_code(code: str) -> bool:
    """Whether ``code`` is a valid ISIC Rev.4 section, division, group or class code.

    Groups and classes are checked only for a valid division prefix.
    """
    code = str(code).strip().upper()
    if not _CODE.match(code):
        return False
    if code.isalpha():
        return code in set(_table()["section"])
    return code[:2] in _table().index


def isic_division(code: str) -> str:
    """The two-digit division of an ISIC code (``"2610"`` → ``"26"``).

    Raises
    ------
    pflab.errors.LookupFailedError
        If ``code`` is not a division, group or class of ISIC Rev.4.
    """
    text = str(code).strip()
    if text.isdigit() and len(text) == 1:
        text = "0" + text
    if not is_isic_code(text) or text.isalpha():
        known = list(_table().index)
        close = [d for d in known if text[:1] and d.startswith(text[:1])][:5]
        raise LookupFailedError("ISIC Rev.4 division", str(code), close)
    return text[:2]
