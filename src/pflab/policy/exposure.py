"""How large each programme's target sectors are in an economy's input-output table.

For a programme P with target sectors S (its ISIC Rev.4 codes mapped to the table's own
codes through the table's concordance), the exposure measures are

.. math::

    \\text{output share} = \\frac{\\sum_{i\\in S} x_i}{\\sum_i x_i}, \\qquad
    \\text{value-added share} = \\frac{\\sum_{i\\in S} v_i}{\\sum_i v_i}, \\qquad
    \\text{employment share} = \\frac{\\sum_{i\\in S} l_i}{\\sum_i l_i},

and the Domar weight of the set, :math:`\\sum_{i\\in S} x_i / \\text{GDP}`, with GDP the
total value added. By Hulten's theorem a uniform TFP gain of :math:`d\\log A` in the
targeted sectors raises aggregate TFP by about Domar × :math:`d\\log A` (Hulten 1978,
*Review of Economic Studies* 45(3); Domar 1961, *Economic Journal* 71).

Each table sector counts once, however many of the programme's codes it covers. A code
finer than the table (ISIC class 303, aircraft, inside a table sector for all transport
equipment) brings in the whole table sector, so shares are upper bounds where the table
is coarse; ``approximate`` flags those rows.

The tables come from :func:`pflab.network.load_io`, the sector mapping from the table's
concordance to ISIC Rev.4 (:func:`pflab.data.sectors_for_isic`) and the Domar weights
from :func:`pflab.network.domar_weights`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pflab.data import sectors_for_isic
from pflab.data.iotables import IOTable
from pflab.network import domar_weights, load_io
from pflab.policy.registry import Registry, load_registry
from pflab.policy.schema import Programme
from pflab.policy.timeline import REGISTRY_SOURCE
from pflab.provenance import Provenance

__all__ = ["Exposure", "economy_exposure", "programme_exposure"]

Concordance = Callable[[str, Sequence[str]], list[str]]


@dataclass(frozen=True)
class Exposure:
    """Exposure of programmes to one input-output table.

    Attributes
    ----------
    frame
        One row per programme: ``id``, ``name_en``, ``name_zh``, ``kind``, ``isic``
        (target divisions), ``sectors`` (table codes), ``n_sectors``,
        ``gross_output_share``, ``value_added_share``, ``employment_share`` (percent),
        ``domar_weight`` (ratio), ``approximate``, ``unmatched`` (ISIC codes no table
        sector covers).
    economy, year, scheme
        The table's economy, year and sector scheme.
    """

    frame: pd.DataFrame
    economy: str
    year: int
    scheme: str
    provenance: Provenance

    def to_frame(self) -> pd.DataFrame:
        """A copy of the table."""
        return self.frame.copy()

    def notes(self) -> list[str]:
        """Conventions a reader must see beside the numbers."""
        return [
            "Shares in percent of the economy total; Domar weight = target sectors' gross "
            "output / GDP (total value added).",
            "Each table sector counts once; codes finer than the table take in the whole "
            "table sector (rows marked approximate are upper bounds).",
            "These are the sizes of the sectors a programme targets, not of the programme's "
            "own activity: nascent future industries are small parts of the divisions they "
            "map to.",
            *self.provenance.citation_lines(),
        ]

    def summary(self) -> str:
        """One line per programme."""
        lines = [f"Exposure of policy programmes, {self.economy} {self.year} ({self.scheme})"]
        for row in self.frame.to_dict(orient="records"):
            lines.append(
                f"  {row['name_en']}: gross output {row['gross_output_share']:.1f}%, value "
                f"added {row['value_added_share']:.1f}%, Domar {row['domar_weight']:.3f}"
                + (" (upper bound)" if row["approximate"] else "")
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.summary().splitlines()[0])}</p>" + self.frame.to_html(
            index=False, escape=True, na_rep="", float_format=lambda v: f"{v:.3g}"
        )


def programme_exposure(
    table: IOTable,
    registry: Registry | None = None,
    programmes: Sequence[str] | None = None,
    *,
    children: bool = False,
    concordance: Concordance | None = None,
) -> Exposure:
    """Exposure of registry programmes to one input-output table.

    Parameters
    ----------
    table
        An input-output table (e.g. from :func:`pflab.network.load_io`).
    registry
        Default: the shipped registry.
    programmes
        Ids or aliases to measure. Default: every top-level entry with target sectors
        (and, with ``children``, their sub-entries too).
    concordance
        ``f(scheme, isic_codes) -> table codes``; default ``pflab.data.sectors_for_isic``.

    Raises
    ------
    pflab.errors.ModelError
        If the table's value added sums to zero or less (no GDP to take shares of).
    """
    reg = registry or load_registry()
    codes = [str(c) for c in table.codes]
    domar = domar_weights(table).to_numpy()
    x = table.gross_output.to_numpy()
    va = table.value_added.to_numpy()
    emp = None if table.employment is None else table.employment.to_numpy()
    lookup = concordance or sectors_for_isic
    chosen = _chosen(reg, programmes, children)
    position = {c: i for i, c in enumerate(codes)}
    rows = []
    for entry in chosen:
        isic = [s.isic for s in reg.sectors_of(entry.id)]
        matched: list[str] = []
        unmatched: list[str] = []
        for code in isic:
            found = [c for c in lookup(table.scheme, [code]) if c in position]
            if found:
                matched.extend(found)
            else:
                unmatched.append(code)
        sectors = sorted(set(matched), key=position.__getitem__)
        idx = np.array([position[c] for c in sectors], dtype=int)
        rows.append(
            {
                "id": entry.id,
                "name_en": entry.name_en,
                "name_zh": entry.name_zh,
                "kind": entry.kind,
                "isic": " ".join(reg.divisions_of(entry.id)),
                "sectors": " ".join(sectors),
                "n_sectors": len(sectors),
                "gross_output_share": 100 * x[idx].sum() / x.sum(),
                "value_added_share": 100 * va[idx].sum() / va.sum(),
                "employment_share": np.nan if emp is None else 100 * emp[idx].sum() / emp.sum(),
                "domar_weight": float(domar[idx].sum()),
                "approximate": any(len(c) > 2 for c in isic),
                "unmatched": " ".join(unmatched),
            }
        )
    frame = pd.DataFrame(rows)
    sources = (REGISTRY_SOURCE, table.source)
    provenance = Provenance(
        method="programme exposure",
        sources=sources,
        parameters={"scheme": table.scheme, "programmes": [e.id for e in chosen]},
        description="Shares of the programmes' target sectors in the input-output table.",
    )
    return Exposure(frame, table.economy, table.year, table.scheme, provenance)


def _chosen(reg: Registry, programmes: Sequence[str] | None, children: bool) -> list[Programme]:
    if programmes:
        picked = [reg.get(p) for p in programmes]
        if children:
            picked += [c for p in list(picked) for c in reg.descendants(p.id)]
        return list(dict.fromkeys(picked))
    return [
        p
        for p in reg
        if (children or p.parent is None) and p.scope != "economy_wide" and reg.sectors_of(p.id)
    ]


def economy_exposure(
    economy: str = "CHN",
    year: int = 2020,
    *,
    source: str = "nbs",
    programmes: Sequence[str] | None = None,
    children: bool = False,
) -> Exposure:
    """Load an economy's input-output table with :func:`pflab.network.load_io` and measure
    the programmes' exposure to it.

    Raises
    ------
    pflab.errors.DataNotFoundError
        If no such table is embedded (the message lists those that are).
    """
    table = load_io(economy, year, source=source)
    return programme_exposure(table, programmes=programmes, children=children)
