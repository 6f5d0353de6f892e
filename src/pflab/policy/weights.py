"""One definition of a programme's sectors: its weights on any input-output table.

:func:`programme_weights` resolves a programme (id, alias or name) to a share
:math:`s_i \\in [0, 1]` of each sector :math:`i` of a table, with a low-high range and
the basis of each share. It is the one place a programme's sector set is defined:
``pflab policy exposure`` weights output and value added by :math:`s_i`, ``pflab network
--shock PROGRAMME:PCT`` raises sector :math:`i`'s productivity by :math:`p \\cdot s_i`, and
the simulator targets the same weights.

Where the weights come from, in order:

1. **A sector map** (:mod:`pflab.policy.sectormaps`) that measures the entry or has rows
   for it as a part: the parts' shares of a sector add up (at most 1); ``low`` adds the
   lows and ``high`` adds the highs, capped at 1.
2. **Inheritance** (``sectors_from``, e.g. new quality productive forces ← strategic
   emerging and future industries): the union of the inherited weights. The union of
   two partial shares of one sector is at least the larger and at most their sum, so
   ``share`` and ``low`` take the larger, ``high`` the capped sum.
3. **Whole sectors** otherwise: every table sector that the entry's ISIC Rev.4 codes touch
   gets share 1. These are upper bounds, flagged as such.

Maps are written on the NBS 153-product scheme (tables of 2018 and 2020). On a table of
another scheme (NBS 42 or 149 sectors, OECD, WIOD) the shares are carried over through
ISIC Rev.4: each NBS 153 sector's gross output in the nearest NBS 153 table (2018 or
2020) is allotted to the target sectors its ISIC codes fall in (each code to the target
sectors with the most specific matching code, split equally on ties), and a target
sector's share is the output-weighted mean of the shares allotted to it,

.. math::

    s_j = \\frac{\\sum_i s_i\\, x_i\\, a_{ij}}{\\sum_i x_i\\, a_{ij}},

so that the targeted gross output :math:`\\sum_j s_j x_j` equals :math:`\\sum_i s_i x_i`
when the target table aggregates the reference table. On tables of other economies the
weights therefore rest on China's output mix, which the result says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from pflab.data.concordance import isic_overlap, load_concordance, schemes, sectors_for_isic
from pflab.data.iotables import IOTable
from pflab.errors import LookupFailedError
from pflab.policy.registry import Registry, load_registry
from pflab.policy.schema import Programme
from pflab.policy.sectormaps import SectorMaps, load_sector_maps
from pflab.policy.timeline import REGISTRY_SOURCE
from pflab.provenance import Provenance
from pflab.result import Column, Result, View

__all__ = [
    "REFERENCE_YEARS",
    "WEIGHT_STATUSES",
    "SectorWeights",
    "has_sector_map",
    "map_rows",
    "programme_weights",
    "reference_year",
    "transfer_weights",
]

#: Years of the NBS 153-product tables whose output carries map shares to other schemes.
REFERENCE_YEARS = (2018, 2020)

#: How a weight vector was obtained (see the module docstring).
WEIGHT_STATUSES = ("official", "unofficial", "whole sectors")

_COLUMNS = {
    "code": "sector code of the table",
    "name": "sector name",
    "share": "central share of the sector's output in the programme (0-1)",
    "low": "low end of the share's range (0-1)",
    "high": "high end of the share's range (0-1)",
    "parts": "registry entries (the programme's parts) that hold the sector",
    "basis": "why this share: the classification's list, official output or a stated judgement",
    "sources": "source keys (pflab/policy/registry/sources.yaml)",
}


@dataclass(frozen=True, kw_only=True)
class SectorWeights(Result):
    """A programme's share of each sector of one table.

    Attributes
    ----------
    programme
        The registry id it was resolved to.
    table
        The table's label (economy, year, source, sectors).
    scheme
        The table's sector scheme.
    status
        ``official`` or ``unofficial`` (from a sector map) or ``whole sectors`` (upper
        bounds from the entry's ISIC codes).
    maps
        The sector maps used (empty for whole sectors).
    frame
        One row per sector with a non-zero high share (index ``code``): ``name``,
        ``share``, ``low``, ``high``, ``parts``, ``basis``, ``sources``.
    """

    programme: str
    table: str
    scheme: str
    status: str
    maps: tuple[str, ...]
    frame: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"weights": self.frame.copy()}

    def views(self) -> list[View]:
        return [
            View(
                "weights",
                (
                    Column("code", "Code"),
                    Column("name", "Sector"),
                    Column("share", "Share", ".3f"),
                    Column("low", "Low", ".3f"),
                    Column("high", "High", ".3f"),
                    Column("basis", "Basis"),
                ),
            )
        ]

    def shares(self, bound: str = "share") -> dict[str, float]:
        """Sector code → share (``bound`` ``"share"``, ``"low"`` or ``"high"``)."""
        if bound not in ("share", "low", "high"):
            from pflab.errors import ParameterError

            raise ParameterError("bound", f"{bound!r}; expected share, low or high")
        return {str(k): float(v) for k, v in self.frame[bound].items() if v > 0}

    @property
    def approximate(self) -> bool:
        """Whether the weights rest on judgement or whole sectors, not an official list."""
        return self.status != "official"


def programme_weights(
    programme: str,
    table: IOTable,
    *,
    registry: Registry | None = None,
    maps: SectorMaps | None = None,
) -> SectorWeights:
    """A programme's share of each sector of an input-output table.

    Parameters
    ----------
    programme
        Registry id, alias or name (``"sei_2010"``, ``"SEI"``, ``"future-industries"``,
        ``"中国制造2025"``).
    table
        The table the weights are for (e.g. from :func:`pflab.network.load_io`).
    registry, maps
        Default: the shipped registry and its sector maps.

    Returns
    -------
    SectorWeights
        Shares in [0, 1] with their range, basis and sources (see the module docstring
        for how they are obtained).

    Raises
    ------
    pflab.errors.LookupFailedError
        If no entry has that name, or the table's scheme has no ISIC concordance.
    """
    reg = registry or load_registry()
    sector_maps = maps or load_sector_maps()
    entry = reg.get(programme)
    rows, status, used = _map_rows(entry, reg, sector_maps, set())
    if rows is None:
        frame = _whole_sectors(entry, reg, table)
        status, used = "whole sectors", ()
    else:
        frame = rows if table.scheme == "nbs153" else transfer_weights(rows, table)
    names = dict(zip(table.codes, table.names, strict=True))
    frame = frame[frame.index.isin(list(names))].copy()
    order = {c: i for i, c in enumerate(table.codes)}
    frame = frame.loc[sorted(frame.index, key=order.__getitem__)]
    frame.insert(0, "name", [names[c] for c in frame.index])
    frame.index.name = "code"
    notes = [_status_note(status, entry.id, used)]
    if table.scheme != "nbs153" and rows is not None:
        notes.append(
            f"{table.scheme} sectors take the NBS 153-sector shares through ISIC Rev.4, "
            f"weighted by gross output of China's NBS 153-sector table of "
            f"{reference_year(table.year)}"
            + ("" if table.economy == "CHN" else " (China's output mix, not this economy's)")
            + "."
        )
    keys = sorted({k for cell in frame["sources"] for k in str(cell).split()})
    sources = [REGISTRY_SOURCE, table.source]
    if table.scheme != "nbs153" and rows is not None:
        sources.append(_reference_table(reference_year(table.year)).source)
    provenance = Provenance(
        method="programme sector weights",
        sources=tuple(dict.fromkeys(sources)),
        parameters={"programme": entry.id, "maps": list(used), "status": status},
        description="Share of each table sector in the programme's activities, with its "
        "basis; sources " + ", ".join(keys) + ".",
    )
    return SectorWeights(
        title=f"Sector weights of {entry.label} on {table.label}",
        provenance=provenance,
        notes=tuple(notes),
        columns=_COLUMNS,
        programme=entry.id,
        table=table.label,
        scheme=table.scheme,
        status=status,
        maps=used,
        frame=frame,
    )


def has_sector_map(
    programme: str, registry: Registry | None = None, maps: SectorMaps | None = None
) -> bool:
    """Whether a programme's weights come from a sector map (directly, as a part of one,
    or through ``sectors_from``) rather than from whole sectors."""
    reg = registry or load_registry()
    rows, _, _ = _map_rows(reg.get(programme), reg, maps or load_sector_maps(), set())
    return rows is not None


def map_rows(
    programme: str, registry: Registry | None = None, maps: SectorMaps | None = None
) -> pd.DataFrame:
    """A programme's NBS 153-sector shares with their basis (empty without a sector map).

    Columns ``code``, ``name``, ``share``, ``low``, ``high``, ``parts``, ``basis``,
    ``sources``, in the scheme's order; the parts of one sector are added up as in
    :func:`programme_weights`.
    """
    reg = registry or load_registry()
    rows, _, _ = _map_rows(reg.get(programme), reg, maps or load_sector_maps(), set())
    columns = ["code", "name", "share", "low", "high", "parts", "basis", "sources"]
    if rows is None:
        return pd.DataFrame(columns=columns)
    concordance = load_concordance("nbs153")
    order = {c: i for i, c in enumerate(concordance.codes)}
    rows = rows.loc[sorted(rows.index, key=order.__getitem__)]
    names = concordance.frame["name"]
    out = rows.assign(name=[str(names[c]) for c in rows.index]).rename_axis("code").reset_index()
    return out[columns]


def _status_note(status: str, entry_id: str, used: tuple[str, ...]) -> str:
    if status == "whole sectors":
        return (
            f"{entry_id} has no sector map: every sector its ISIC codes touch counts in "
            "full, so the weights are upper bounds."
        )
    kind = "official class list" if status == "official" else "IO-level judgement shares"
    return f"Sector map {', '.join(used)} ({kind}; the basis of each share is in the table)."


def _aggregate(rows: pd.DataFrame) -> pd.DataFrame:
    """Sum the parts of each sector: shares and lows add, highs add up to 1."""
    grouped = rows.groupby("code", sort=False)
    frame = pd.DataFrame(
        {
            "share": grouped["share"].sum().clip(upper=1.0),
            "low": grouped["low"].sum().clip(upper=1.0),
            "high": grouped["high"].sum().clip(upper=1.0),
            "parts": grouped["part"].agg(lambda s: "; ".join(dict.fromkeys(s))),
            "basis": grouped["basis"].agg(lambda s: " | ".join(dict.fromkeys(s))),
            "sources": grouped["sources"].agg(
                lambda s: " ".join(dict.fromkeys(k for cell in s for k in cell.split()))
            ),
        }
    )
    return frame


def _union(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Union of inherited weights: larger share and low, capped sum of highs."""
    stacked = pd.concat(frames)
    grouped = stacked.groupby(level=0, sort=False)
    return pd.DataFrame(
        {
            "share": grouped["share"].max(),
            "low": grouped["low"].max(),
            "high": grouped["high"].sum().clip(upper=1.0),
            "parts": grouped["parts"].agg(lambda s: "; ".join(dict.fromkeys(s))),
            "basis": grouped["basis"].agg(lambda s: " | ".join(dict.fromkeys(s))),
            "sources": grouped["sources"].agg(
                lambda s: " ".join(dict.fromkeys(k for cell in s for k in cell.split()))
            ),
        }
    )


