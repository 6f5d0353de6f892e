"""How large each programme's activities are in an economy's input-output table.

For a programme with share :math:`s_i` of each sector :math:`i` (its weights,
:func:`pflab.policy.weights.programme_weights`), the exposure measures are

.. math::

    \\text{output share} = \\frac{\\sum_i s_i x_i}{\\sum_i x_i}, \\qquad
    \\text{value-added share} = \\frac{\\sum_i s_i v_i}{\\sum_i v_i}, \\qquad
    \\text{employment share} = \\frac{\\sum_i s_i l_i}{\\sum_i l_i},

and the Domar weight :math:`\\sum_i s_i x_i / \\text{GDP}`, GDP being total value added.
By Hulten's theorem a uniform TFP gain :math:`d\\log A` in the programme's activities
raises aggregate TFP by about Domar × :math:`d\\log A` (Hulten 1978, *Review of Economic
Studies* 45(3); Domar 1961, *Economic Journal* 71). Each measure is also given at the
low and high ends of the shares' ranges.

Where an official figure exists for the programme (strategic emerging industries,
high-tech manufacturing, the digital-economy core, patent-intensive industries), the
row carries the figure nearest in time with its year and base, and pflab's share on the
same base (industrial value added, services value added …), so the two can be read
side by side; :mod:`pflab.policy.validation` tabulates every such comparison.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pflab.data.iotables import IOTable
from pflab.network import load_io
from pflab.policy.official import OfficialFigure, base_mask, nearest_official
from pflab.policy.registry import Registry, load_registry
from pflab.policy.schema import Programme
from pflab.policy.sectormaps import SectorMaps, load_sector_maps
from pflab.policy.timeline import REGISTRY_SOURCE
from pflab.policy.weights import SectorWeights, has_sector_map, programme_weights
from pflab.provenance import Provenance
from pflab.result import Column, Result, View

__all__ = [
    "Exposure",
    "economy_exposure",
    "exposure_from_weights",
    "programme_exposure",
]

_COLUMNS = {
    "id": "registry id",
    "label": "short English name for screens",
    "name_en": "programme (English)",
    "name_zh": "programme (Chinese)",
    "kind": "kind of registry entry",
    "weights": "how the sector shares were obtained: official or unofficial sector map, "
    "or whole sectors (upper bound)",
    "approximate": "shares rest on judgement or whole sectors rather than an official list",
    "n_sectors": "table sectors with a non-zero share",
    "gross_output_share": "programme's gross output, % of the economy's (central shares)",
    "gross_output_low": "the same at the low end of the shares, %",
    "gross_output_high": "the same at the high end of the shares, %",
    "value_added_share": "programme's value added, % of GDP (central shares)",
    "value_added_low": "the same at the low end of the shares, % of GDP",
    "value_added_high": "the same at the high end of the shares, % of GDP",
    "employment_share": "programme's employment, % of all employment (central shares); "
    "empty where the table has no employment by sector",
    "employment_low": "the same at the low end, %",
    "employment_high": "the same at the high end, %",
    "domar_weight": "sum of s_i x_i / GDP: first-order TFP effect of a 1 % gain (ratio)",
    "official": "the official figure nearest in time, with its base and year",
    "official_value": "the official figure, %",
    "official_year": "its year",
    "official_base": "its base (gdp, industry, manufacturing, services)",
    "pflab_on_base": "pflab's share on the official figure's base and measure, % (central shares)",
    "maps": "sector maps used",
    "isic": "the entry's ISIC Rev.4 divisions (registry)",
}


@dataclass(frozen=True, kw_only=True)
class Exposure(Result):
    """Exposure of programmes to one input-output table.

    Attributes
    ----------
    frame
        One row per programme (columns in :attr:`columns`).
    economy, year, scheme
        The table's economy, year and sector scheme.
    """

    frame: pd.DataFrame
    economy: str
    year: int
    scheme: str

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"exposure": self.frame.copy()}

    def views(self) -> list[View]:
        return [
            View(
                "exposure",
                (
                    Column("label", "Programme"),
                    Column("approximate", "≈"),
                    Column("value_added_share", "VA %", ".1f"),
                    Column("value_added_low", "low", ".1f"),
                    Column("value_added_high", "high", ".1f"),
                    Column("gross_output_share", "Output %", ".1f"),
                    Column("employment_share", "Jobs %", ".1f"),
                    Column("domar_weight", "Domar", ".3f"),
                    Column("official", "Official"),
                    Column("pflab_on_base", "pflab, same base", ".1f"),
                ),
            )
        ]


def exposure_from_weights(
    table: IOTable,
    weights: Sequence[SectorWeights],
    entries: Sequence[Programme],
    *,
    officials: Sequence[OfficialFigure | None] | None = None,
) -> pd.DataFrame:
    """The exposure rows for given weights (the arithmetic of the module docstring).

    Parameters
    ----------
    table
        The input-output table.
    weights
        One :class:`~pflab.policy.weights.SectorWeights` per programme, on ``table``.
    entries
        The registry entries the weights belong to (same order).
    officials
        The official figure to print beside each row, or ``None``.
    """
    codes = [str(c) for c in table.codes]
    position = {c: i for i, c in enumerate(codes)}
    x = table.gross_output.to_numpy(dtype=float)
    va = table.value_added.to_numpy(dtype=float)
    gdp = va.sum()
    emp = None if table.employment is None else table.employment.to_numpy(dtype=float)
    rows = []
    for k, (w, entry) in enumerate(zip(weights, entries, strict=True)):
        vec = {}
        for bound in ("share", "low", "high"):
            s = np.zeros(len(codes))
            for code, value in w.shares(bound).items():
                s[position[code]] = value
            vec[bound] = s
        row: dict[str, object] = {
            "id": entry.id,
            "label": entry.label,
            "name_en": entry.name_en,
            "name_zh": entry.name_zh,
            "kind": entry.kind,
            "weights": w.status,
            "approximate": w.approximate,
            "n_sectors": int((vec["share"] > 0).sum()),
        }
        for name, bound in (("share", "share"), ("low", "low"), ("high", "high")):
            s = vec[bound]
            suffix = "share" if name == "share" else name
            row[f"gross_output_{suffix}"] = 100 * float(s @ x) / float(x.sum())
            row[f"value_added_{suffix}"] = 100 * float(s @ va) / gdp
            row[f"employment_{suffix}"] = (
                np.nan if emp is None else 100 * float(s @ emp) / float(emp.sum())
            )
        row["domar_weight"] = float(vec["share"] @ x) / gdp
        official = None if officials is None else officials[k]
        if official is None:
            row.update(official=None, official_value=np.nan, official_year=pd.NA)
            row.update(official_base=None, pflab_on_base=np.nan)
        else:
            mask = base_mask(table, official.base)
            measure = va if official.measure == "value_added" else x
            on_base = 100 * float(vec["share"] @ (measure * mask)) / float(measure @ mask)
            row.update(
                official=official.label(),
                official_value=official.value,
                official_year=official.year,
                official_base=official.base,
                pflab_on_base=on_base,
            )
        row["maps"] = " ".join(w.maps) or None
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(_COLUMNS)[:-1])
    frame["official_year"] = frame["official_year"].astype("Int64")
    return frame


def programme_exposure(
    table: IOTable,
    programmes: Sequence[str] | None = None,
    *,
    registry: Registry | None = None,
    maps: SectorMaps | None = None,
    children: bool = False,
) -> Exposure:
    """Exposure of registry programmes to one input-output table.

    Parameters
    ----------
    table
        An input-output table (e.g. from :func:`pflab.network.load_io`).
    programmes
        Ids, aliases or names. Default: every top-level entry with a sector map (directly
        or through ``sectors_from``); entries without one (863, Internet Plus …) are
        measured on request, as upper bounds on whole sectors.
    registry, maps
        Default: the shipped registry and its sector maps.
    children
        Also each programme's sub-entries (MIC2025's ten sectors …).

    Raises
    ------
    pflab.errors.LookupFailedError
        If a programme name is unknown (the message lists the closest).
    pflab.errors.ModelError
        If the table's value added sums to zero or less (no GDP to take shares of).
    """
    from pflab.errors import ModelError

    reg = registry or load_registry()
    sector_maps = maps or load_sector_maps()
    if float(table.value_added.sum()) <= 0:
        raise ModelError(f"{table.label}: value added sums to zero or less; no GDP")
    chosen = _chosen(reg, sector_maps, programmes, children)
    weights = [programme_weights(p.id, table, registry=reg, maps=sector_maps) for p in chosen]
    officials = [nearest_official(p.id, table.year, reg) for p in chosen]
    if table.economy != "CHN":
        officials = [None] * len(chosen)
    frame = exposure_from_weights(table, weights, chosen, officials=officials)
    frame["isic"] = [" ".join(reg.divisions_of(p.id)) for p in chosen]
    notes = [
        "Shares in percent; each programme's sectors count by the share of their output "
        "that the programme's activities make up (the low-high range in the low and high "
        "columns); Domar weight = the programme's gross output / GDP.",
        "≈ marks rows whose shares are judgements at IO-sector level (no official class "
        "list was found) or, for entries without a sector map, whole sectors (upper bounds).",
        "Official: the official figure nearest in time to the table, with its base and "
        "year; 'pflab, same base' is pflab's share measured on that base (docs/policy.md "
        "tabulates every comparison).",
    ]
    if table.employment is None:
        notes.append(
            f"Jobs %: no employment by sector for {table.year}; the NBS employment series "
            "staged with pflab ends in 2018 (the tables of 2002-2018 carry it)."
        )
    if table.economy != "CHN":
        notes.append(
            "The sector maps describe China's classifications and output mix; on another "
            "economy's table they say how large the same kinds of activity are there."
        )
    sources = (REGISTRY_SOURCE, table.source)
    provenance = Provenance(
        method="programme exposure",
        sources=sources,
        parameters={
            "table": table.label,
            "programmes": [p.id for p in chosen],
            "maps": sorted({m for w in weights for m in w.maps}),
        },
        description="Shares of the programmes' activities in the input-output table, "
        "weighted by the registry's sector maps.",
    )
    return Exposure(
        title=f"Exposure of policy programmes, {table.label}",
        provenance=provenance,
        notes=tuple(notes),
        columns=_COLUMNS,
        frame=frame,
        economy=table.economy,
        year=table.year,
        scheme=table.scheme,
    )


def _chosen(
    reg: Registry, maps: SectorMaps, programmes: Sequence[str] | None, children: bool
) -> list[Programme]:
    if programmes:
        picked = [reg.get(p) for p in programmes]
        if children:
            picked += [c for p in list(picked) for c in reg.descendants(p.id)]
        return list(dict.fromkeys(picked))
    return [
        p
        for p in reg
        if (children or p.parent is None)
        and p.scope != "economy_wide"
        and has_sector_map(p.id, reg, maps)
    ]


def economy_exposure(
    economy: str = "CHN",
    year: int = 2020,
    *,
    source: str = "nbs",
    sectors: int | None = None,
    programmes: Sequence[str] | None = None,
    children: bool = False,
) -> Exposure:
    """Load an economy's input-output table with :func:`pflab.network.load_io` and measure
    the programmes' exposure to it (see :func:`programme_exposure`).

    Raises
    ------
    pflab.errors.DataNotFoundError
        If no such table is embedded (the message lists those that are).
    """
    table = load_io(economy, year, source=source, sectors=sectors)
    return programme_exposure(table, programmes, children=children)
