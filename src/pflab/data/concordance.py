"""Concordances from the sector codes of each input–output table to ISIC Rev.4.

Every table keeps its own sector codes (NBS ``"094"``, WIOD ``"C26"``, OECD ``"17"``);
programmes, user lists and named groups meet them on ISIC Rev.4, the common key of
:mod:`pflab.data.isic`. The concordances are versioned CSV files in
``pflab/data/classifications/`` (``concordance_<scheme>.csv``, listed in
``concordances.yaml``): one row per table code with its ISIC codes, the first one primary.

Two codes *overlap* when one is a prefix of the other: a table sector mapped to ``"26"``
covers a query for ``"2610"``, and a sector mapped to ``"2610"`` is part of ``"26"``.
Section letters (``"C"``) stand for all their divisions.

The mapping is a judgement from the sector names; ``docs/network.md`` gives the reasoning
for the cases that are not one-to-one.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import cast

import pandas as pd
import yaml

from pflab.data.isic import divisions, is_isic_code
from pflab.errors import DataValidationError, LookupFailedError

__all__ = [
    "Concordance",
    "canonical_group",
    "expand_isic",
    "group_declared",
    "group_isic",
    "group_names",
    "is_group",
    "isic_overlap",
    "load_concordance",
    "schemes",
    "sector_groups",
    "sectors_for_group",
    "sectors_for_isic",
]

_FOLDER = "classifications"


def _read_text(name: str) -> str:
    return resources.files("pflab.data").joinpath(_FOLDER, name).read_text(encoding="utf-8")


@cache
def _manifest() -> dict[str, dict[str, str]]:
    data = yaml.safe_load(_read_text("concordances.yaml"))
    found: dict[str, dict[str, str]] = {
        str(k): {**v, "version": str(data["version"])} for k, v in data["schemes"].items()
    }
    return found


def schemes() -> list[str]:
    """The sector schemes with a concordance to ISIC Rev.4 (e.g. ``"nbs153"``)."""
    return list(_manifest())


def expand_isic(code: str) -> tuple[str, ...]:
    """A section letter as its divisions (``"F"`` → ``("41", "42", "43")``); other codes as is."""
    text = str(code).strip().upper()
    if text.isalpha():
        table = divisions()
        found = tuple(table.index[table["section"] == text])
        if not found:
            raise LookupFailedError("ISIC Rev.4 section", str(code), sorted(set(table["section"])))
        return found
    return (text,)


def isic_overlap(a: str, b: str) -> bool:
    """Whether two ISIC codes overlap: one is a prefix of the other (``"26"``, ``"2610"``)."""
    return a.startswith(b) or b.startswith(a)


def _query(isic_codes: str | Iterable[str]) -> list[str]:
    items = [isic_codes] if isinstance(isic_codes, str) else list(isic_codes)
    out: list[str] = []
    for item in items:
        for piece in str(item).replace(",", " ").split():
            if not is_isic_code(piece.upper()):
                raise LookupFailedError("ISIC Rev.4 code", piece, _close_divisions(piece))
            out.extend(expand_isic(piece))
    return out


def _close_divisions(text: str) -> list[str]:
    known = list(divisions().index)
    return difflib.get_close_matches(text[:2], known, n=5, cutoff=0.5)


@dataclass(frozen=True)
class Concordance:
    """The ISIC Rev.4 codes of every sector of one scheme.

    Attributes
    ----------
    scheme
        The scheme, e.g. ``"nbs153"``.
    label
        What the scheme is, e.g. ``"NBS 153-product classification (tables of 2018 and 2020)"``.
    version
        The version of the concordance files.
    frame
        One row per table code (index ``code``): ``name``, ``name_zh`` and ``isic`` (a tuple
        of ISIC codes, the first primary).
    """

    scheme: str
    label: str
    version: str
    frame: pd.DataFrame

    @property
    def codes(self) -> tuple[str, ...]:
        """The table codes in their published order."""
        return tuple(self.frame.index)

    def isic_of(self, code: str) -> tuple[str, ...]:
        """The ISIC codes of one table code, the primary first."""
        if code not in self.frame.index:
            raise LookupFailedError(
                f"sector of scheme {self.scheme}",
                code,
                difflib.get_close_matches(code, list(self.frame.index), n=5, cutoff=0.3),
            )
        return cast(tuple[str, ...], self.frame.at[code, "isic"])

    def primary(self, code: str) -> str:
        """The primary ISIC code of one table code."""
        return self.isic_of(code)[0]

    def sectors_for(
        self, isic_codes: str | Iterable[str], *, primary_only: bool = False
    ) -> list[str]:
        """Table codes whose ISIC codes overlap any of ``isic_codes``, in table order.

        Parameters
        ----------
        isic_codes
            ISIC Rev.4 sections, divisions, groups or classes (``"C"``, ``"26"``, ``"2610"``).
        primary_only
            Match only each sector's primary ISIC code.
        """
        wanted = _query(isic_codes)
        found = []
        for code, mapped in zip(self.frame.index, self.frame["isic"], strict=True):
            candidates = mapped[:1] if primary_only else mapped
            if any(isic_overlap(c, w) for c in candidates for w in wanted):
                found.append(str(code))
        return found

    def to_frame(self) -> pd.DataFrame:
        """Long form: one row per table code and ISIC code, with ``primary`` marking the first."""
        rows = [
            {"code": code, "name": name, "isic": isic, "primary": i == 0}
            for code, name, mapped in zip(
                self.frame.index, self.frame["name"], self.frame["isic"], strict=True
            )
            for i, isic in enumerate(mapped)
        ]
        return pd.DataFrame(rows)


@cache
def load_concordance(scheme: str) -> Concordance:
    """Load the concordance of one sector scheme to ISIC Rev.4.

    Raises
    ------
    pflab.errors.LookupFailedError
        If the scheme has no concordance (the message lists those that do).
    pflab.errors.DataValidationError
        If the file names an ISIC code that does not exist or repeats a table code.
    """
    manifest = _manifest()
    if scheme not in manifest:
        raise LookupFailedError("sector scheme", scheme, list(manifest))
    entry = manifest[scheme]
    name = entry["file"]
    rows = list(csv.DictReader(_read_text(name).splitlines()))
    seen: set[str] = set()
    records = []
    for line, row in enumerate(rows, start=2):
        code = row["code"].strip()
        if code in seen:
            raise DataValidationError(f"table code {code!r} appears twice", path=name, row=line)
        seen.add(code)
        isic = tuple(row["isic"].split())
        bad = [c for c in isic if not is_isic_code(c) or c.isalpha()]
        if not isic or bad:
            raise DataValidationError(
                f"sector {code!r}: expected ISIC Rev.4 divisions, groups or classes, got "
                f"{row['isic']!r}",
                path=name,
                row=line,
                column="isic",
            )
        records.append({"code": code, "name": row["name"], "name_zh": row["name_zh"], "isic": isic})
    frame = pd.DataFrame.from_records(records).set_index("code")
    return Concordance(scheme=scheme, label=entry["label"], version=entry["version"], frame=frame)


def sectors_for_isic(
    scheme: str, isic_codes: str | Iterable[str], *, primary_only: bool = False
) -> list[str]:
    """Table codes of ``scheme`` that cover the given ISIC Rev.4 codes.

    ``sectors_for_isic("nbs153", ["2610"])`` is ``["094"]`` (electronic components);
    ``sectors_for_isic("nbs42", "2610")`` is ``["20"]``, the broader electronics sector
    that contains it.

    Parameters
    ----------
    scheme
        A scheme of :func:`schemes`, e.g. ``"nbs153"``, ``"wiod56"``, ``"oecd45"``.
    isic_codes
        ISIC Rev.4 sections, divisions, groups or classes.
    primary_only
        Match only each sector's primary ISIC code.
    """
    return load_concordance(scheme).sectors_for(isic_codes, primary_only=primary_only)


@cache
def _groups() -> pd.DataFrame:
    rows = list(csv.DictReader(_read_text("sector_groups.csv").splitlines()))
    frame = pd.DataFrame(rows).set_index("group")
    for line, (group, isic) in enumerate(frame["isic"].items(), start=2):
        bad = [c for c in isic.split() if not is_isic_code(c)]
        if bad:
            raise DataValidationError(
                f"group {group!r}: {bad} are not ISIC Rev.4 codes",
                path="sector_groups.csv",
                row=line,
                column="isic",
            )
    return frame


def sector_groups() -> pd.DataFrame:
    """The named sector groups: index ``group``; ``aliases``, ``isic``, ``label``, ``basis``."""
    return _groups().copy()


def _group_key(name: str) -> str | None:
    key = name.strip().lower().replace("_", "-").replace(" ", "-")
    table = _groups()
    if key in table.index:
        return key
    for group, aliases in table["aliases"].items():
        if key in str(aliases).split():
            return str(group)
    return None


def group_isic(group: str) -> tuple[str, ...]:
    """The ISIC Rev.4 codes of a named group (sections expanded to divisions).

    Raises
    ------
    pflab.errors.LookupFailedError
        If the group is unknown; the message lists the known groups.
    """
    table = _groups()
    key = _group_key(group)
    if key is None:
        raise LookupFailedError("sector group", group, list(table.index))
    return tuple(c for piece in str(table.at[key, "isic"]).split() for c in expand_isic(piece))


def sectors_for_group(scheme: str, group: str, *, primary_only: bool = False) -> list[str]:
    """Table codes of ``scheme`` in a named group, e.g. ``("nbs153", "semiconductors")``."""
    return sectors_for_isic(scheme, group_isic(group), primary_only=primary_only)


def canonical_group(name: str) -> str:
    """The group a name or alias stands for (``"chips"`` → ``"semiconductors"``)."""
    key = _group_key(name)
    if key is None:
        raise LookupFailedError("sector group", name, list(_groups().index))
    return key


def group_declared(name: str) -> str:
    """A group's ISIC codes as declared (sections not expanded), e.g. ``"G H I …"``."""
    return str(_groups().at[canonical_group(name), "isic"])


def is_group(name: str) -> bool:
    """Whether ``name`` is a named sector group (or an alias of one, e.g. ``"chips"``)."""
    return _group_key(name) is not None


def group_names() -> Sequence[str]:
    """The names of the sector groups."""
    return list(_groups().index)
