"""The immutable input–output table of one economy.

An :class:`IOTable` holds one year's symmetric table in the table's own sector codes
and money unit:

- ``Z``: domestic intermediate flows (row sector supplies column sector);
- ``Z_imports``: imported intermediate flows by product, when the table has them (its
  own split, or one derived by the proportionality assumption, see ``import_split``);
- ``final_demand``: domestic output delivered to final use, one column per category
  (exports and any statistical discrepancy included), and ``final_demand_imports``;
- ``value_added`` (total, and ``value_added_components`` when published);
- ``other_inputs``: primary inputs that are not value added (taxes less subsidies on
  products, purchases abroad, adjustments), when the table has them;
- ``gross_output``, ``imports`` (total by product) and ``employment`` when mapped.

It is validated on construction: labels and shapes agree, values are finite, flows are
non-negative except in the declared ``signed_columns`` (inventories, discrepancies),
rows and columns balance within a reported tolerance (:attr:`IOTable.balance`), and
the domestic coefficient matrix is productive (spectral radius below 1).

The arrays are stored read-only; the pandas objects returned by the properties are views
on them, so an attempt to change a table in place fails instead of silently corrupting
it. Derive a new table with :meth:`IOTable.replace`.

Reference
---------
Miller, R. E. and Blair, P. D. (2009), *Input–Output Analysis: Foundations and
Extensions*, 2nd ed., Cambridge University Press, ch. 2.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from pflab.data.iotables._checks import (
    Balance,
    as_matrix,
    as_vector,
    check_rows_labels,
)
from pflab.errors import DataValidationError, ParameterError
from pflab.provenance import Source

__all__ = ["IOTable"]

_Matrix = pd.DataFrame | np.ndarray
_Vector = pd.Series | np.ndarray | Sequence[float]


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


class IOTable:
    """One economy's input–output table for one year (immutable).

    Parameters
    ----------
    economy
        ISO 3166 alpha-3 code, e.g. ``"CHN"``.
    year
        The table's year.
    scheme
        The sector classification, e.g. ``"nbs153"``, ``"wiod56"`` (see
        :func:`pflab.data.concordance.schemes`).
    codes, names
        Sector codes and names in table order (``names`` defaults to the codes).
    Z
        Domestic intermediate flows, n × n (DataFrame indexed and columned by the codes,
        or an array in code order).
    final_demand
        Domestic output to final use, n × k, one column per category (exports included).
    value_added
        Total value added by sector; optional when ``value_added_components`` is given.
    gross_output
        Gross output by sector; defaults to row sums of ``Z`` and ``final_demand``.
    Z_imports, final_demand_imports
        Imported intermediate and final use by product, when known.
    value_added_components
        n × c value-added components (compensation, taxes, depreciation, surplus …).
    other_inputs
        n × r primary inputs other than value added (e.g. taxes less subsidies on products).
    imports
        Total imports by product; defaults to the row sums of the imported blocks.
    employment
        Persons employed by sector (unit in ``employment_unit``), if known.
    names_zh
        Chinese sector names, if any.
    currency, unit, prices
        Money of the flows, e.g. ``"CNY"``, ``"10,000 yuan"``, ``"producer's prices"``.
    employment_unit
        Unit of ``employment``, e.g. ``"10,000 persons"``.
    source
        The cited data source.
    import_split
        ``"table"`` (the table separates imports), ``"proportional"`` (derived under the
        proportionality assumption) or ``"none"``.
    notes
        Caveats every result built on the table must repeat.
    signed_columns
        Final-demand columns that may be negative (inventories, discrepancies).
    export_columns
        Final-demand columns that are exports.
    rtol
        Relative tolerance of the balance checks.
    rounding
        The rounding unit of the published numbers (0 if unrounded); a sum of k cells may
        be off by ``rounding / 2 · k``.
    check
        Run the validation (default); turn off only for tables you validated already.
    """

    __slots__ = (
        "_emp",
        "_f",
        "_f_cols",
        "_fm",
        "_fm_cols",
        "_imports",
        "_oth",
        "_oth_cols",
        "_va",
        "_vac",
        "_vac_cols",
        "_x",
        "_z",
        "_zm",
        "balance",
        "codes",
        "currency",
        "economy",
        "employment_unit",
        "export_columns",
        "import_split",
        "names",
        "names_zh",
        "notes",
        "prices",
        "rounding",
        "rtol",
        "scheme",
        "signed_columns",
        "source",
        "spectral_radius",
        "unit",
        "year",
    )

    economy: str
    year: int
    scheme: str
    codes: tuple[str, ...]
    names: tuple[str, ...]
    names_zh: tuple[str, ...] | None
    currency: str
    unit: str
    prices: str
    employment_unit: str
    source: Source
    import_split: str
    notes: tuple[str, ...]
    signed_columns: tuple[str, ...]
    export_columns: tuple[str, ...]
    rtol: float
    rounding: float
    balance: Balance
    spectral_radius: float
    _z: np.ndarray
    _zm: np.ndarray | None
    _f: np.ndarray
    _f_cols: tuple[str, ...]
    _fm: np.ndarray | None
    _fm_cols: tuple[str, ...]
    _va: np.ndarray
    _vac: np.ndarray | None
    _vac_cols: tuple[str, ...]
    _oth: np.ndarray | None
    _oth_cols: tuple[str, ...]
    _x: np.ndarray
    _imports: np.ndarray | None
    _emp: np.ndarray | None

    def __init__(
        self,
        *,
        economy: str,
        year: int,
        scheme: str,
        codes: Sequence[str],
        Z: _Matrix,
        final_demand: _Matrix,
        value_added: _Vector | None = None,
        names: Sequence[str] | None = None,
        gross_output: _Vector | None = None,
        Z_imports: _Matrix | None = None,
        final_demand_imports: _Matrix | None = None,
        value_added_components: _Matrix | None = None,
        other_inputs: _Matrix | None = None,
        imports: _Vector | None = None,
        employment: _Vector | None = None,
        names_zh: Sequence[str] | None = None,
        currency: str = "",
        unit: str = "",
        prices: str = "basic prices",
        employment_unit: str = "",
        source: Source | None = None,
        import_split: str | None = None,
        notes: Iterable[str] = (),
        signed_columns: Iterable[str] = (),
        export_columns: Iterable[str] = (),
        rtol: float = 1e-6,
        rounding: float = 0.0,
        check: bool = True,
    ) -> None:
        put = object.__setattr__
        codes = tuple(str(c) for c in codes)
        names = tuple(str(n) for n in names) if names is not None else codes
        where = f"IO table {economy} {year} ({scheme})"
        check_rows_labels(codes, names, where)

        def block(
            value: _Matrix | None, name: str, square: bool = False
        ) -> tuple[np.ndarray | None, tuple[str, ...]]:
            """A labelled block as a checked array (None stays None)."""
            if value is None:
                return None, ()
            columns = (
                codes
                if square
                else (list(value.columns) if isinstance(value, pd.DataFrame) else None)
            )
            return as_matrix(value, rows=codes, columns=columns, name=name, where=where)

        z, _ = block(Z, "Z", square=True)
        f, f_cols = block(final_demand, "final_demand")
        zm, _ = block(Z_imports, "Z_imports", square=True)
        fm, fm_cols = block(final_demand_imports, "final_demand_imports")
        vac, vac_cols = block(value_added_components, "value_added_components")
        oth, oth_cols = block(other_inputs, "other_inputs")
        assert z is not None and f is not None
        if value_added is None:
            if vac is None:
                raise ParameterError("value_added", "give value_added or value_added_components")
            va = vac.sum(axis=1)
        else:
            va = as_vector(value_added, rows=codes, name="value_added", where=where)
        x = (
            as_vector(gross_output, rows=codes, name="gross_output", where=where)
            if gross_output is not None
            else z.sum(axis=1) + f.sum(axis=1)
        )
        if imports is not None:
            imp: np.ndarray | None = as_vector(imports, rows=codes, name="imports", where=where)
        elif zm is not None and fm is not None:
            imp = zm.sum(axis=1) + fm.sum(axis=1)
        else:
            imp = None
        emp = (
            as_vector(employment, rows=codes, name="employment", where=where)
            if employment is not None
            else None
        )
        signed = tuple(str(c) for c in signed_columns)
        exports = tuple(str(c) for c in export_columns)
        unknown = [c for c in (*signed, *exports) if c not in f_cols and c not in fm_cols]
        if unknown:
            raise ParameterError(
                "signed_columns/export_columns",
                f"{unknown} are not final-demand columns ({', '.join(f_cols)})",
            )
        split = import_split or ("table" if zm is not None else "none")
        if split not in ("table", "proportional", "none"):
            raise ParameterError("import_split", f"{split!r}; expected table, proportional or none")
        for slot, value in {
            "economy": str(economy),
            "year": int(year),
            "scheme": str(scheme),
            "codes": codes,
            "names": names,
            "names_zh": tuple(str(n) for n in names_zh) if names_zh is not None else None,
            "currency": currency,
            "unit": unit,
            "prices": prices,
            "employment_unit": employment_unit,
            "source": source or Source(name="user table", version="", citation=""),
            "import_split": split,
            "notes": tuple(notes),
            "signed_columns": signed,
            "export_columns": exports,
            "rtol": float(rtol),
            "rounding": float(rounding),
            "_z": _frozen(z),
            "_zm": _frozen(zm) if zm is not None else None,
            "_f": _frozen(f),
            "_f_cols": f_cols,
            "_fm": _frozen(fm) if fm is not None else None,
            "_fm_cols": fm_cols,
            "_va": _frozen(va),
            "_vac": _frozen(vac) if vac is not None else None,
            "_vac_cols": vac_cols,
            "_oth": _frozen(oth) if oth is not None else None,
            "_oth_cols": oth_cols,
            "_x": _frozen(x),
            "_imports": _frozen(imp) if imp is not None else None,
            "_emp": _frozen(emp) if emp is not None else None,
        }.items():
            put(self, slot, value)
        if self.names_zh is not None and len(self.names_zh) != len(codes):
            raise DataValidationError(
                f"{len(codes)} sector codes but {len(self.names_zh)} Chinese names", path=where
            )
        if check:
            balance, radius = self._validate(where)
        else:
            balance, radius = Balance(np.nan, np.nan, "", "", rtol, rounding / 2), np.nan
        put(self, "balance", balance)
        put(self, "spectral_radius", radius)

    # -- validation ---------------------------------------------------------------------

    def _validate(self, where: str) -> tuple[Balance, float]:
        from pflab.data.iotables._validate import validate

        return validate(self, where)

    # -- immutability -------------------------------------------------------------------

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"IOTable is immutable; use .replace({name}=...) to derive a new one")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("IOTable is immutable")

    def _init_kwargs(self) -> dict[str, Any]:
        return {
            "economy": self.economy,
            "year": self.year,
            "scheme": self.scheme,
            "codes": self.codes,
            "names": self.names,
            "Z": self.Z,
            "final_demand": self.final_demand,
            "value_added": self.value_added,
            "gross_output": self.gross_output,
            "Z_imports": self.Z_imports,
            "final_demand_imports": self.final_demand_imports,
            "value_added_components": self.value_added_components,
            "other_inputs": self.other_inputs,
            "imports": self.imports,
            "employment": self.employment,
            "names_zh": self.names_zh,
            "currency": self.currency,
            "unit": self.unit,
            "prices": self.prices,
            "employment_unit": self.employment_unit,
            "source": self.source,
            "import_split": self.import_split,
            "notes": self.notes,
            "signed_columns": self.signed_columns,
            "export_columns": self.export_columns,
            "rtol": self.rtol,
            "rounding": self.rounding,
        }

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        # slots and a blocking __setattr__ need an explicit recipe for pickle and copy
        return (_rebuild, (self._init_kwargs(),))

    def replace(self, **changes: Any) -> IOTable:
        """A new table with some fields changed (validated again).

        Example: ``table.replace(employment=None)`` or ``table.replace(notes=(...))``.
        """
        kwargs = self._init_kwargs()
        unknown = [k for k in changes if k not in kwargs and k != "check"]
        if unknown:
            raise ParameterError("replace", f"unknown fields {unknown}; known: {', '.join(kwargs)}")
        kwargs.update(changes)
        return IOTable(**kwargs)

    # -- labelled views -----------------------------------------------------------------

    def _frame(self, array: np.ndarray, columns: Sequence[str]) -> pd.DataFrame:
        frame = pd.DataFrame(
            array, index=pd.Index(self.codes, name="sector"), columns=list(columns), copy=False
        )
        return frame

    def _series(self, array: np.ndarray, name: str) -> pd.Series:
        return pd.Series(array, index=pd.Index(self.codes, name="sector"), name=name, copy=False)

    @property
    def n(self) -> int:
        """Number of sectors."""
        return len(self.codes)

    @property
    def label(self) -> str:
        """``"CHN 2020 (nbs153)"``."""
        return f"{self.economy} {self.year} ({self.scheme})"

    @property
    def Z(self) -> pd.DataFrame:  # noqa: N802
        """Domestic intermediate flows (row supplies column), in :attr:`unit`."""
        return self._frame(self._z, self.codes)

    @property
    def Z_imports(self) -> pd.DataFrame | None:  # noqa: N802
        """Imported intermediate flows by product (row) and using sector (column)."""
        return None if self._zm is None else self._frame(self._zm, self.codes)

    @property
    def final_demand(self) -> pd.DataFrame:
        """Domestic output to final use by category (exports included)."""
        return self._frame(self._f, self._f_cols)

    @property
    def final_demand_imports(self) -> pd.DataFrame | None:
        """Imported final use by product and category."""
        return None if self._fm is None else self._frame(self._fm, self._fm_cols)

    @property
    def value_added(self) -> pd.Series:
        """Total value added by sector."""
        return self._series(self._va, "value_added")

    @property
    def value_added_components(self) -> pd.DataFrame | None:
        """Value-added components by sector (as published), if any."""
        return None if self._vac is None else self._frame(self._vac, self._vac_cols)

    @property
    def other_inputs(self) -> pd.DataFrame | None:
        """Primary inputs other than value added (taxes on products, adjustments), if any."""
        return None if self._oth is None else self._frame(self._oth, self._oth_cols)

    @property
    def gross_output(self) -> pd.Series:
        """Gross output by sector."""
        return self._series(self._x, "gross_output")

    @property
    def imports(self) -> pd.Series | None:
        """Total imports by product, if known."""
        return None if self._imports is None else self._series(self._imports, "imports")

    @property
    def employment(self) -> pd.Series | None:
        """Employment by sector (unit :attr:`employment_unit`), if mapped."""
        return None if self._emp is None else self._series(self._emp, "employment")

    @property
    def exports(self) -> pd.Series:
        """Exports of domestic output by sector (sum of :attr:`export_columns`)."""
        cols = [i for i, c in enumerate(self._f_cols) if c in self.export_columns]
        return self._series(self._f[:, cols].sum(axis=1), "exports")

    @property
    def imported_inputs(self) -> pd.Series:
        """Imported intermediate inputs by using sector (column sums of :attr:`Z_imports`)."""
        values = np.zeros(self.n) if self._zm is None else self._zm.sum(axis=0)
        return self._series(values, "imported_inputs")

    @property
    def gdp(self) -> float:
        """Total value added (GDP at the table's prices), in :attr:`unit`."""
        return float(self._va.sum())

    @property
    def labour_share(self) -> float | None:
        """Compensation of employees over total value added, when the table has it."""
        if self._vac is None:
            return None
        for key in ("VA001", "compensation", "COMP", "LAB"):
            if key in self._vac_cols:
                return float(self._vac[:, self._vac_cols.index(key)].sum() / self._va.sum())
        return None

    def names_for(self, codes: Iterable[str]) -> list[str]:
        """The names of some sector codes."""
        where = dict(zip(self.codes, self.names, strict=True))
        return [where[c] for c in codes]

    # -- ISIC access --------------------------------------------------------------------

    def isic_map(self) -> pd.DataFrame:
        """This table's concordance to ISIC Rev.4 (one row per code and ISIC code)."""
        from pflab.data.concordance import load_concordance

        return load_concordance(self.scheme).to_frame()

    def sectors_for_isic(
        self, isic_codes: str | Iterable[str], *, primary_only: bool = False
    ) -> list[str]:
        """This table's codes that cover the given ISIC Rev.4 codes."""
        from pflab.data.concordance import sectors_for_isic

        return sectors_for_isic(self.scheme, isic_codes, primary_only=primary_only)

    def to_isic(self, level: str = "division") -> IOTable:
        """The table aggregated onto ISIC Rev.4 by each sector's primary code.

        Parameters
        ----------
        level
            ``"division"`` (two digits, e.g. ``"26"``) or ``"section"`` (``"C"``).
        """
        from pflab.data.iotables.aggregate import aggregate, isic_mapping
        from pflab.data.isic import divisions

        titles = divisions()["title"].to_dict()
        mapping = isic_mapping(self, level)
        names = {g: titles.get(g, f"ISIC Rev.4 section {g}") for g in mapping.values()}
        return aggregate(self, mapping, scheme=f"isic4-{level}", names=names)

    # -- presentation -------------------------------------------------------------------

    def to_frame(self) -> pd.DataFrame:
        """One row per sector: name, gross output, value added, final use, exports, imports."""
        frame = pd.DataFrame(
            {
                "name": self.names,
                "gross_output": self._x,
                "value_added": self._va,
                "final_demand": self._f.sum(axis=1),
                "exports": self.exports.to_numpy(),
                "imports": self._imports if self._imports is not None else np.nan,
                "imported_inputs": self.imported_inputs.to_numpy(),
                "employment": self._emp if self._emp is not None else np.nan,
            },
            index=pd.Index(self.codes, name="sector"),
        )
        if self.names_zh is not None:
            frame.insert(1, "name_zh", self.names_zh)
        return frame

    def summary(self) -> str:
        """A few lines a person can read."""
        lines = [
            f"Input–output table {self.label}: {self.n} sectors, {self.unit} {self.currency}, "
            f"{self.prices}",
            f"Source: {self.source.label}. {self.source.citation}",
            f"Gross output {self._x.sum():,.0f}; value added (GDP) {self.gdp:,.0f}; "
            f"imports {'—' if self._imports is None else f'{self._imports.sum():,.0f}'} "
            f"(split: {self.import_split})",
            f"Balance: {self.balance.describe()}; spectral radius of A {self.spectral_radius:.4f}",
        ]
        if self._emp is not None:
            lines.append(f"Employment {self._emp.sum():,.1f} {self.employment_unit}")
        lines += [f"Note: {n}" for n in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        top = self.to_frame().nlargest(10, "gross_output")
        lines = "".join(f"<li>{html.escape(line)}</li>" for line in self.summary().splitlines())
        return f"<ul>{lines}</ul>" + top.to_html(float_format=lambda v: f"{v:,.0f}")

    def __repr__(self) -> str:
        return f"<IOTable {self.label}: {self.n} sectors, {self.unit} {self.currency}>"


def _rebuild(kwargs: dict[str, Any]) -> IOTable:
    """Recreate a table from its constructor arguments (used by pickle)."""
    return IOTable(**kwargs)


def table_kwargs(table: IOTable) -> Mapping[str, Any]:
    """The constructor arguments of a table (for readers that derive new tables)."""
    return table._init_kwargs()
