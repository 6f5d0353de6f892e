"""Reader for the China Industrial Productivity (CIP) database, release 4.0 (2023).

Harry X. Wu's CIP 4.0 is published as 13 Excel workbooks (``CIP_4.0_(2023)_<n>.xlsx``):
37 industries (CIP codes 1–37), 1987–2017, current-price millions of yuan.

======  ==============================================================================
1.1     input–output tables (intermediate flows, supplier rows × user columns, by year)
1.2     value added            1.3  gross output          1.6  producer price index
1.4     capital and labour compensation (two sheets)
2.1     investment             2.2  net capital stock     2.3  capital input index
3.1     employment             3.2  hours worked          3.3  labour input index
4       growth accounts: 29 sheets of nominal values, growth rates, input indices,
        contributions and TFP on gross-output and value-added bases
5       the classification: EU KLEMS, national-accounts and "CSIC/2011" codes
======  ==============================================================================

Layout as published: two title rows, a header row ``CIP code, Industry, 1987, …, 2017``
(workbooks 1.2 and 1.3 have an empty column before 1987), in workbook 4 a ``Total`` row,
then the 37 industries in code order. Several sheets of workbook 4 stack a second block
below a blank row and a title row, without a header of its own: ``Nominal GO/II/VA``
(then "Two-period average industry weight"), ``g(K-input)``, ``g(K-stock)``,
``g(L-input)`` and ``g(Hours)`` (an index, 2000 = 1, then its growth rate).
:func:`read_cip` reads all of them, checks the layout cell by cell
(:mod:`pflab.data.cip_layout`) and then the
workbooks' own identities (:mod:`pflab.data.cip_validate`), and returns a
:class:`CIPData`. :func:`load_cip` returns the same object from the compact series
pflab ships (built by ``python -m pflab.build --only cip``); the workbooks themselves are
never shipped, as their licence is not verified.

References
----------
Wu, H. X. (2023), China Industrial Productivity (CIP) Database 4.0, RIETI.
Wu, H. X. and K. Ito (2015), "Reconstructing China's Supply-Use and Input-Output Tables in
Time Series", RIETI Discussion Paper 15-E-004.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import pandas as pd

from pflab.data.cip_layout import CIP_CODES, read_classification, read_io_tables, read_sheet
from pflab.data.embedded import read_embedded, read_sidecar
from pflab.errors import DataFormatError, DataNotFoundError, LookupFailedError
from pflab.provenance import Source

__all__ = [
    "CIP_CODES",
    "CIP_FILES",
    "CIP_VARIABLES",
    "EMBEDDED_VARIABLES",
    "CIPData",
    "cip_source",
    "load_cip",
    "read_cip",
    "resolve_china",
]

#: Workbook number → file name as published.
CIP_FILES: dict[str, str] = {
    n: f"CIP_4.0_(2023)_{n}.xlsx"
    for n in ("1.1", "1.2", "1.3", "1.4", "1.6", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4", "5")
}

#: Every variable of :attr:`CIPData.panel` with its meaning, unit and source sheet.
CIP_VARIABLES: dict[str, tuple[str, str, str]] = {
    "go": ("Nominal gross output", "million current yuan", "4: Nominal GO"),
    "ii": ("Nominal intermediate input", "million current yuan", "4: Nominal II"),
    "va": ("Nominal value added", "million current yuan", "4: Nominal VA"),
    "kc": ("Nominal capital compensation", "million current yuan", "4: KC"),
    "lc": ("Nominal labour compensation", "million current yuan", "4: LC"),
    "g_go": ("Growth of real gross output", "log difference", "4: g(GO)"),
    "g_ii": ("Growth of real intermediate input", "log difference", "4: g(II)"),
    "g_va": ("Growth of real value added (CIP's)", "log difference", "4: g(VA)"),
    "k_input": ("Capital input (Divisia)", "index, 2000=1", "4: g(K-input)"),
    "k_stock": ("Real net capital stock", "index, 2000=1", "4: g(K-stock)"),
    "k_quality": ("Capital quality", "index, 2000=1", "4: g(K-quality)"),
    "l_input": ("Labour input (Divisia)", "index, 2000=1", "4: g(L-input)"),
    "hours": ("Hours worked", "index, 2000=1", "4: g(Hours)"),
    "l_quality": ("Labour quality", "index, 2000=1", "4: g(L-quality)"),
    "cg_ii": ("Contribution of intermediate input, GO basis", "log points", "4: Cg(II)"),
    "cg_k_stock": ("Contribution of capital stock, GO basis", "log points", "4: Cg(K-stock)"),
    "cg_k_quality": (
        "Contribution of capital quality, GO basis",
        "log points",
        "4: Cg(K-quality)",
    ),
    "cg_hours": ("Contribution of hours, GO basis", "log points", "4: Cg(Hours)"),
    "cg_l_quality": (
        "Contribution of labour quality, GO basis",
        "log points",
        "4: Cg(L-quality)",
    ),
    "tfp_go": ("TFP growth, gross-output basis (CIP's)", "log difference", "4: TFP(GO basis)"),
    "cv_k_stock": ("Contribution of capital stock, VA basis", "log points", "4: Cv(K-stock)"),
    "cv_k_quality": (
        "Contribution of capital quality, VA basis",
        "log points",
        "4: Cv(K-quality)",
    ),
    "cv_hours": ("Contribution of hours, VA basis", "log points", "4: Cv(hours)"),
    "cv_l_quality": (
        "Contribution of labour quality, VA basis",
        "log points",
        "4: Cv(L-quality)",
    ),
    "tfp_va": ("TFP growth, value-added basis (CIP's)", "log difference", "4: TFP(VA basis)"),
    "g_lp": ("Growth of labour productivity (VA per hour)", "log difference", "4: g(LP)"),
    "cl_kl": ("Contribution of capital per hour to g(LP)", "log points", "4: Cl(KL)"),
    "employment": ("Persons employed", "thousands", "3.1"),
    "hours_worked": ("Hours worked", "million hours", "3.2"),
    "capital_stock": ("Net capital stock", "million 2000 yuan", "2.2"),
    "investment": ("Investment", "million current yuan", "2.1"),
    "ppi": ("Producer price index", "previous year = 100", "1.6"),
}

# Workbook 4: sheet → (variable of block 1, variable of the stacked block 2 or None).
WB4_SHEETS: dict[str, tuple[str, str | None]] = {
    "Nominal GO": ("go", "w_go"),
    "Nominal II": ("ii", "w_ii"),
    "Nominal VA": ("va", "w_va"),
    "g(GO)": ("g_go", None),
    "g(II)": ("g_ii", None),
    "g(VA)": ("g_va", None),
    "KC": ("kc", None),
    "g(K-input)": ("k_input", "g_k_input"),
    "g(K-stock)": ("k_stock", "g_k_stock"),
    "g(K-quality)": ("k_quality", None),
    "LC": ("lc", None),
    "g(L-input)": ("l_input", "g_l_input"),
    "g(Hours)": ("hours", "g_hours"),
    "g(L-quality)": ("l_quality", None),
    "Cg(II)": ("cg_ii", None),
    "Cg(K-stock)": ("cg_k_stock", None),
    "Cg(K-quality)": ("cg_k_quality", None),
    "Cg(Hours)": ("cg_hours", None),
    "Cg(L-quality)": ("cg_l_quality", None),
    "TFP(GO basis)": ("tfp_go", None),
    "Cv(K-stock)": ("cv_k_stock", None),
    "Cv(K-quality)": ("cv_k_quality", None),
    "Cv(hours)": ("cv_hours", None),
    "Cv(L-quality)": ("cv_l_quality", None),
    "TFP(VA basis)": ("tfp_va", None),
    "g(LP)": ("g_lp", None),
    "Cl(KL)": ("cl_kl", None),
    "Cl(L-quality)": ("cl_l_quality", None),
    "TFP(LP)": ("tfp_lp", None),
}

# Workbooks 1.2–3.3: (workbook, sheet or None for the first) → variable.
OTHER_SHEETS: dict[tuple[str, str | None], str] = {
    ("1.2", None): "va",
    ("1.3", None): "go",
    ("1.4", "Capital compensation"): "kc",
    ("1.4", "Labor compensation"): "lc",
    ("1.6", None): "ppi",
    ("2.1", None): "investment",
    ("2.2", None): "capital_stock",
    ("2.3", None): "k_input",
    ("3.1", None): "employment",
    ("3.2", None): "hours_worked",
    ("3.3", None): "l_input",
}

#: Variables stored from workbook 4 (the rest are checked, then dropped as redundant).
WB4_STORED: tuple[str, ...] = (
    *("go", "ii", "va", "kc", "lc", "g_go", "g_ii", "g_va"),
    *("k_input", "k_stock", "k_quality", "l_input", "hours", "l_quality"),
    *("cg_ii", "cg_k_stock", "cg_k_quality", "cg_hours", "cg_l_quality", "tfp_go"),
    *("cv_k_stock", "cv_k_quality", "cv_hours", "cv_l_quality", "tfp_va", "g_lp", "cl_kl"),
)

#: Variables of the panel shipped in ``cip4_industries``: the primitives pflab computes
#: from, CIP's own growth of value added and TFP for comparison, and employment. The
#: contributions ``cg_*``, ``cv_*``, ``g_lp`` and ``cl_kl`` follow from these exactly
#: (reproduced to 1e-15 by :mod:`pflab.accounting.industry`) and are left out to keep the
#: shipped file small; :func:`read_cip` returns every variable.
EMBEDDED_VARIABLES: tuple[str, ...] = (
    *("go", "ii", "va", "kc", "lc", "g_go", "g_ii", "g_va"),
    *("k_input", "k_stock", "k_quality", "l_input", "hours", "l_quality"),
    *("tfp_go", "tfp_va", "employment"),
)

_CITATION = (
    "Wu, Harry X. (2023), China Industrial Productivity (CIP) Database 4.0, Research "
    "Institute of Economy, Trade and Industry (RIETI); methods in Wu, H. X. and K. Ito "
    "(2015), 'Reconstructing China's Supply-Use and Input-Output Tables in Time Series', "
    "RIETI DP 15-E-004, and Wu, H. X. (2014), 'China's growth and productivity performance "
    "debate revisited', Conference Board EPWP 14-01."
)


def cip_source(note: str = "") -> Source:
    """The citation of CIP 4.0 (licence not verified: pflab ships derived series only)."""
    return Source(
        name="China Industrial Productivity database",
        version="4.0 (2023)",
        citation=_CITATION,
        url="https://www.rieti.go.jp/en/database/CIP2023/index.html",
        licence="not verified; pflab ships derived series with the citation, never the workbooks",
        note=note
        or "37 industries, 1987-2017; China's output adjusted by Wu (not the official GDP series).",
    )


@dataclass(frozen=True)
class CIPData:
    """CIP 4.0 as tidy frames.

    Attributes
    ----------
    industries
        Index ``code`` (1–37): ``acronym``, ``name``, ``euklems``, ``na_code`` and
        ``csic_published`` (workbook 5's "CSIC/2011" column as printed; it does not match
        GB/T 4754-2011, see ``docs/industry.md``).
    panel
        Index (``code``, ``year``): the :data:`CIP_VARIABLES`; growth rates and
        contributions are NaN in 1987 (the first year).
    total
        Index ``year``: workbook 4's ``Total`` row of each sheet (columns of
        :data:`WB4_STORED`).
    io
        Index (``year``, ``supplier``), one column per using industry (1–37): intermediate
        flows in million current yuan (workbook 1.1); column sums equal ``ii``.
    source
        The citation.
    path
        The folder read, or ``None`` for the embedded series.
    checks
        The identities checked when the workbooks were read, with the largest
        discrepancy of each (:func:`pflab.data.cip_validate.validate_cip`); for the
        embedded series, the tolerance each was checked against at build time.
    """

    industries: pd.DataFrame
    panel: pd.DataFrame
    total: pd.DataFrame
    io: pd.DataFrame
    source: Source
    path: str | None = None
    checks: Mapping[str, float] = field(default_factory=dict)

    @property
    def years(self) -> tuple[int, ...]:
        """The years of the panel (1987–2017)."""
        return tuple(int(y) for y in self.total.index)

    def wide(self, variable: str, *, total: bool = False) -> pd.DataFrame:
        """One variable as industries × years (with a ``"Total"`` row first if asked).

        Raises
        ------
        pflab.errors.LookupFailedError
            For a variable CIP does not have.
        """
        if variable not in self.panel.columns:
            raise LookupFailedError("CIP variable", variable, list(self.panel.columns))
        frame = pd.DataFrame(self.panel[variable].unstack("year"))
        if total:
            if variable not in self.total.columns:
                raise LookupFailedError(
                    "CIP Total-row variable", variable, [str(c) for c in self.total.columns]
                )
            row = self.total[variable].to_frame("Total").T
            frame = pd.concat([row, frame])
        return frame

    def io_matrix(self, year: int) -> pd.DataFrame:
        """Intermediate flows of one year: supplier rows × user columns (million yuan)."""
        if year not in self.io.index.get_level_values("year"):
            raise LookupFailedError("CIP input-output year", str(year), [str(self.years[0])])
        return pd.DataFrame(self.io.xs(year, level="year"))


def resolve_china(economy: str) -> str:
    """Check that ``economy`` means China (CIP covers China only); return ``"CHN"``.

    Raises
    ------
    pflab.errors.LookupFailedError
        For any other economy.
    """
    from pflab.data.countries import resolve_country

    try:
        return resolve_country(economy, {"CHN": "China"})
    except LookupFailedError:
        raise LookupFailedError("economy (CIP 4.0 covers China only)", economy, ["CHN"]) from None


def read_cip(folder: str | Path, *, validate: bool = True) -> CIPData:
    """Read the 13 CIP 4.0 workbooks of a folder.

    Parameters
    ----------
    folder
        The folder holding ``CIP_4.0_(2023)_1.1.xlsx`` … ``CIP_4.0_(2023)_5.xlsx`` as
        published.
    validate
        Check the workbooks' identities (:func:`pflab.data.cip_validate.validate_cip`):
        contributions plus TFP add up to output growth on both bases, growth rates equal
        the log differences of the indices, weights equal two-period average shares,
        Total rows equal sums, and the separate workbooks equal workbook 4.

    Raises
    ------
    pflab.errors.DataNotFoundError
        If a workbook is missing (the message lists which).
    pflab.errors.DataFormatError
        If a sheet is not in the published layout (naming workbook, sheet, row, column).
    pflab.errors.DataValidationError
        If an identity fails beyond 1e-12 (naming the industry and year).
    """
    root = Path(folder)
    missing = [name for name in CIP_FILES.values() if not (root / name).is_file()]
    if missing:
        raise DataNotFoundError(f"{root}: CIP 4.0 workbooks not found: {', '.join(missing)}")
    industries = read_classification(root / CIP_FILES["5"])
    wb4 = root / CIP_FILES["4"]
    panel: dict[str, pd.DataFrame] = {}
    totals: dict[str, pd.Series] = {}
    for sheet, (first, second) in WB4_SHEETS.items():
        growth = first.startswith(("g_", "cg_", "cv_", "cl_", "tfp_"))
        read = read_sheet(wb4, sheet, total=True, blocks=2 if second else 1, growth=growth)
        if list(read.labels) != list(industries["acronym"]):
            raise DataFormatError(
                f"industry labels {read.labels[:3]}… differ from workbook 5's acronyms",
                path=f"{wb4.name}, sheet {sheet!r}",
            )
        panel[first] = read.blocks[0]
        totals[first] = read.totals[0]  # type: ignore[assignment]
        if second:
            panel[second] = read.blocks[1]
            totals[second] = read.totals[1]  # type: ignore[assignment]
    separate: dict[str, pd.DataFrame] = {}
    for (number, other_sheet), variable in OTHER_SHEETS.items():
        read = read_sheet(root / CIP_FILES[number], other_sheet, total=False)
        if variable in panel:  # a second print of a workbook-4 series, checked equal
            separate[f"{number}:{variable}"] = read.blocks[0]
        else:
            panel[variable] = read.blocks[0]
    io = read_io_tables(root / CIP_FILES["1.1"])
    data = _assemble(industries, panel, totals, io, path=str(root))
    if validate:
        from pflab.data.cip_validate import validate_cip

        data = replace(data, checks=validate_cip(data, panel, totals, separate))
    return data


def _long(panel: dict[str, pd.DataFrame], variables: Sequence[str]) -> pd.DataFrame:
    columns = {v: panel[v].stack(future_stack=True) for v in variables}
    frame = pd.DataFrame(columns)
    frame.index = frame.index.set_names(["code", "year"])
    return frame.sort_index()


def _assemble(
    industries: pd.DataFrame,
    panel: dict[str, pd.DataFrame],
    totals: dict[str, pd.Series],
    io: pd.DataFrame,
    *,
    path: str | None,
) -> CIPData:
    stored = [v for v in CIP_VARIABLES if v in panel]
    total = pd.DataFrame({v: totals[v] for v in WB4_STORED})
    total.index = pd.Index([int(y) for y in total.index], name="year")
    return CIPData(
        industries=industries,
        panel=_long(panel, stored),
        total=total.sort_index(),
        io=io,
        source=cip_source(),
        path=path,
    )


# -- the embedded series -------------------------------------------------------------------

#: Stems of the embedded CIP datasets.
CIP_STEMS = ("cip4_industries", "cip4_total", "cip4_io")


def load_cip() -> CIPData:
    """CIP 4.0 from the compact series pflab ships (no workbook needed).

    Returns a fresh copy each call. Built from the workbooks by
    ``python -m pflab.build --only cip`` after every identity was checked.
    """
    cached = _load_cip()
    return CIPData(
        industries=cached.industries.copy(),
        panel=cached.panel.copy(),
        total=cached.total.copy(),
        io=cached.io.copy(),
        source=cached.source,
        path=None,
        checks=dict(cached.checks),
    )


@cache
def _load_cip() -> CIPData:
    meta = read_sidecar("cip4_industries")
    industries = pd.DataFrame.from_records(meta["industries"]).set_index("code")[
        ["acronym", "name", "euklems", "na_code", "csic_published"]
    ]
    industries.index = industries.index.astype("int64")
    panel = read_embedded("cip4_industries")
    panel["code"] = panel["code"].astype("int64")
    panel["year"] = panel["year"].astype("int64")
    panel = panel.set_index(["code", "year"]).astype("float64")
    total = read_embedded("cip4_total")
    total["year"] = total["year"].astype("int64")
    total = total.set_index("year").astype("float64")
    io = read_embedded("cip4_io")
    io["year"] = io["year"].astype("int64")
    io["supplier"] = io["supplier"].astype("int64")
    io = io.set_index(["year", "supplier"]).astype("float64")
    io.columns = pd.Index([int(c) for c in io.columns], name="user")
    return CIPData(
        industries=industries,
        panel=panel,
        total=total,
        io=io,
        source=Source.from_dict(meta["source"]),
        path=None,
        checks={
            str(name): float(meta["identities"]["tolerance"])
            for name in meta["identities"]["checked"]
        },
    )
