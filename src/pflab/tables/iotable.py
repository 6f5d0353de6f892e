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

A table is built by :meth:`IOTable.from_blocks` (``IOTable(...)`` is the same call) and
validated there: labels and shapes agree, values are finite, flows are non-negative
except in the declared ``signed_columns`` (inventories, discrepancies), rows and columns
balance within a reported tolerance (:attr:`IOTable.balance`), and the domestic
coefficient matrix is productive (spectral radius below 1). Pickling and copying restore
the validated fields without validating again.

The arrays are stored read-only (the fields ``z``, ``f``, ``x`` … for numerical code);
the pandas objects returned by the properties (``Z``, ``final_demand``,
``gross_output`` …) are labelled views on them, so an attempt to change a table in place
fails instead of silently corrupting it. Derive a new table with :meth:`IOTable.replace`.

Reference
---------
Miller, R. E. and Blair, P. D. (2009), *Input–Output Analysis: Foundations and
Extensions*, 2nd ed., Cambridge University Press, ch. 2.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any, Literal

import numpy as np
import pandas as pd

from pflab.errors import DataValidationError, ParameterError
from pflab.provenance import Source
from pflab.tables._checks import Balance, as_matrix, as_vector, check_rows_labels
from pflab.tables._frozen import cached, getstate, init_from_blocks, restore, setstate
from pflab.tables.linalg import LeontiefSolver, Method, coefficients

__all__ = ["BLOCKS", "Block", "IOTable"]

_Matrix = pd.DataFrame | np.ndarray
_Vector = pd.Series | np.ndarray | Sequence[float]

#: The citation of a table built without one.
USER_SOURCE = Source(name="user table", version="", citation="")


@dataclass(frozen=True)
class Block:
    """One labelled block of a table: its constructor name, array field and shape.

    Attributes
    ----------
    name
        Keyword of :meth:`IOTable.from_blocks` and name of the labelled property.
    field
        The :class:`IOTable` field holding the read-only float64 array.
    kind
        ``"square"`` (sectors × sectors), ``"matrix"`` (sectors × labelled columns) or
        ``"vector"`` (one value per sector).
    columns
        For ``"matrix"`` blocks, the field holding the column labels.
    nonnegative
        Whether the block holds flows that must not be negative (except in the table's
        signed final-demand columns).
    """

    name: str
    field: str
    kind: Literal["square", "matrix", "vector"]
    columns: str = ""
    nonnegative: bool = True


#: Every block of an :class:`IOTable`, in the order of the plain file format.
BLOCKS: tuple[Block, ...] = (
    Block("Z", "z", "square"),
    Block("Z_imports", "zm", "square"),
    Block("final_demand", "f", "matrix", "f_columns"),
    Block("final_demand_imports", "fm", "matrix", "fm_columns"),
    Block("value_added_components", "vac", "matrix", "vac_columns", nonnegative=False),
    Block("other_inputs", "oth", "matrix", "oth_columns", nonnegative=False),
    Block("value_added", "va", "vector", nonnegative=False),
    Block("gross_output", "x", "vector"),
    Block("imports", "m", "vector"),
    Block("employment", "emp", "vector"),
)


