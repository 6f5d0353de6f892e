"""Conversion to and from pymrio's ``IOSystem``, in both directions.

pymrio (Stadler 2021) is the standard Python library for multi-regional input–output
analysis. :func:`to_pymrio` turns an :class:`IOTable` (one region) or an
:class:`MRIOTable` into an ``IOSystem`` with the flows, final demand, gross output and
extensions (value added, imported inputs and other primary inputs as the
``factor_inputs`` extension; employment as ``employment``); :func:`from_pymrio` turns an
``IOSystem`` back (one region → :class:`IOTable`, several → :class:`MRIOTable`).

pymrio is an optional dependency (``pip install 'pflab[pymrio]'``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from pflab.errors import DataFormatError, ParameterError
from pflab.provenance import Source
from pflab.tables import IOTable, MRIOTable

__all__ = ["from_pymrio", "to_pymrio"]


def _pymrio() -> Any:
    try:
        import pymrio
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise ParameterError(
            "pymrio", "pymrio is not installed; install it with pip install 'pflab[pymrio]'"
        ) from None
    return pymrio


def _factor_inputs(table: IOTable) -> pd.DataFrame:
    rows: dict[str, np.ndarray] = {}
    components = table.value_added_components
    if components is not None:
        for column in components.columns:
            rows[f"value_added:{column}"] = components[column].to_numpy()
    else:
        rows["value_added"] = table.value_added.to_numpy()
    rows["imported_inputs"] = table.imported_inputs.to_numpy()
    other = table.other_inputs
    if other is not None:
        for column in other.columns:
            rows[f"other:{column}"] = other[column].to_numpy()
    return pd.DataFrame(rows).T


def to_pymrio(table: IOTable | MRIOTable) -> Any:
    """An equivalent ``pymrio.IOSystem`` (not yet calculated; call ``calc_all()``).

    For an :class:`IOTable` the region is the economy code; ``Y`` is domestic final use
    by category; the ``factor_inputs`` extension holds value added (or its components),
    imported inputs and other primary inputs, so that its multipliers are pflab's
    value-added and import multipliers.
    """
    pymrio = _pymrio()
    if isinstance(table, MRIOTable):
        io = pymrio.IOSystem(
            Z=table.Z.copy(), Y=table.Y.copy(), x=table.gross_output.to_frame("indout")
        )
        if table.F is not None:
            ext = pymrio.Extension(
                name="extension",
                F=table.F.copy(),
                F_Y=None if table.F_Y is None else table.F_Y.copy(),
                unit=pd.DataFrame({"unit": list(table.units)}, index=list(table.stressors)),
            )
            io.extension = ext
        return io
    index = pd.MultiIndex.from_product(
        [[table.economy], list(table.codes)], names=["region", "sector"]
    )
    columns = pd.MultiIndex.from_product(
        [[table.economy], list(table.final_demand.columns)], names=["region", "category"]
    )
    z = pd.DataFrame(table.Z.to_numpy(), index=index, columns=index)
    y = pd.DataFrame(table.final_demand.to_numpy(), index=index, columns=columns)
    x = pd.DataFrame({"indout": table.gross_output.to_numpy()}, index=index)
    io = pymrio.IOSystem(Z=z, Y=y, x=x, name=table.label, unit=None)
    factor = _factor_inputs(table)
    factor.columns = index
    io.factor_inputs = pymrio.Extension(
        name="factor_inputs",
        F=factor,
        unit=pd.DataFrame(
            {"unit": [f"{table.unit} {table.currency}".strip()] * len(factor)}, index=factor.index
        ),
    )
    if table.employment is not None:
        jobs = pd.DataFrame([table.employment.to_numpy()], index=["employment"], columns=index)
        io.employment = pymrio.Extension(
            name="employment",
            F=jobs,
            unit=pd.DataFrame({"unit": [table.employment_unit]}, index=["employment"]),
        )
    return io


def from_pymrio(
    io: Any, *, region: str | None = None, year: int | None = None, scheme: str = "pymrio"
) -> IOTable | MRIOTable:
    """A pflab table from a ``pymrio.IOSystem``.

    Parameters
    ----------
    io
        The IOSystem, with ``Z`` and ``Y`` (``x`` is computed when missing).
    region
        Keep only this region's domestic block (→ :class:`IOTable`); with a single region
        that is the default.
    year
        The table's year, when known.
    scheme
        Sector scheme of the result.

    Raises
    ------
    pflab.errors.DataFormatError
        If the system has no Z or Y, or the region is unknown.
    """
    if getattr(io, "Z", None) is None or getattr(io, "Y", None) is None:
        raise DataFormatError("the IOSystem needs Z and Y (run calc_system() first if it has A)")
    z = io.Z
    y = io.Y
    regions = list(dict.fromkeys(z.index.get_level_values(0)))
    sectors = list(dict.fromkeys(z.index.get_level_values(1)))
    source = Source(
        name=f"pymrio IOSystem {getattr(io, 'name', '')}".strip(),
        version=str(year or ""),
        citation="",
    )
    if region is None and len(regions) == 1:
        region = regions[0]
    if region is None:
        ext_name = next(iter(io.get_extensions()), None) if hasattr(io, "get_extensions") else None
        ext = getattr(io, ext_name) if ext_name else None
        categories = list(dict.fromkeys(y.columns.get_level_values(1)))
        return MRIOTable.from_blocks(
            regions=regions,
            sectors=sectors,
            Z=z.to_numpy(),
            Y=y.to_numpy(),
            categories=categories,
            x=None if io.x is None else io.x.to_numpy().reshape(-1),
            F=None if ext is None or ext.F is None else ext.F.to_numpy(),
            F_Y=None if ext is None or getattr(ext, "F_Y", None) is None else ext.F_Y.to_numpy(),
            stressors=[] if ext is None or ext.F is None else [str(s) for s in ext.F.index],
            year=year,
            source=source,
        )
    if region not in regions:
        raise DataFormatError(
            f"region {region!r} not in the IOSystem (regions: {', '.join(map(str, regions))})"
        )
    codes = [str(c) for c in sectors]
    others = [r for r in regions if r != region]
    block = z.loc[region, region].to_numpy()
    final = y.loc[region, region]
    categories = [str(c) for c in final.columns]
    final_values = final.to_numpy()
    kwargs: dict[str, Any] = {}
    if others:
        exports = (
            z.loc[region].drop(columns=region, level=0).sum(axis=1).to_numpy()
            + y.loc[region].drop(columns=region, level=0).sum(axis=1).to_numpy()
        )
        final_values = np.column_stack([final_values, exports])
        kwargs["Z_imports"] = sum(z.loc[r, region].to_numpy() for r in others)
        kwargs["final_demand_imports"] = pd.DataFrame(
            sum(y.loc[r, region].to_numpy() for r in others), index=codes, columns=categories
        )
        kwargs["export_columns"] = ["exports"]
        categories = [*categories, "exports"]
    x = block.sum(axis=1) + final_values.sum(axis=1)
    imported = kwargs["Z_imports"].sum(axis=0) if others else 0.0
    # pymrio does not say which categories are inventories: any column with negative
    # entries is accepted as signed (and named in the notes)
    signed = [c for j, c in enumerate(categories) if (final_values[:, j] < 0).any()]
    if "final_demand_imports" in kwargs:
        fm = kwargs["final_demand_imports"]
        signed += [c for c in fm.columns if (fm[c] < 0).any() and c not in signed]
    notes = ["Value added is gross output less domestic and imported intermediate inputs."]
    if signed:
        notes.append(
            f"Final-demand columns with negative entries (taken as signed): {', '.join(signed)}."
        )
    return IOTable.from_blocks(
        economy=str(region),
        year=year or 0,
        scheme=scheme,
        codes=codes,
        Z=block,
        final_demand=pd.DataFrame(final_values, index=codes, columns=categories),
        value_added=x - block.sum(axis=0) - imported,
        gross_output=x,
        source=source,
        notes=notes,
        signed_columns=signed,
        **kwargs,
    )
