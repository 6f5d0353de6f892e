"""Choosing the table, the economies and the sectors a decomposition is about."""

from __future__ import annotations

import difflib
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import TypeAlias

import numpy as np

from pflab.data.iotables.wiot2013 import WIOT2013_COUNTRIES, WIOT2013_INDUSTRIES, load_wiot
from pflab.data.iotables.world import table_notes
from pflab.errors import LookupFailedError, ParameterError
from pflab.gvc._system import System, prepare
from pflab.provenance import Provenance
from pflab.tables import MRIOTable

__all__ = [
    "TableLike",
    "country_names",
    "provenance",
    "resolve_region",
    "resolve_sectors",
    "resolve_table",
    "scheme_of",
    "sector_names",
    "system_of",
]

#: A world table, or a year of the embedded WIOD 2013 tables.
TableLike: TypeAlias = MRIOTable | int

#: Codes users may type for a region coded differently in a table.
_ALIASES = {"ROU": "ROM", "ROM": "ROU", "ROW": "RoW"}


def resolve_table(table: TableLike) -> MRIOTable:
    """The table itself, or the embedded WIOD 2013 table of a year."""
    if isinstance(table, MRIOTable):
        return table
    if isinstance(table, int | np.integer) and not isinstance(table, bool):
        return load_wiot(int(table))
    raise ParameterError("table", f"{table!r}; expected an MRIOTable or a year (1995-2011)")


#: The last prepared systems, by table identity (the table is kept alive with it).
_SYSTEMS: OrderedDict[int, tuple[MRIOTable, System]] = OrderedDict()
_KEEP = 2


def system_of(table: MRIOTable) -> System:
    """The prepared system: coefficients, inverses, final demand by destination.

    The last two are kept, so that several decompositions of one table share one inverse.
    """
    found = _SYSTEMS.get(id(table))
    if found is not None and found[0] is table:
        _SYSTEMS.move_to_end(id(table))
        return found[1]
    system = _prepare(table)
    _SYSTEMS[id(table)] = (table, system)
    while len(_SYSTEMS) > _KEEP:
        _SYSTEMS.popitem(last=False)
    return system


def _prepare(table: MRIOTable) -> System:
    Z, Y, x, _, _ = table.arrays()
    G, K = len(table.regions), len(table.categories)
    by_destination = Y.reshape(table.n, G, K).sum(axis=2)
    return prepare(np.asarray(Z), by_destination, np.asarray(x), table.regions, table.sectors)


def country_names(table: MRIOTable) -> dict[str, str]:
    """Region code → name (WIOD 2013 names where known, else the code)."""
    return {r: WIOT2013_COUNTRIES.get(r, r) for r in table.regions}


def sector_names(table: MRIOTable) -> dict[str, str]:
    """Sector code → name (from the table's concordance where known)."""
    scheme = scheme_of(table)
    if scheme is None:
        return {s: s for s in table.sectors}
    if scheme == "wiod35":
        return {s: WIOT2013_INDUSTRIES[s] for s in table.sectors}
    from pflab.data.concordance import load_concordance

    names = load_concordance(scheme).frame["name"].to_dict()
    return {s: str(names.get(s, s)) for s in table.sectors}


def scheme_of(table: MRIOTable) -> str | None:
    """The concordance scheme whose codes are exactly the table's sectors, if any."""
    from pflab.data.concordance import load_concordance, schemes

    for scheme in schemes():
        if load_concordance(scheme).codes == tuple(table.sectors):
            return scheme
    return None


def resolve_region(table: MRIOTable, name: str, parameter: str = "economy") -> str:
    """A region code of the table from a code or name, case-insensitively.

    ``ROU`` finds WIOD 2013's ``ROM`` (and back), ``ROW`` finds ``RoW``.

    Raises
    ------
    pflab.errors.LookupFailedError
        Listing the closest codes and names.
    """
    text = str(name).strip()
    names = country_names(table)
    by_key = {code.casefold(): code for code in table.regions}
    by_key.update({title.casefold(): code for code, title in names.items()})
    key = text.casefold()
    if key in by_key:
        return by_key[key]
    alias = _ALIASES.get(text.upper())
    if alias is not None and alias.casefold() in by_key:
        return by_key[alias.casefold()]
    try:
        from pflab.data.countries import ALIASES

        code = ALIASES.get(key)
        if code is not None and code.casefold() in by_key:
            return by_key[code.casefold()]
    except ImportError:  # pragma: no cover
        pass
    close = difflib.get_close_matches(key, list(by_key), n=5, cutoff=0.5)
    raise LookupFailedError(
        f"{parameter} in the {len(table.regions)}-region table",
        text,
        [by_key[c] for c in close] or list(table.regions[:8]),
    )