def _map_rows(
    entry: Programme, reg: Registry, maps: SectorMaps, seen: set[str]
) -> tuple[pd.DataFrame | None, str, tuple[str, ...]]:
    """Aggregated NBS 153 rows for an entry, its status and the maps used."""
    if entry.id in seen:
        return None, "", ()
    seen = seen | {entry.id}
    serving = maps.serving(entry.id)
    if serving is not None:
        return _aggregate(serving.rows_for()), serving.status, (serving.id,)
    holder = maps.with_part(entry.id)
    if holder is not None:
        ids = {entry.id} | {d.id for d in reg.descendants(entry.id)}
        return _aggregate(holder.rows_for(ids)), holder.status, (holder.id,)
    if entry.sectors_from and not entry.sectors:
        found = [_map_rows(reg.get(other), reg, maps, seen) for other in entry.sectors_from]
        frames = [f for f, _, _ in found if f is not None]
        if frames and len(frames) == len(found):
            statuses = {s for _, s, _ in found}
            status = "official" if statuses == {"official"} else "unofficial"
            used = tuple(dict.fromkeys(m for _, _, ms in found for m in ms))
            return _union(frames), status, used
    return None, "", ()


def _whole_sectors(entry: Programme, reg: Registry, table: IOTable) -> pd.DataFrame:
    if table.scheme not in schemes():
        raise LookupFailedError("sector scheme with an ISIC concordance", table.scheme, schemes())
    records: dict[str, dict[str, object]] = {}
    for sector in reg.sectors_of(entry.id):
        for code in sectors_for_isic(table.scheme, sector.isic):
            rec = records.setdefault(
                code, {"share": 1.0, "low": 1.0, "high": 1.0, "parts": entry.id, "isic": []}
            )
            isic = rec["isic"]
            assert isinstance(isic, list)
            isic.append(sector.isic)
    frame = pd.DataFrame.from_dict(records, orient="index")
    if frame.empty:
        return pd.DataFrame(columns=["share", "low", "high", "parts", "basis", "sources"])
    frame["basis"] = [
        "whole sector: the entry's ISIC codes " + " ".join(dict.fromkeys(isic))
        + " touch it and no partial share is documented (upper bound)"
        for isic in frame.pop("isic")
    ]  # fmt: skip
    frame["sources"] = " ".join(entry.sources)
    return frame


