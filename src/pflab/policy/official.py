"""Official aggregates the sector maps are checked against, and the bases they use.

``pflab/policy/registry/maps/official_aggregates.csv`` lists every official figure pflab
found for a programme's size (strategic emerging industries, high-tech manufacturing,
the digital-economy core, patent-intensive industries, ICT services), each with its
year, base, measure and sources (keys of ``registry/sources.yaml``), and, for a figure
pflab does not reproduce within tolerance, the cause of the difference.

A figure's *base* is the aggregate it is a share of: ``gdp`` (all sectors), ``industry``
(mining, manufacturing, electricity, gas and water: ISIC sections B-D, division 36 and
materials recovery 383, i.e. China's 工业), ``manufacturing`` (section C and 383) or
``services`` (sections G-U). The *measure* is ``value_added`` or ``gross_output``.
Sectors are assigned to a base by their primary ISIC code in the table's concordance.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from pflab.data.concordance import load_concordance
from pflab.data.iotables import IOTable
from pflab.errors import DataValidationError, LookupFailedError
from pflab.policy.registry import Registry, load_registry

__all__ = [
    "BASES",
    "MEASURES",
    "OfficialFigure",
    "base_mask",
    "load_official_figures",
    "nearest_official",
]

#: Aggregates an official figure can be a share of.
BASES = ("gdp", "industry", "manufacturing", "services")
#: What is compared.
MEASURES = ("value_added", "gross_output")

_BASE_LABEL = {
    "gdp": "of GDP",
    "industry": "of industrial value added above designated size",
    "manufacturing": "of manufacturing revenue above designated size",
    "services": "of services value added",
}
_FILE = "official_aggregates.csv"
_COLUMNS = (
    "id",
    "programme",
    "indicator",
    "year",
    "value",
    "comparator",
    "base",
    "measure",
    "sources",
    "note",
    "explanation",
)


@dataclass(frozen=True)
class OfficialFigure:
    """One official figure: a programme's size as a share of a base, in a year."""

    id: str
    programme: str
    indicator: str
    year: int
    value: float
    comparator: str
    base: str
    measure: str
    sources: tuple[str, ...]
    note: str
    explanation: str

    @property
    def group(self) -> str | None:
        """The neutral sector group measured (``programme`` = ``group:NAME``), if any."""
        return self.programme.split(":", 1)[1] if self.programme.startswith("group:") else None

    def label(self) -> str:
        """Short text for a table cell: ``"> 13 % of GDP (2022)"``."""
        comparator = {"=": "", "~": "about ", ">": "> ", "<": "< "}[self.comparator]
        return f"{comparator}{self.value:g} % {_BASE_LABEL[self.base]} ({self.year})"


@cache
def _shipped() -> tuple[OfficialFigure, ...]:
    text = (
        resources.files("pflab.policy")
        .joinpath("registry", "maps", _FILE)
        .read_text(encoding="utf-8")
    )
    return _parse(text, load_registry())


def load_official_figures(registry: Registry | None = None) -> tuple[OfficialFigure, ...]:
    """The official figures of ``official_aggregates.csv``, validated.

    Raises
    ------
    pflab.errors.DataValidationError
        If a row names an unknown programme or group, base, measure or source key, or a
        value that is not a percentage; the message names the row and column.
    """
    if registry is None:
        return _shipped()
    text = (
        resources.files("pflab.policy")
        .joinpath("registry", "maps", _FILE)
        .read_text(encoding="utf-8")
    )
    return _parse(text, registry)


def _parse(text: str, reg: Registry) -> tuple[OfficialFigure, ...]:
    from pflab.data.concordance import is_group

    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise DataValidationError(f"columns {reader.fieldnames}; expected {list(_COLUMNS)}",
                                  path=_FILE, row=1)  # fmt: skip
    found = []
    for line, row in enumerate(reader, start=2):

        def bad(column: str, message: str, line: int = line) -> DataValidationError:
            return DataValidationError(message, path=_FILE, row=line, column=column)

        programme = row["programme"].strip()
        if programme.startswith("group:"):
            if not is_group(programme.split(":", 1)[1]):
                raise bad("programme", f"{programme!r} is not a sector group")
        elif programme not in reg:
            raise bad("programme", f"{programme!r} is not a registry entry")
        try:
            value = float(row["value"])
            year = int(row["year"])
        except ValueError:
            raise bad(
                "value", f"year {row['year']!r} or value {row['value']!r} is not a number"
            ) from None
        if not (math.isfinite(value) and 0 <= value <= 100):
            raise bad("value", f"{value} is not a percentage")
        if row["base"] not in BASES:
            raise bad("base", f"{row['base']!r}; expected one of {', '.join(BASES)}")
        if row["measure"] not in MEASURES:
            raise bad("measure", f"{row['measure']!r}; expected one of {', '.join(MEASURES)}")
        if row["comparator"] not in ("=", "~", ">", "<"):
            raise bad("comparator", f"{row['comparator']!r}; expected =, ~, > or <")
        keys = tuple(row["sources"].split())
        unknown = [k for k in keys if k not in reg.sources]
        if not keys or unknown:
            raise bad("sources", f"every figure needs sources in sources.yaml; unknown: {unknown}")
        found.append(
            OfficialFigure(
                id=row["id"],
                programme=programme,
                indicator=row["indicator"],
                year=year,
                value=value,
                comparator=row["comparator"],
                base=row["base"],
                measure=row["measure"],
                sources=keys,
                note=row["note"],
                explanation=" ".join(row["explanation"].split()),
            )
        )
    return tuple(found)


def nearest_official(
    entry_id: str, year: int, registry: Registry | None = None
) -> OfficialFigure | None:
    """The official figure for ``entry_id`` (or an entry measured by the same sector map)
    nearest to ``year``; the later one on a tie; ``None`` if there is none."""
    from pflab.policy.sectormaps import load_sector_maps

    reg = registry or load_registry()
    maps = load_sector_maps()
    own = maps.serving(entry_id)
    candidates = [
        f
        for f in load_official_figures(reg if registry is not None else None)
        if f.group is None
        and (f.programme == entry_id or (own is not None and f.programme in own.programmes))
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda f: (abs(f.year - year), -f.year))


def base_mask(table: IOTable, base: str) -> np.ndarray:
    """1.0 for the table's sectors that belong to ``base`` (see the module docstring), else 0.

    Raises
    ------
    pflab.errors.LookupFailedError
        If ``base`` is unknown or the table's scheme has no ISIC concordance.
    """
    if base not in BASES:
        raise LookupFailedError("base of an official figure", base, list(BASES))
    if base == "gdp":
        return np.ones(len(table.codes))
    concordance = load_concordance(table.scheme)
    mask = np.zeros(len(table.codes))
    for i, code in enumerate(table.codes):
        primary = concordance.primary(str(code))
        division = int(primary[:2])
        recovery = primary.startswith("383")
        if base == "industry":
            inside = 5 <= division <= 36 or recovery
        elif base == "manufacturing":
            inside = 10 <= division <= 33 or recovery
        else:
            inside = division >= 45
        mask[i] = 1.0 if inside else 0.0
    return mask