@dataclass(frozen=True, slots=True, init=False, eq=False, repr=False)
class IOTable:
    """One economy's input–output table for one year (immutable, validated).

    Build one with :meth:`from_blocks` (or ``IOTable(...)`` with the same keywords).

    Attributes
    ----------
    economy, year, scheme
        ISO 3166 alpha-3 code, year and sector classification (e.g. ``"nbs153"``).
    codes, names, names_zh
        Sector codes, names and Chinese names (or ``None``) in table order.
    z, zm
        Domestic and imported intermediate flows, n × n (``zm`` ``None`` when unknown).
    f, f_columns, fm, fm_columns
        Domestic (imported) final use, n × k, and its category labels.
    va, vac, vac_columns
        Value added by sector; its components (n × c) and labels, when published.
    oth, oth_columns
        Primary inputs other than value added (n × r) and labels, when known.
    x, m, emp
        Gross output, total imports by product and employment (``None`` when unknown).
    currency, unit, prices, employment_unit
        Money and units of the flows and of employment.
    sources
        The cited sources: the table's own first, then any mapped in (e.g. the
        employment series), so that each number keeps its citation.
    import_split
        ``"table"``, ``"proportional"`` or ``"none"``.
    notes
        Caveats every result built on the table must repeat.
    signed_columns, export_columns
        Final-demand columns that may be negative; that are exports.
    rtol, rounding
        Relative tolerance of the balance checks; rounding unit of the published numbers.
    balance, spectral_radius
        What validation found: the largest residuals and ρ(A).
    """

    economy: str
    year: int
    scheme: str
    codes: tuple[str, ...]
    names: tuple[str, ...]
    names_zh: tuple[str, ...] | None
    z: np.ndarray
    zm: np.ndarray | None
    f: np.ndarray
    f_columns: tuple[str, ...]
    fm: np.ndarray | None
    fm_columns: tuple[str, ...]
    vac: np.ndarray | None
    vac_columns: tuple[str, ...]
    oth: np.ndarray | None
    oth_columns: tuple[str, ...]
    va: np.ndarray
    x: np.ndarray
    m: np.ndarray | None
    emp: np.ndarray | None
    currency: str
    unit: str
    prices: str
    employment_unit: str
    sources: tuple[Source, ...]
    import_split: str
    notes: tuple[str, ...]
    signed_columns: tuple[str, ...]
    export_columns: tuple[str, ...]
    rtol: float
    rounding: float
    balance: Balance
    spectral_radius: float
    _cache: dict[str, Any]

    def __init__(self, **blocks: Any) -> None:
        """``IOTable(...)`` is the same call as :meth:`from_blocks`."""
        init_from_blocks(self, **blocks)

    def __getstate__(self) -> dict[str, Any]:
        return getstate(self)

    def __setstate__(self, state: dict[str, Any]) -> None:
        setstate(self, state)  # the validated fields, restored without validating

    @classmethod
    def from_blocks(
        cls,
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
        sources: Iterable[Source] = (),
        import_split: str | None = None,
        notes: Iterable[str] = (),
        signed_columns: Iterable[str] = (),
        export_columns: Iterable[str] = (),
        rtol: float = 1e-6,
        rounding: float = 0.0,
        check: bool = True,
    ) -> IOTable:
        """Build and validate a table from its labelled blocks.

        Parameters
        ----------
        economy, year, scheme
            ISO code (e.g. ``"CHN"``), the table's year and sector classification.
        codes, names
            Sector codes and names in table order (``names`` defaults to the codes).
        Z
            Domestic intermediate flows, n × n (DataFrame indexed and columned by the
            codes, or an array in code order).
        final_demand
            Domestic output to final use, n × k, one column per category (exports
            included).
        value_added
            Total value added by sector; optional when ``value_added_components`` is given.
        gross_output
            Gross output by sector; defaults to row sums of ``Z`` and ``final_demand``.
        Z_imports, final_demand_imports
            Imported intermediate and final use by product, when known.
        value_added_components
            n × c value-added components (compensation, taxes, depreciation, surplus …).
        other_inputs
            n × r primary inputs other than value added.
        imports
            Total imports by product; defaults to the row sums of the imported blocks.
        employment
            Persons employed by sector (unit in ``employment_unit``), if known.
        names_zh
            Chinese sector names, if any.
        currency, unit, prices, employment_unit
            Money of the flows and unit of employment.
        source, sources
            The table's own citation, then further sources (e.g. of employment mapped
            in); a table with neither is cited as a "user table".
        import_split
            ``"table"``, ``"proportional"`` or ``"none"`` (default: ``"table"`` when
            ``Z_imports`` is given).
        notes
            Caveats every result built on the table must repeat.
        signed_columns, export_columns
            Final-demand columns that may be negative; that are exports.
        rtol
            Relative tolerance of the balance checks.
        rounding
            The rounding unit of the published numbers (0 if unrounded); a sum of k cells
            may be off by ``rounding / 2 · k``.
        check
            Run the validation (default); turn off only for tables you validated already.

        Raises
        ------
        pflab.errors.DataValidationError
            Naming the table, sector (row) and column of the first problem found.
        pflab.errors.ParameterError
            For unknown signed/export columns or import split.
        """
        arguments = locals()
        codes_t = tuple(str(c) for c in codes)
        names_t = tuple(str(n) for n in names) if names is not None else codes_t
        where = f"IO table {economy} {year} ({scheme})"
        check_rows_labels(codes_t, names_t, where)
        names_zh_t = tuple(str(n) for n in names_zh) if names_zh is not None else None
        if names_zh_t is not None and len(names_zh_t) != len(codes_t):
            raise DataValidationError(
                f"{len(codes_t)} sector codes but {len(names_zh_t)} Chinese names", path=where
            )
        given = {block.name: arguments[block.name] for block in BLOCKS}
        values: dict[str, Any] = {}
        for block in BLOCKS:
            value = given[block.name]
            if block.columns:
                values[block.columns] = ()
            if value is None:
                values[block.field] = None
            elif block.kind == "vector":
                values[block.field] = as_vector(value, rows=codes_t, name=block.name, where=where)
            else:
                columns = (
                    codes_t
                    if block.kind == "square"
                    else (list(value.columns) if isinstance(value, pd.DataFrame) else None)
                )
                array, labels = as_matrix(
                    value, rows=codes_t, columns=columns, name=block.name, where=where
                )
                values[block.field] = array
                if block.columns:
                    values[block.columns] = labels
        z, f, vac = values["z"], values["f"], values["vac"]
        if values["va"] is None:
            if vac is None:
                raise ParameterError("value_added", "give value_added or value_added_components")
            values["va"] = vac.sum(axis=1)
        if values["x"] is None:
            values["x"] = z.sum(axis=1) + f.sum(axis=1)
        if values["m"] is None and values["zm"] is not None and values["fm"] is not None:
            values["m"] = values["zm"].sum(axis=1) + values["fm"].sum(axis=1)
        signed = tuple(str(c) for c in signed_columns)
        exports = tuple(str(c) for c in export_columns)
        known = {*values["f_columns"], *values["fm_columns"]}
        unknown = [c for c in (*signed, *exports) if c not in known]
        if unknown:
            raise ParameterError(
                "signed_columns",
                f"{unknown} are not final-demand columns ({', '.join(values['f_columns'])})",
            )
        split = import_split or ("table" if values["zm"] is not None else "none")
        if split not in ("table", "proportional", "none"):
            raise ParameterError("import_split", f"{split!r}; expected table, proportional or none")
        cited = tuple(dict.fromkeys(((source,) if source is not None else ()) + tuple(sources)))
        values.update(
            economy=str(economy),
            year=int(year),
            scheme=str(scheme),
            codes=codes_t,
            names=names_t,
            names_zh=names_zh_t,
            currency=str(currency),
            unit=str(unit),
            prices=str(prices),
            employment_unit=str(employment_unit),
            sources=cited or (USER_SOURCE,),
            import_split=split,
            notes=tuple(str(n) for n in notes),
            signed_columns=signed,
            export_columns=exports,
            rtol=float(rtol),
            rounding=float(rounding),
            balance=Balance(np.nan, np.nan, "", "", float(rtol), float(rounding) / 2),
            spectral_radius=np.nan,
        )
        table = cls._assemble(values)
        if check:
            from pflab.tables._validate import validate

            balance, radius = validate(table, where)
            object.__setattr__(table, "balance", balance)
            object.__setattr__(table, "spectral_radius", radius)
        return table

    @classmethod
    def _assemble(cls, values: Mapping[str, Any]) -> IOTable:
        """A table from its field values (arrays frozen), without validation."""
        table = object.__new__(cls)
        restore(table, dict(values))
        return table

    # -- deriving -----------------------------------------------------------------------

    def blocks(self) -> dict[str, Any]:
        """The keywords of :meth:`from_blocks` that rebuild this table (labelled blocks)."""
        out: dict[str, Any] = {name: getattr(self, name) for name in _INPUTS}
        for block in BLOCKS:
            out[block.name] = self._labelled(block)
        return out

    def replace(self, **changes: Any) -> IOTable:
        """A new table with some blocks or fields changed, validated again.

        Takes the keywords of :meth:`from_blocks`, e.g. ``table.replace(employment=None)``
        or ``table.replace(notes=(...))``. ``source=`` replaces the table's own citation
        and keeps the others; ``sources=`` replaces them all.

        Raises
        ------
        pflab.errors.ParameterError
            For a keyword :meth:`from_blocks` does not take.
        """
        kwargs = self.blocks()
        unknown = [k for k in changes if k not in kwargs and k not in ("check", "source")]
        if unknown:
            raise ParameterError(
                "replace", f"unknown fields {unknown}; known: {', '.join(sorted(kwargs))}"
            )
        if "source" in changes and "sources" not in changes:
            kwargs["sources"] = self.sources[1:]
        kwargs.update(changes)
        return type(self).from_blocks(**kwargs)

    # -- the shared solver ----------------------------------------------------------------

    def solver(self, method: Method = "auto") -> LeontiefSolver:
        """The Leontief solver of I − A, built once per table and method and reused.

        Every analysis of one table (multipliers, import content, prices, linkages …)
        shares this solver, so the LU factorisation is computed once.
        """
        return cached(
            self,
            f"solver:{method}",
            lambda: LeontiefSolver(coefficients(self.z, self.x), method=method),
        )

    # -- labelled views -----------------------------------------------------------------

    def _frame(self, array: np.ndarray, columns: Sequence[str]) -> pd.DataFrame:
        return pd.DataFrame(
            array, index=pd.Index(self.codes, name="sector"), columns=list(columns), copy=False
        )

    def _series(self, array: np.ndarray, name: str) -> pd.Series:
        return pd.Series(array, index=pd.Index(self.codes, name="sector"), name=name, copy=False)

    def _labelled(self, block: Block) -> pd.DataFrame | pd.Series | None:
        array = getattr(self, block.field)
        if array is None:
            return None
        if block.kind == "vector":
            return self._series(array, block.name)
        columns = self.codes if block.kind == "square" else getattr(self, block.columns)
        return self._frame(array, columns)

    @property
    def n(self) -> int:
        """Number of sectors."""
        return len(self.codes)

    @property
    def label(self) -> str:
        """``"CHN 2020 (nbs153)"``."""
        return f"{self.economy} {self.year} ({self.scheme})"

    @property
    def source(self) -> Source:
        """The table's own citation (the first of :attr:`sources`)."""
        return self.sources[0]

    @property
    def Z(self) -> pd.DataFrame:  # noqa: N802
        """Domestic intermediate flows (row supplies column), in :attr:`unit`."""
        return self._frame(self.z, self.codes)

    @property
    def Z_imports(self) -> pd.DataFrame | None:  # noqa: N802
        """Imported intermediate flows by product (row) and using sector (column)."""
        return None if self.zm is None else self._frame(self.zm, self.codes)

    @property
    def final_demand(self) -> pd.DataFrame:
        """Domestic output to final use by category (exports included)."""
        return self._frame(self.f, self.f_columns)

    @property
    def final_demand_imports(self) -> pd.DataFrame | None:
        """Imported final use by product and category."""
        return None if self.fm is None else self._frame(self.fm, self.fm_columns)

    @property
    def value_added(self) -> pd.Series:
        """Total value added by sector."""
        return self._series(self.va, "value_added")

    @property
    def value_added_components(self) -> pd.DataFrame | None:
        """Value-added components by sector (as published), if any."""
        return None if self.vac is None else self._frame(self.vac, self.vac_columns)

    @property
    def other_inputs(self) -> pd.DataFrame | None:
        """Primary inputs other than value added (taxes on products, adjustments), if any."""
        return None if self.oth is None else self._frame(self.oth, self.oth_columns)

    @property
    def gross_output(self) -> pd.Series:
        """Gross output by sector."""
        return self._series(self.x, "gross_output")

    @property
    def imports(self) -> pd.Series | None:
        """Total imports by product, if known."""
        return None if self.m is None else self._series(self.m, "imports")

    @property
    def employment(self) -> pd.Series | None:
        """Employment by sector (unit :attr:`employment_unit`), if mapped."""
        return None if self.emp is None else self._series(self.emp, "employment")

    @property
    def exports(self) -> pd.Series:
        """Exports of domestic output by sector (sum of :attr:`export_columns`)."""
        exports = set(self.export_columns)
        cols = [i for i, c in enumerate(self.f_columns) if c in exports]
        return self._series(self.f[:, cols].sum(axis=1), "exports")

    @property
    def imported_inputs(self) -> pd.Series:
        """Imported intermediate inputs by using sector (column sums of :attr:`Z_imports`)."""
        values = np.zeros(self.n) if self.zm is None else self.zm.sum(axis=0)
        return self._series(values, "imported_inputs")

    @property
    def gdp(self) -> float:
        """Total value added (GDP at the table's prices), in :attr:`unit`."""
        return float(self.va.sum())

    @property
    def labour_share(self) -> float | None:
        """Compensation of employees over total value added, when the table has it."""
        if self.vac is None:
            return None
        for key in ("VA001", "compensation", "COMP", "LAB"):
            if key in self.vac_columns:
                return float(self.vac[:, self.vac_columns.index(key)].sum() / self.va.sum())
        return None

    def names_for(self, codes: Iterable[str]) -> list[str]:
        """The names of some sector codes."""
        where = dict(zip(self.codes, self.names, strict=True))
        return [where[c] for c in codes]

    # -- presentation -------------------------------------------------------------------

    def to_frame(self) -> pd.DataFrame:
        """One row per sector: name, gross output, value added, final use, exports, and
        imports, imported inputs and employment where the table has them."""
        frame = pd.DataFrame(
            {
                "name": self.names,
                "gross_output": self.x,
                "value_added": self.va,
                "final_demand": self.f.sum(axis=1),
                "exports": self.exports.to_numpy(),
            },
            index=pd.Index(self.codes, name="sector"),
        )
        if self.m is not None:
            frame["imports"] = self.m
        if self.zm is not None:
            frame["imported_inputs"] = self.imported_inputs.to_numpy()
        if self.emp is not None:
            frame["employment"] = self.emp
        if self.names_zh is not None:
            frame.insert(1, "name_zh", self.names_zh)
        return frame

    def summary(self) -> str:
        """A few lines a person can read."""
        lines = [
            f"Input–output table {self.label}: {self.n} sectors, {self.unit} {self.currency}, "
            f"{self.prices}",
            *(f"Source: {s.label}. {s.citation}" for s in self.sources),
            f"Gross output {self.x.sum():,.0f}; value added (GDP) {self.gdp:,.0f}; "
            f"imports {'none recorded' if self.m is None else f'{self.m.sum():,.0f}'} "
            f"(split: {self.import_split})",
            f"Balance: {self.balance.describe()}; spectral radius of A {self.spectral_radius:.4f}",
        ]
        if self.emp is not None:
            lines.append(f"Employment {self.emp.sum():,.1f} {self.employment_unit}")
        lines += [f"Note: {n}" for n in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        top = self.to_frame().nlargest(10, "gross_output")
        lines = "".join(f"<li>{html.escape(line)}</li>" for line in self.summary().splitlines())
        return f"<ul>{lines}</ul>" + top.to_html(float_format=lambda v: f"{v:,.0f}")

    def __repr__(self) -> str:
        return f"<IOTable {self.label}: {self.n} sectors, {self.unit} {self.currency}>"


#: Fields passed to :meth:`IOTable.from_blocks` as they are (not blocks, not derived).
_INPUTS: tuple[str, ...] = tuple(
    name
    for name in (f.name for f in fields(IOTable))
    if name != "_cache"
    and name not in {b.field for b in BLOCKS}
    and name not in {b.columns for b in BLOCKS}
    and name not in ("balance", "spectral_radius")
)