def resolve_sectors(table: MRIOTable, spec: str | Sequence[str] | None) -> tuple[str, ...]:
    """Sector codes from codes (``c14``), ISIC Rev.4 codes (``26``) or group names
    (``electronics``, ``manufacturing``) through the table's concordance.

    ``None`` or an empty selection means every sector.

    Raises
    ------
    pflab.errors.LookupFailedError
        If a piece is none of these; the message lists the table's codes.
    """
    if spec is None:
        return tuple(table.sectors)
    pieces = [spec] if isinstance(spec, str) else list(spec)
    items = [p.strip() for piece in pieces for p in str(piece).split(",") if p.strip()]
    if not items:
        return tuple(table.sectors)
    by_key = {s.casefold(): s for s in table.sectors}
    scheme = scheme_of(table)
    chosen: list[str] = []
    for item in items:
        if item.casefold() in by_key:
            chosen.append(by_key[item.casefold()])
            continue
        found = _through_concordance(scheme, item)
        if not found:
            close = difflib.get_close_matches(item.casefold(), list(by_key), n=5, cutoff=0.4)
            raise LookupFailedError(
                "sector (a table code, an ISIC Rev.4 code or a sector group)",
                item,
                [by_key[c] for c in close] or list(table.sectors[:8]),
            )
        chosen.extend(found)
    order = {s: i for i, s in enumerate(table.sectors)}
    return tuple(sorted(dict.fromkeys(chosen), key=order.__getitem__))


def _through_concordance(scheme: str | None, item: str) -> list[str]:
    if scheme is None:
        return []
    from pflab.data.concordance import is_group, sectors_for_group, sectors_for_isic
    from pflab.data.isic import is_isic_code

    if is_group(item):
        return sectors_for_group(scheme, item, primary_only=True)
    if is_isic_code(item.upper()):
        return sectors_for_isic(scheme, item, primary_only=True)
    return []


def percent(part: float | np.ndarray, whole: float | np.ndarray) -> np.ndarray:
    """``100 · part / whole``, NaN where ``whole`` is zero (a share of nothing)."""
    part_a = np.asarray(part, dtype="float64")
    whole_a = np.broadcast_to(np.asarray(whole, dtype="float64"), np.broadcast(part_a, whole).shape)
    return np.divide(
        100.0 * part_a,
        whole_a,
        out=np.full(whole_a.shape, np.nan),
        where=whole_a != 0,
    )


def rows_of(table: MRIOTable, regions: Iterable[str], sectors: Iterable[str]) -> np.ndarray:
    """Row indices of the given regions × sectors, in table order."""
    region_index = {r: i for i, r in enumerate(table.regions)}
    sector_index = {s: i for i, s in enumerate(table.sectors)}
    N = len(table.sectors)
    wanted = sorted(
        region_index[r] * N + sector_index[s] for r in set(regions) for s in set(sectors)
    )
    return np.asarray(wanted, dtype="int64")


def provenance(table: MRIOTable, method: str, description: str, **parameters: object) -> Provenance:
    """The provenance of a result computed on ``table``."""
    return Provenance(
        method=method,
        sources=(table.source,),
        parameters={"year": table.year, **parameters},
        description=description,
    )


def notes_of(table: MRIOTable, *extra: str) -> tuple[str, ...]:
    """The table's caveats followed by the method's."""
    return tuple(dict.fromkeys((*table_notes(table), *extra)))


class YearNotes:
    """The caveats of several years' tables: those every year shares, and a summary of
    the year-specific ones (row residuals, zero-output sectors)."""

    def __init__(self) -> None:
        self._notes: list[tuple[str, ...]] = []
        self._residual: list[float] = []
        self._zero: list[int] = []
        self._years: list[int | None] = []
        self._unit = ""

    def add(self, table: MRIOTable) -> None:
        """Record one year's table."""
        self._notes.append(table_notes(table))
        _, Y, x, _, _ = table.arrays()
        G, K = len(table.regions), len(table.categories)
        residual = Y.reshape(table.n, G, K)[:, :, -1] if table.categories[-1] == "RESIDUAL" else 0
        self._residual.append(float(np.abs(residual).max()))
        self._zero.append(int((x == 0).sum()))
        self._years.append(table.year)
        self._unit = table.units[0] if table.units else ""

    def lines(self, *extra: str) -> tuple[str, ...]:
        """Shared caveats, the year-specific summary, then ``extra``."""
        shared = [n for n in self._notes[0] if all(n in other for other in self._notes[1:])]
        summary = []
        if len(self._notes) > 1:
            summary.append(
                f"Each year's rows are balanced with an own-country RESIDUAL final-demand "
                f"category (largest |residual| {min(self._residual):,.4g}-"
                f"{max(self._residual):,.4g} {self._unit} a year); "
                f"{min(self._zero)}-{max(self._zero)} sectors a year have zero output (zero "
                "coefficient columns)."
            )
        else:
            shared = list(self._notes[0])
        return tuple(dict.fromkeys((*shared, *summary, *extra)))
