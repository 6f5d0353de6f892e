"""The sector side of the simulation: Domar weights, value-added shares, R&D intensity.

:class:`SectorStructure` holds what the model needs per sector. It is built from an
input–output table through :meth:`SectorStructure.from_io_table` (any object with the
``IOTable`` attributes of :mod:`pflab.network`: ``codes``, ``names``, ``gross_output``,
``value_added``, ``scheme``, ``source``), or by hand for tests.

Domar weight of sector i: ``D_i = gross output_i / Σ value added`` (Hulten 1978);
value-added share ``v_i = VA_i / Σ VA``.

R&D intensity by ISIC Rev.4 division follows the five groups of the OECD taxonomy of
economic activities by R&D intensity (Galindo-Rueda and Verger 2016, OECD STI Working
Paper 2016/04). The group of each division and the representative intensity of each
group are approximate and flagged [UNCONFIRMED] in docs/simulate.md; they set only how
the economy's baseline R&D stock is split across sectors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from pflab.data.isic import divisions
from pflab.errors import DataValidationError, LookupFailedError
from pflab.provenance import Source

__all__ = [
    "RD_GROUP_INTENSITY",
    "WIOD56",
    "SectorStructure",
    "example_sectors",
    "isic_of_code",
    "rd_group",
]

#: Representative R&D intensity (R&D / value added) of each OECD group [UNCONFIRMED].
RD_GROUP_INTENSITY: dict[str, float] = {
    "high": 0.25,
    "medium-high": 0.08,
    "medium": 0.025,
    "medium-low": 0.008,
    "low": 0.002,
}

_GROUPS: dict[str, tuple[str, ...]] = {
    "high": ("21", "26", "72"),
    "medium-high": ("20", "27", "28", "29", "30", "62", "63"),
    "medium": ("22", "23", "24", "32", "33", "58"),
    "medium-low": (
        "05",
        "06",
        "07",
        "08",
        "09",
        "10",
        "11",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "25",
        "31",
        "61",
        "69",
        "70",
        "71",
        "73",
        "74",
        "75",
    ),
}

#: Relative baseline TFP drift by ISIC section [judgement]: manufacturing faster than the
#: economy, energy and state-dominated activities slowest (Wu 2016, China Industrial
#: Productivity database; Brandt, Van Biesebroeck and Zhang 2012).
DRIFT_BY_SECTION: dict[str, float] = {"A": 1.0, "B": 0.5, "C": 1.5, "D": 0.5, "E": 0.5, "F": 0.7}
DRIFT_SERVICES = 0.8


def rd_group(division: str) -> str:
    """OECD R&D-intensity group of an ISIC Rev.4 division (``"low"`` if unlisted)."""
    for group, members in _GROUPS.items():
        if division in members:
            return group
    return "low"


def _section_divisions() -> dict[str, list[str]]:
    table = divisions().reset_index()
    return {
        str(sec): [str(d) for d in part["division"]]
        for sec, part in table.groupby("section", sort=True)
    }


def isic_of_code(code: str) -> list[str]:
    """ISIC Rev.4 divisions covered by a WIOD-style sector code.

    ``"C26"`` → ``["26"]``; ``"C10-C12"`` → ``["10", "11", "12"]``; ``"C31_C32"`` →
    ``["31", "32"]``; ``"F"`` (a whole section) → its divisions; a plain division
    ``"62"`` → ``["62"]``.

    Raises
    ------
    pflab.errors.LookupFailedError
        If the code is not of these forms.
    """
    by_section = _section_divisions()
    text = code.strip().upper()
    if text in by_section:
        return list(by_section[text])
    if re.fullmatch(r"\d{2}", text):
        return [text]
    if re.fullmatch(r"[A-U](?:[_-][A-U])+", text):  # joined sections, e.g. "R_S"
        return [d for sec in re.split(r"[_-]", text) for d in by_section[sec]]
    m = re.fullmatch(r"([A-U])(\d{2})(?:([-_])([A-U])?(\d{2}))?", text)
    if m is None:
        raise LookupFailedError("WIOD-style sector code", code)
    first = int(m.group(2))
    if m.group(5) is None:
        return [f"{first:02d}"]
    last = int(m.group(5))
    return [f"{d:02d}" for d in range(first, last + 1)]


@dataclass(frozen=True)
class SectorStructure:
    """Per-sector data of the simulation.

    Parameters
    ----------
    codes, names
        Sector codes and names in the table's own scheme.
    isic
        For each sector, the ISIC Rev.4 divisions it covers.
    gross_output, value_added
        Levels in the table's unit.
    label
        E.g. ``"WIOD 2016 release, CHN 2014, 56 sectors"``.
    source
        Citation of the table.
    """

    codes: tuple[str, ...]
    names: tuple[str, ...]
    isic: tuple[tuple[str, ...], ...]
    gross_output: NDArray[np.float64]
    value_added: NDArray[np.float64]
    label: str = "hand-built"
    source: Source | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n = len(self.codes)
        for name in ("names", "isic"):
            if len(getattr(self, name)) != n:
                raise DataValidationError(
                    f"{len(self.codes)} sector codes but {len(getattr(self, name))} {name}",
                    path=self.label,
                )
        for name in ("gross_output", "value_added"):
            arr = np.asarray(getattr(self, name), dtype=np.float64)
            if arr.shape != (n,):
                raise DataValidationError(
                    f"{n} sector codes but {name} has shape {arr.shape}", path=self.label
                )
            if not np.all(np.isfinite(arr)) or np.any(arr < 0):
                bad = [self.codes[i] for i in np.flatnonzero(~(np.isfinite(arr) & (arr >= 0)))]
                raise DataValidationError(
                    f"{name} must be finite and non-negative; bad sectors: {bad[:5]}",
                    path=self.label,
                )
            object.__setattr__(self, name, arr)
        if self.value_added.sum() <= 0:
            raise DataValidationError("total value added is not positive", path=self.label)
        if len(set(self.codes)) != n:
            raise DataValidationError("duplicate sector codes", path=self.label)

    @property
    def n(self) -> int:
        """Number of sectors."""
        return len(self.codes)

    @property
    def domar(self) -> NDArray[np.float64]:
        """Domar weights ``x_i / Σ VA``."""
        return np.asarray(self.gross_output / self.value_added.sum())

    @property
    def va_share(self) -> NDArray[np.float64]:
        """Value-added shares ``VA_i / Σ VA``."""
        return np.asarray(self.value_added / self.value_added.sum())

    @property
    def manufacturing(self) -> NDArray[np.bool_]:
        """True for sectors whose divisions are all in ISIC section C (10–33)."""
        return np.array([all(10 <= int(d) <= 33 for d in ds) for ds in self.isic])

    @property
    def rd_intensity(self) -> NDArray[np.float64]:
        """R&D / VA by sector: mean over its divisions of the OECD group intensity."""
        return np.array(
            [np.mean([RD_GROUP_INTENSITY[rd_group(d)] for d in ds]) for ds in self.isic]
        )

    @property
    def rd_share(self) -> NDArray[np.float64]:
        """Share of the economy's R&D stock held by each sector (∝ VA × intensity)."""
        w = self.value_added * self.rd_intensity
        return np.asarray(w / w.sum())

    @property
    def drift_weight(self) -> NDArray[np.float64]:
        """Relative baseline TFP drift β_i (see :data:`DRIFT_BY_SECTION`)."""
        table = divisions()["section"]
        out = []
        for ds in self.isic:
            secs = [str(table.get(d, "S")) for d in ds]
            out.append(np.mean([DRIFT_BY_SECTION.get(s, DRIFT_SERVICES) for s in secs]))
        return np.array(out)

    def select_isic(self, isic: Sequence[str]) -> list[int]:
        """Indices of sectors covering any of the given ISIC divisions."""
        wanted = {str(c).zfill(2) for c in isic}
        return [i for i, ds in enumerate(self.isic) if wanted & set(ds)]

    def index(self, codes: Sequence[str]) -> list[int]:
        """Indices of sector codes; unknown codes raise with the closest matches."""
        import difflib

        pos = {c: i for i, c in enumerate(self.codes)}
        out = []
        for c in codes:
            if c not in pos:
                close = difflib.get_close_matches(c, self.codes, n=3)
                raise LookupFailedError(f"sector of {self.label}", c, close)
            out.append(pos[c])
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row per sector: code, name, ISIC, Domar weight, VA share, R&D intensity."""
        return pd.DataFrame(
            {
                "code": self.codes,
                "name": self.names,
                "isic": [",".join(d) for d in self.isic],
                "domar": self.domar,
                "va_share": self.va_share,
                "manufacturing": self.manufacturing,
                "rd_intensity": self.rd_intensity,
                "rd_share": self.rd_share,
                "drift_weight": self.drift_weight,
            }
        )

    @classmethod
    def from_io_table(cls, table: Any) -> SectorStructure:
        """Build from a :class:`pflab.network.IOTable` (or any object with its fields).

        The ISIC divisions of each sector come from
        :func:`pflab.data.sectors_for_isic` when available, else from the sector code
        (WIOD-style codes such as ``C10-C12``).
        """
        codes = tuple(str(c) for c in table.codes)
        isic: list[tuple[str, ...]] = []
        mapper = _isic_mapper(table)
        for c in codes:
            isic.append(tuple(mapper(c)))
        label = f"{getattr(table, 'scheme', 'IO table')}"
        src = getattr(table, "source", None)
        return cls(
            codes=codes,
            names=tuple(str(n) for n in table.names),
            isic=tuple(isic),
            gross_output=np.asarray(table.gross_output, dtype=np.float64),
            value_added=np.asarray(table.value_added, dtype=np.float64),
            label=label,
            source=src if isinstance(src, Source) else None,
        )


def _isic_mapper(table: Any) -> Any:
    try:
        from pflab.data import sectors_for_isic  # type: ignore[attr-defined]
    except ImportError:
        return isic_of_code
    scheme = getattr(table, "scheme", None)
    all_divs = [str(d) for d in divisions().index]
    inverse: dict[str, list[str]] = {}
    for d in all_divs:
        try:
            for s in sectors_for_isic(scheme, [d]):
                inverse.setdefault(str(s), []).append(d)
        except Exception:  # divisions the scheme does not cover
            continue
    return lambda code: inverse.get(code) or isic_of_code(code)


#: The 56 industry codes of the WIOD 2016 release (ISIC Rev.4 based).
WIOD56: tuple[str, ...] = (
    "A01",
    "A02",
    "A03",
    "B",
    "C10-C12",
    "C13-C15",
    "C16",
    "C17",
    "C18",
    "C19",
    "C20",
    "C21",
    "C22",
    "C23",
    "C24",
    "C25",
    "C26",
    "C27",
    "C28",
    "C29",
    "C30",
    "C31_C32",
    "C33",
    "D35",
    "E36",
    "E37-E39",
    "F",
    "G45",
    "G46",
    "G47",
    "H49",
    "H50",
    "H51",
    "H52",
    "H53",
    "I",
    "J58",
    "J59_J60",
    "J61",
    "J62_J63",
    "K64",
    "K65",
    "K66",
    "L68",
    "M69_M70",
    "M71",
    "M72",
    "M73",
    "M74_M75",
    "N",
    "O84",
    "P85",
    "Q",
    "R_S",
    "T",
    "U",
)


def example_sectors() -> SectorStructure:
    """An illustrative 56-sector economy with WIOD codes and made-up weights.

    For tests, examples and benchmarks only: value added and gross output follow a
    fixed pattern, not data. Real runs use :func:`pflab.simulate.calibrate.load_sectors`.
    """
    i = np.arange(len(WIOD56), dtype=np.float64)
    va = 1.0 + (i * 7 % 11)
    go = va * (1.5 + (i * 5 % 4) * 0.75)
    return SectorStructure(
        codes=WIOD56,
        names=WIOD56,
        isic=tuple(tuple(isic_of_code(c)) for c in WIOD56),
        gross_output=go,
        value_added=va,
        label="illustrative 56-sector economy (WIOD codes, made-up weights)",
    )
