"""The ISIC Rev.4 groups and classes the policy registry may use.

:mod:`pflab.data.isic` knows the 88 divisions. Programmes sometimes target something
narrower than a division (aircraft and spacecraft, 303, inside other transport
equipment, 30), so the registry may name a three-digit group or four-digit class. Each
such code must appear, with its official title, in ``isic_detail.csv`` beside this
module; a typo such as ``"2999"`` is then an error instead of a silent new sector.

Reference
---------
United Nations (2008), *International Standard Industrial Classification of All Economic
Activities, Revision 4*, Statistical Papers Series M No. 4/Rev.4, New York.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

__all__ = ["detail_codes", "is_listed_detail_code"]


@cache
def detail_codes() -> dict[str, str]:
    """ISIC Rev.4 group and class codes listed for the registry, with their titles."""
    text = resources.files("pflab.policy").joinpath("isic_detail.csv").read_text("utf-8")
    return {row["code"]: row["title"] for row in csv.DictReader(text.splitlines())}


def is_listed_detail_code(code: str) -> bool:
    """Whether a three- or four-digit ISIC code is in the listed groups and classes."""
    return code in detail_codes()
