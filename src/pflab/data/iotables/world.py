"""World (inter-country) input–output tables as :class:`MRIOTable`: one constructor for
every reader.

:func:`world_table` takes the published blocks of a world table — intermediate flows Z
(row country-industry supplies column country-industry), final demand by destination
country and category, gross output x — checks them, and returns an
:class:`~pflab.tables.MRIOTable` whose rows balance exactly, so that every
value-added trade identity holds on it:

- **Value added** is gross output minus intermediate inputs, ``va = x − 1ᵀZ`` (stored as
  the extension ``value_added``). In world tables this includes taxes less subsidies on
  products and international transport margins, which the tables record as separate
  rows below the intermediate block.
- **Row residual.** Published rows do not always balance: rounded re-saves (the WIOD
  2013 files staged for pflab are whole US$ million) and statistical discrepancies leave
  ``r = x − Z1 − Y1 ≠ 0``. The residual is kept as a final-demand category ``RESIDUAL``
  of the producing country's *own* final demand, so that x, Z, value added and every
  export flow stay exactly as published and ``x = Z1 + Y1`` holds. The largest residual
  is reported in the table's notes; it must stay within the stated tolerance
  (rounding/2 per cell of the row, or ``rtol`` of output).
- **Zero-output sectors** (WIOD 2013 has 18–22 a year) deliver and use nothing: any
  cells in their rows or columns (rounding noise of ±1–3 US$ million, e.g. Luxembourg's
  c8 in 1999) are set to zero, or rejected if larger than rounding can explain. Their
  coefficient columns are zero.

The notes travel with the table in its source's ``note`` (one caveat per line), so that
every result computed on it can repeat them. The arrays are float64; the table shares
them without copying.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from pflab.errors import DataValidationError
from pflab.provenance import Source
from pflab.tables import MRIOTable

__all__ = ["RESIDUAL", "WorldNotes", "table_notes", "world_table"]

#: The final-demand category that holds each row's residual (own country).
RESIDUAL = "RESIDUAL"


@dataclass(frozen=True)
class WorldNotes:
    """What :func:`world_table` found and changed, for the table's notes."""

    max_residual: float
    max_residual_row: str
    net_residual: float
    zero_output: int
    zeroed: float
    negative_va: int

    def lines(self, unit: str) -> list[str]:
        """The notes a reader of any result built on the table must see."""
        out = [
            f"Rows balanced with a RESIDUAL final-demand category of the producing country "
            f"(published output minus intermediate and final use): largest "
            f"{self.max_residual:+,.4g} {unit} ({self.max_residual_row}), net "
            f"{self.net_residual:+,.6g} {unit}; exports, output and value added are as "
            "published.",
        ]
        if self.zero_output:
            out.append(
                f"{self.zero_output} sectors have zero output: zero coefficient columns"
                + (
                    f"; the rounding noise in their rows and columns (sum of absolute values "
                    f"{self.zeroed:,.4g} {unit}) set to zero."
                    if self.zeroed
                    else "."
                )
            )
        if self.negative_va:
            out.append(f"{self.negative_va} sectors have negative value added (as published).")
        return out


def _labels(regions: Sequence[str], sectors: Sequence[str]) -> list[str]:
    return [f"{r}.{s}" for r in regions for s in sectors]


