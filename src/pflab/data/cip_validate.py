"""The identities CIP 4.0's workbooks must satisfy, checked when they are read.

Each check compares two ways of getting the same number from the workbooks as published
and raises :class:`pflab.errors.DataValidationError` naming the sheet, the industry (or
``Total``) and the year of the largest discrepancy when it exceeds the tolerance
(:data:`TOLERANCE`, absolute for growth rates and shares, relative for values in yuan):

- gross-output basis: ``g(GO) − Cg(II) − Cg(K-stock) − Cg(K-quality) − Cg(Hours) −
  Cg(L-quality) = TFP(GO basis)``;
- value-added basis: ``g(VA) − Cv(K-stock) − Cv(K-quality) − Cv(hours) − Cv(L-quality)
  = TFP(VA basis)``;
- labour productivity: ``g(LP) = Cl(KL) + Cl(L-quality) + TFP(LP)``, with ``Cl(L-quality)``
  and ``TFP(LP)`` equal to their value-added twins as the sheet titles say;
- the stacked blocks: growth rates equal the log differences of the indices, and the
  "two-period average industry weights" equal ½(sᵢ,ₜ + sᵢ,ₜ₋₁) of the nominal shares;
- nominal accounts: ``Total`` rows equal the sums of the industries, ``VA = GO − II`` and
  ``KC + LC = VA``;
- the separate workbooks (1.2, 1.3, 1.4, 2.3, 3.3) equal workbook 4, hours growth from
  workbook 3.2 equals ``g(Hours)``, and the input–output tables' column sums (1.1) equal
  intermediate input.

Two comparisons are *not* identities and are left unchecked (``docs/industry.md``): the
growth of the net capital stock in 2.2 (million 2000 yuan) differs from ``g(K-stock)`` by
up to 5 percentage points (the index aggregates asset types with rental weights), and the
producer price index of 1.6 deflates gross output for 33 industries but not for CIP 29–32
(transport, information services, finance, real estate).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pflab.errors import DataValidationError

if TYPE_CHECKING:
    from pflab.data.cip import CIPData

__all__ = ["TOLERANCE", "check_close", "validate_cip"]

#: Largest discrepancy accepted by every identity.
TOLERANCE = 1e-12


def check_close(
    got: pd.DataFrame,
    expected: pd.DataFrame,
    what: str,
    where: str,
    *,
    relative: bool = False,
    tol: float = TOLERANCE,
) -> float:
    """Raise if two rows × years frames differ by more than ``tol`` anywhere.

    Cells missing in both frames are skipped; a cell missing in only one is an error.

    Returns
    -------
    float
        The largest discrepancy found (absolute, or relative to ``expected``).
    """
    a, b = got.align(expected, join="outer")
    missing = a.isna() ^ b.isna()
    if missing.to_numpy().any():
        row, col = next(zip(*np.nonzero(missing.to_numpy()), strict=True))
        raise DataValidationError(
            f"{what}: value missing on one side only",
            path=where,
            row=str(a.index[row]),
            column=str(a.columns[col]),
        )
    diff = (a - b).abs()
    if relative:
        diff = diff / b.abs()
    values = diff.to_numpy(dtype="float64")
    if not np.isfinite(values).any():
        return 0.0
    worst = float(np.nanmax(values))
    if worst > tol:
        row, col = (int(k) for k in np.unravel_index(int(np.nanargmax(values)), values.shape))
        kind = "relative" if relative else "absolute"
        raise DataValidationError(
            f"{what} fails by {worst:.3g} ({kind}; tolerance {tol:g}): "
            f"{float(a.to_numpy(dtype='float64')[row, col])!r} against "
            f"{float(b.to_numpy(dtype='float64')[row, col])!r}",
            path=where,
            row=f"CIP {a.index[row]}",
            column=str(a.columns[col]),
        )
    return worst


def _with_total(
    panel: Mapping[str, pd.DataFrame], totals: Mapping[str, pd.Series], v: str
) -> pd.DataFrame:
    frame = panel[v].copy()
    frame.loc["Total"] = totals[v]
    return frame


def _dlog(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(np.log(frame)).diff(axis=1)


def _two_period(share: pd.DataFrame) -> pd.DataFrame:
    return 0.5 * (share + share.shift(1, axis=1))


def validate_cip(
    data: CIPData,
    panel: Mapping[str, pd.DataFrame],
    totals: Mapping[str, pd.Series],
    separate: Mapping[str, pd.DataFrame],
) -> dict[str, float]:
    """Check every identity of the workbooks (see the module docstring).

    Parameters
    ----------
    data
        The assembled data (for the input–output tables).
    panel
        Every sheet block of workbook 4 and the other workbooks as industries × years,
        by variable (including the redundant ones :func:`pflab.data.read_cip` drops).
    totals
        Workbook 4's ``Total`` row of each variable.
    separate
        Second prints of workbook-4 series from the other workbooks, keyed
        ``"<workbook>:<variable>"``.

    Returns
    -------
    dict
        The largest discrepancy of each check, by name.
    """
    book = "CIP_4.0_(2023)_4.xlsx"

    def full(v: str) -> pd.DataFrame:
        return _with_total(panel, totals, v)

    found: dict[str, float] = {}
    go_parts = ["cg_ii", "cg_k_stock", "cg_k_quality", "cg_hours", "cg_l_quality"]
    va_parts = ["cv_k_stock", "cv_k_quality", "cv_hours", "cv_l_quality"]
    found["TFP(GO basis)"] = check_close(
        full("g_go") - sum(full(v) for v in go_parts),
        full("tfp_go"),
        "g(GO) − ΣCg(·) = TFP(GO basis)",
        f"{book}, sheet 'TFP(GO basis)'",
    )
    found["TFP(VA basis)"] = check_close(
        full("g_va") - sum(full(v) for v in va_parts),
        full("tfp_va"),
        "g(VA) − ΣCv(·) = TFP(VA basis)",
        f"{book}, sheet 'TFP(VA basis)'",
    )
    found["TFP(LP)"] = check_close(
        full("g_lp") - full("cl_kl") - full("cl_l_quality"),
        full("tfp_lp"),
        "g(LP) − Cl(KL) − Cl(L-quality) = TFP(LP)",
        f"{book}, sheet 'TFP(LP)'",
    )
    found["Cl(L-quality)"] = check_close(
        full("cl_l_quality"), full("cv_l_quality"), "Cl(L-quality) = Cv(L-quality)", book
    )
    found["TFP(LP) = TFP(VA)"] = check_close(
        full("tfp_lp"), full("tfp_va"), "TFP(LP) = TFP(VA basis)", book
    )
    for index, growth, sheet in (
        ("k_input", "g_k_input", "g(K-input)"),
        ("k_stock", "g_k_stock", "g(K-stock)"),
        ("l_input", "g_l_input", "g(L-input)"),
        ("hours", "g_hours", "g(Hours)"),
    ):
        found[sheet] = check_close(
            _dlog(full(index)),
            full(growth),
            "growth rate = log difference of the index",
            f"{book}, sheet {sheet!r}",
        )
    for value, weight, sheet in (
        ("go", "w_go", "Nominal GO"),
        ("ii", "w_ii", "Nominal II"),
        ("va", "w_va", "Nominal VA"),
    ):
        share = panel[value] / totals[value]
        found[f"{sheet} weights"] = check_close(
            _two_period(share),
            panel[weight],
            "two-period average industry weight = ½(sₜ + sₜ₋₁)",
            f"{book}, sheet {sheet!r}",
        )
    for value, sheet in (("go", "Nominal GO"), ("ii", "Nominal II"), ("va", "Nominal VA"),
                         ("kc", "KC"), ("lc", "LC")):  # fmt: skip
        summed = panel[value].sum().to_frame("Total").T
        found[f"{sheet} Total"] = check_close(
            summed,
            totals[value].to_frame("Total").T,
            "Total row = sum of the industries",
            f"{book}, sheet {sheet!r}",
            relative=True,
        )
    found["VA = GO − II"] = check_close(
        full("go") - full("ii"), full("va"), "VA = GO − II", f"{book}, sheet 'Nominal VA'",
        relative=True,
    )  # fmt: skip
    found["KC + LC = VA"] = check_close(
        full("kc") + full("lc"), full("va"), "KC + LC = VA", f"{book}, sheets 'KC', 'LC'",
        relative=True,
    )  # fmt: skip
    for key, frame in separate.items():
        number, variable = key.split(":")
        found[f"{number} {variable} = 4"] = check_close(
            frame,
            panel[variable],
            f"workbook {number} equals workbook 4's {variable}",
            f"CIP_4.0_(2023)_{number}.xlsx",
            relative=True,
        )
    found["3.2 hours growth"] = check_close(
        _dlog(panel["hours_worked"]),
        panel["g_hours"],
        "growth of hours worked (3.2) = g(Hours) (4)",
        "CIP_4.0_(2023)_3.2.xlsx",
    )
    user_sums = data.io.groupby(level="year").sum().T
    user_sums.index.name = "code"
    found["1.1 column sums"] = check_close(
        user_sums,
        panel["ii"],
        "input-output column sum = intermediate input",
        "CIP_4.0_(2023)_1.1.xlsx",
        relative=True,
    )
    for variable in ("go", "ii", "va", "kc", "lc", "k_input", "k_stock", "l_input", "hours"):
        frame = full(variable)
        if (frame <= 0).to_numpy().any():
            row, col = next(zip(*np.nonzero((frame <= 0).to_numpy()), strict=True))
            raise DataValidationError(
                f"{variable} must be positive, found {frame.iat[row, col]!r}",
                path=book,
                row=f"CIP {frame.index[row]}",
                column=str(frame.columns[col]),
            )
    return found