def reference_year(year: int) -> int:
    """The NBS 153-sector table year whose output weights carry shares to ``year``."""
    return min(REFERENCE_YEARS, key=lambda y: (abs(y - year), y))


@cache
def _reference_table(year: int) -> IOTable:
    from pflab.network import load_io

    return load_io("CHN", year, source="nbs", sectors=153)


def _reference_output(year: int) -> pd.Series:
    table = _reference_table(year)
    return pd.Series(table.gross_output.to_numpy(), index=list(table.codes))


def transfer_weights(rows: pd.DataFrame, table: IOTable) -> pd.DataFrame:
    """Carry NBS 153-sector weights to ``table``'s scheme through ISIC Rev.4.

    Parameters
    ----------
    rows
        NBS 153 weights: index sector code; ``share``, ``low``, ``high``, ``parts``,
        ``sources`` columns.
    table
        The target table (its scheme needs an ISIC concordance).

    Returns
    -------
    pandas.DataFrame
        The same columns on the target's codes, with a ``basis`` naming the NBS 153
        sectors each share comes from (see the module docstring for the formula).
    """
    if table.scheme not in schemes():
        raise LookupFailedError("sector scheme with an ISIC concordance", table.scheme, schemes())
    source = load_concordance("nbs153")
    target = load_concordance(table.scheme)
    year = reference_year(table.year)
    x = _reference_output(year)
    alloc = _allocation(
        {str(k): tuple(v) for k, v in source.frame["isic"].items()},
        {str(k): tuple(v) for k, v in target.frame["isic"].items()},
    )
    codes = list(target.codes)
    weights = alloc.to_numpy() * x.reindex(alloc.index).to_numpy()[:, None]  # x_i a_ij
    denom = weights.sum(axis=0)
    out = pd.DataFrame(index=pd.Index(codes, name="code"))
    for column in ("share", "low", "high"):
        s = rows[column].reindex(alloc.index).fillna(0.0).to_numpy()
        with np.errstate(invalid="ignore", divide="ignore"):
            out[column] = np.where(denom > 0, (s[:, None] * weights).sum(axis=0) / denom, 0.0)
    contributors = {
        code: [i for i in alloc.index[(alloc[code] > 0).to_numpy()] if i in rows.index]
        for code in codes
    }
    out["parts"] = [_joined(rows, contributors[c], "parts", "; ") for c in codes]
    out["basis"] = [
        f"transferred from NBS 153 sectors {' '.join(contributors[c])} through ISIC Rev.4, "
        f"weighted by their {year} gross output"
        for c in codes
    ]
    out["sources"] = [_joined(rows, contributors[c], "sources", " ") for c in codes]
    return out[out["high"] > 0]


