"""Törnqvist growth accounting on a Penn World Table panel.

For each growth interval ``t−1 → t`` (labelled by the end year ``t``):

.. math::

    \\Delta\\ln Y_t = (1-\\bar\\alpha_t)\\,\\Delta\\ln K_t
        + \\bar\\alpha_t(\\Delta\\ln E_t + \\Delta\\ln H_t + \\Delta\\ln h_t)
        + \\Delta\\ln A_t,
    \\qquad \\bar\\alpha_t = \\tfrac12(\\text{labsh}_t + \\text{labsh}_{t-1})

with ``Y`` = ``rgdpna``, ``K`` = ``rkna`` (or ``rnna``), ``E`` = ``emp``, ``H`` = ``avh``,
``h`` = ``hc``. With capital services, hours where PWT has them and ``hc``, this is the
construction of PWT's own ``rtfpna`` (Feenstra, Inklaar and Timmer 2015), which
:func:`growth_accounting` reproduces to float32 precision for every economy with hours
data (see ``docs/accounting.md`` for the economies without hours).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pflab.accounting.methods import Method, get_method
from pflab.accounting.results import GrowthAccounting, annual_notes
from pflab.accounting.vintages import vintage_notes
from pflab.data.embedded import load_pwt
from pflab.data.pwt import PWTData
from pflab.errors import DataError
from pflab.provenance import Provenance

__all__ = ["COMPONENTS", "decompose", "growth_accounting"]

#: Contribution columns, in the order they add up to ``gdp``.
COMPONENTS = ("capital", "employment", "hours", "human_capital", "tfp")

_COLUMNS = {
    "gdp": "growth of real GDP (rgdpna), percent (100 × log difference)",
    "capital": "contribution of capital, percent",
    "employment": "contribution of persons engaged, percent",
    "hours": "contribution of average hours (0 where hours are missing), percent",
    "human_capital": "contribution of human capital, percent",
    "tfp": "TFP growth (the residual), percent",
    "labour_share": "Törnqvist labour-share weight ᾱ (or 1 − the fixed capital share)",
    "hours_observed": "whether hours growth was observed in this year",
    "rtfpna": "growth of PWT's own TFP index rtfpna, percent",
}


def decompose(rows: pd.DataFrame, method: Method) -> pd.DataFrame:
    """Decompose annual output growth of one economy.

    Parameters
    ----------
    rows
        One economy's PWT rows indexed by year, with ``rgdpna``, ``emp``, ``hc``,
        ``labsh``, the capital variable of ``method`` and optionally ``avh`` and
        ``rtfpna``.
    method
        The growth-accounting choices.

    Returns
    -------
    pandas.DataFrame
        Indexed by end year; ``gdp`` and the :data:`COMPONENTS` as log differences
        (fractions, not percent), plus ``labour_share`` (the weight used),
        ``hours_observed`` and ``rtfpna`` (Δln of PWT's own index, NaN where absent).
        Intervals with a missing input are dropped; ``gdp`` equals the sum of the
        components exactly.
    """
    rows = rows.sort_index()
    years = rows.index.to_numpy()
    consecutive = np.r_[False, np.diff(years) == 1]

    def dlog(column: str) -> np.ndarray:
        values = np.log(rows[column].to_numpy(dtype="float64"))
        out = np.full(values.shape, np.nan)
        out[1:] = np.diff(values)
        out[~consecutive] = np.nan
        return out

    capital_column = method.capital_variable
    if method.capital_share is None:
        labsh = rows["labsh"].to_numpy(dtype="float64")
        alpha = np.full(labsh.shape, np.nan)
        alpha[1:] = 0.5 * (labsh[1:] + labsh[:-1])
    else:
        alpha = np.full(len(rows), 1.0 - float(method.capital_share))

    d_gdp = dlog("rgdpna")
    d_capital = dlog(capital_column)
    d_emp = dlog("emp")
    d_hc = dlog("hc") if method.human_capital else np.zeros(len(rows))
    d_avh = dlog("avh") if "avh" in rows.columns else np.full(len(rows), np.nan)
    hours_observed = np.isfinite(d_avh)
    d_hours = np.where(hours_observed & method.hours, d_avh, 0.0)

    frame = pd.DataFrame(
        {
            "gdp": d_gdp,
            "capital": (1.0 - alpha) * d_capital,
            "employment": alpha * d_emp,
            "hours": alpha * d_hours,
            "human_capital": alpha * d_hc,
            "labour_share": alpha,
            "hours_observed": hours_observed,
            "rtfpna": dlog("rtfpna") if "rtfpna" in rows.columns else np.nan,
        },
        index=pd.Index(years, name="year"),
    )
    needed = ["gdp", "capital", "employment", "human_capital", "labour_share"]
    frame = frame.dropna(subset=needed)
    frame["tfp"] = frame["gdp"] - frame[["capital", "employment", "hours", "human_capital"]].sum(
        axis=1
    )
    return frame[["gdp", *COMPONENTS, "labour_share", "hours_observed", "rtfpna"]]


def growth_accounting(
    economy: str,
    *,
    method: str | Method = "pwt",
    vintage: str = "11.0",
    data: PWTData | None = None,
    **overrides: object,
) -> GrowthAccounting:
    """Measure TFP growth of one economy by growth accounting.

    Parameters
    ----------
    economy
        ISO code, name or alias (``"CHN"``, ``"China"``, ``"PRC"``).
    method
        A preset name (see :data:`pflab.accounting.METHODS`) or a :class:`Method`.
    vintage
        Embedded PWT vintage, ``"11.0"`` or ``"10.01"``; ignored when ``data`` is given.
    data
        A PWT table read with :func:`pflab.data.read_pwt` (e.g. a newer release).
    **overrides
        Method settings, e.g. ``capital="stock"``, ``capital_share=0.35``,
        ``hours=False``, ``human_capital=False``.

    Returns
    -------
    GrowthAccounting
        Annual decomposition with its method and provenance; ``.eras()`` averages it.

    Raises
    ------
    pflab.errors.LookupFailedError
        For an unknown economy.
    pflab.errors.DataError
        If the economy has no year with every input present.

    Examples
    --------
    >>> from pflab.accounting import growth_accounting
    >>> result = growth_accounting("China")
    >>> table = result.eras("1979-2007,2008-2017")
    """
    chosen = get_method(method, **overrides)
    pwt = data if data is not None else load_pwt(vintage)
    code = pwt.resolve(economy)
    rows = pwt.economy(code)
    needed = ["rgdpna", chosen.capital_variable, "emp", "labsh", "hc"]
    annual = decompose(rows, chosen)
    if annual.empty:
        have = {c: int(rows[c].notna().sum()) for c in needed}
        raise DataError(
            f"{code} has no year with every input of method {chosen.name!r} "
            f"({chosen.label}); non-missing years per input: {have}",
            path=pwt.path or f"embedded PWT {pwt.version}",
        )
    provenance = Provenance(
        method=chosen.name,
        sources=(pwt.source,),
        parameters={**chosen.to_dict(), "vintage": pwt.version},
        description=chosen.describe(),
    )
    country = pwt.economies[code]
    return GrowthAccounting(
        title=f"Growth accounting of {country}, percent per year "
        f"(method {chosen.name}, {pwt.source.label})",
        provenance=provenance,
        notes=annual_notes(provenance, carried=vintage_notes(code)),
        columns=_COLUMNS,
        economy=code,
        country=country,
        annual=annual,
        method=chosen,
        vintage=pwt.version,
    )