def world_table(
    *,
    regions: Sequence[str],
    sectors: Sequence[str],
    Z: np.ndarray,
    final: np.ndarray,
    categories: Sequence[str],
    x: np.ndarray,
    year: int,
    source: Source,
    unit: str = "million US$",
    rounding: float = 0.0,
    rtol: float = 1e-6,
    where: str = "world table",
    notes: Sequence[str] = (),
) -> MRIOTable:
    """Check the published blocks of a world table and build a balanced :class:`MRIOTable`.

    Parameters
    ----------
    regions, sectors
        Region and sector codes; rows and columns are region-major.
    Z
        n × n intermediate flows, n = regions × sectors.
    final
        n × (regions · categories) final demand, columns region-major (destination
        country, then category).
    categories
        The final-demand categories of each destination.
    x
        Gross output as published.
    year, source, unit
        Year, citation and money unit.
    rounding
        Rounding unit of the published numbers (1 for whole US$ million, 0 if exact).
    rtol
        Relative tolerance of the row balance for unrounded tables.
    where
        The file or label named in errors.
    notes
        The reader's caveats (units, rounding, codes), added to the source's note.

    Returns
    -------
    MRIOTable
        The table: final-demand categories plus :data:`RESIDUAL`, extension
        ``value_added``; its ``source.note`` holds every caveat, one per line
        (:func:`table_notes`).

    Raises
    ------
    pflab.errors.DataValidationError
        Naming the row (``"CHN.c14"``) and the block, if a value is missing or negative
        where it may not be, a zero-output sector has intermediate flows, or a row's
        residual exceeds the tolerance.
    """
    regions, sectors, categories = tuple(regions), tuple(sectors), tuple(categories)
    g, k = len(regions), len(categories)
    n = g * len(sectors)
    labels = _labels(regions, sectors)
    z = np.asarray(Z, dtype="float64")
    f = np.asarray(final, dtype="float64")
    xo = np.asarray(x, dtype="float64").reshape(-1)
    for name, array, shape in (("Z", z, (n, n)), ("final demand", f, (n, g * k)), ("x", xo, (n,))):
        if array.shape != shape:
            raise DataValidationError(
                f"{name} has shape {array.shape}; expected {shape}", path=where
            )
        if not np.isfinite(array).all():
            i = int(np.argwhere(~np.isfinite(array.reshape(n, -1)))[0][0])
            raise DataValidationError(f"{name} has a missing value", path=where, row=labels[i])
    if (z < 0).any():
        i, j = (int(v) for v in np.argwhere(z < 0)[0])
        raise DataValidationError(
            f"intermediate flow to {labels[j]} is {z[i, j]:g}; flows must be non-negative",
            path=where,
            row=labels[i],
        )
    if (xo < 0).any():
        i = int(np.argmax(xo < 0))
        raise DataValidationError(f"gross output is {xo[i]:g}", path=where, row=labels[i])
    zero = xo == 0
    noise = float(np.abs(z[zero]).sum() + np.abs(z[:, zero]).sum() + np.abs(f[zero]).sum())
    if zero.any():
        limit = rounding / 2.0 * (2 * n + g * k) * zero.sum()
        if noise > limit:
            i = int(
                np.argmax(
                    zero & ((z != 0).any(axis=1) | (z != 0).any(axis=0) | (f != 0).any(axis=1))
                )
            )
            raise DataValidationError(
                f"zero gross output but flows of {noise:,.6g} {unit} in its row or column "
                f"(more than rounding can explain: {limit:,.4g})",
                path=where,
                row=labels[i],
            )
    if noise:
        z, f = z.copy(), f.copy()
        z[zero] = 0.0
        z[:, zero] = 0.0
        f[zero] = 0.0
    residual = xo - z.sum(axis=1) - f.sum(axis=1)
    cells = n + g * k
    tolerance = np.maximum(rtol * xo, rounding / 2.0 * cells)
    bad = np.abs(residual) > tolerance
    if bad.any():
        i = int(np.argmax(np.abs(residual) - tolerance))
        raise DataValidationError(
            f"row does not balance: output minus intermediate and final use is "
            f"{residual[i]:+,.6g} {unit}; tolerance {tolerance[i]:,.4g} (rounding {rounding:g}, "
            f"rtol {rtol:g})",
            path=where,
            row=labels[i],
        )
    y = np.zeros((n, g, k + 1))
    y[:, :, :k] = f.reshape(n, g, k)
    country = np.repeat(np.arange(g), len(sectors))
    y[np.arange(n), country, k] = residual
    va = xo - z.sum(axis=0)
    worst = int(np.argmax(np.abs(residual)))
    found = WorldNotes(
        max_residual=float(residual[worst]),
        max_residual_row=labels[worst],
        net_residual=float(residual.sum()),
        zero_output=int(zero.sum()),
        zeroed=noise,
        negative_va=int((va < -rounding * n / 2.0).sum()),
    )
    lines = [line for line in (source.note, *notes, *found.lines(unit)) if line]
    table = MRIOTable(
        regions=regions,
        sectors=sectors,
        Z=z,
        Y=y.reshape(n, g * (k + 1)),
        categories=(*categories, RESIDUAL),
        x=xo,
        F=va[None, :],
        stressors=("value_added",),
        units=(unit,),
        year=int(year),
        source=replace(source, note="\n".join(dict.fromkeys(lines))),
        rtol=1e-9,
    )
    return table


def table_notes(table: MRIOTable) -> tuple[str, ...]:
    """The caveats of a table (its source's note, one per line)."""
    return tuple(line for line in table.source.note.splitlines() if line.strip())