def _joined(rows: pd.DataFrame, codes: list[str], column: str, sep: str) -> str:
    """The distinct pieces of ``column`` over ``codes``, joined by ``sep``."""
    pieces = (
        piece for code in codes for piece in str(rows.at[code, column]).split(sep.strip() or None)
    )
    return sep.join(dict.fromkeys(p.strip() for p in pieces if p.strip()))


def _allocation(
    source: Mapping[str, Iterable[str]], target: Mapping[str, Iterable[str]]
) -> pd.DataFrame:
    """a_ij: the part of source sector i that falls in target sector j (rows sum to 1).

    Each ISIC code of i goes to the target sectors with the most specific overlapping
    code (equal split on ties); i's codes count equally.
    """
    targets = [(str(j), tuple(codes)) for j, codes in target.items()]
    sources = [(str(i), tuple(codes)) for i, codes in source.items()]
    values = np.zeros((len(sources), len(targets)))
    for row, (_, codes) in enumerate(sources):
        for c in codes:
            quality = [max((_match(c, d) for d in tcodes), default=0) for _, tcodes in targets]
            best = max(quality)
            if best == 0:
                continue
            hits = [col for col, q in enumerate(quality) if q == best]
            for col in hits:
                values[row, col] += 1.0 / (len(codes) * len(hits))
    return pd.DataFrame(values, index=[i for i, _ in sources], columns=[j for j, _ in targets])


def _match(c: str, d: str) -> int:
    """How specifically target code ``d`` matches source code ``c`` (0: no overlap)."""
    if not isic_overlap(c, d):
        return 0
    return min(len(c), len(d))
