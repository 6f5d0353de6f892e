"""Do suppliers' productivity gains spill over to their users? A panel test on CIP 4.0.

For each industry ``i`` outside a supplier group ``G`` (default: ICT producing) and growth
year ``t``, the exposure to the group's TFP growth ``L`` years earlier is

.. math::

    x^G_{i,t} = \\sum_{j \\in G,\\, j \\ne i} a_{ji,t-L-1}\\, TFP^{GO}_{j,t-L},
    \\qquad a_{ji,\\tau} = \\frac{Z_{ji,\\tau}}{\\sum_{k \\ne i} Z_{ki,\\tau}}

with ``Z`` CIP's input–output flows (workbook 1.1; supplier ``j`` to user ``i``), so
``a`` is the share of ``j`` in ``i``'s purchased intermediate inputs, taken from the
table of the year before the suppliers' growth (predetermined). ``x^O`` is the same sum
over all other suppliers. The estimated equation, with industry and year effects, is

.. math::

    TFP^{GO}_{i,t} = \\alpha_i + \\lambda_t + \\beta_G x^G_{i,t} + \\beta_O x^O_{i,t}
        + \\varepsilon_{i,t}

by :class:`linearmodels.panel.PanelOLS` with standard errors clustered by industry. The
exposure to ICT suppliers is concentrated in a few industries, and with 35 clusters the
clustered (CR1) errors then understate the uncertainty: in a simulation on this design
(``scripts/spillover_coverage.py``, 200 draws) a nominal 95 % interval covered the planted
β in 87 % of draws. The reported interval therefore uses the leave-one-industry-out
jackknife (CR3; each fit by :class:`statsmodels.regression.linear_model.OLS` with
industry and year dummies, which gives PanelOLS's coefficients) with Student's t on
(clusters − 1) degrees of freedom (Cameron and Miller 2015; MacKinnon, Nielsen and Webb
2023), which covered it in 94.5 %; the clustered interval is reported beside it.

Gross-output TFP is used on both sides: cheaper or better inputs from a
more productive supplier raise the user's measured *intermediate input*, which Hulten's
theorem already counts, not its gross-output TFP; a positive ``β_G`` is evidence of
something beyond that price channel (knowledge, or mismeasured input quality).

A 1 pp rise in every group member's TFP growth raises ``x^G_i`` by ``s_i``, the group's
share in ``i``'s intermediate inputs, so the implied response of the average downstream
industry is ``β_G · s̄`` with ``s̄`` the value-added-weighted mean share; its interval is
the coefficient's interval times ``s̄``. A placebo with the suppliers' growth one year
*ahead* of the user's should find nothing if the lagged estimate is a spillover rather
than a common shock. ``docs/industry.md`` lists what this design cannot rule out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pflab.accounting.industry import (
    INDUSTRY_GROUPS,
    cip_provenance,
    code_ranges,
    get_group,
    industry_accounts,
    industry_labels,
)
from pflab.data.cip import CIP_CODES, CIPData, load_cip
from pflab.errors import ModelError, ParameterError
from pflab.result import Column, Result, View

__all__ = ["SpilloverTest", "spillovers", "supplier_exposure"]


def supplier_exposure(
    cip: CIPData, tfp: pd.DataFrame, codes: tuple[int, ...], *, shift: int
) -> pd.DataFrame:
    """Input-share-weighted TFP growth of suppliers in and outside a group.

    Parameters
    ----------
    cip
        CIP 4.0 (for the input–output tables).
    tfp
        Industries × years of supplier TFP growth (fractions).
    codes
        The supplier group.
    shift
        Years between the suppliers' growth and the user's: ``1`` uses suppliers' growth
        of ``t−1`` for the user's year ``t``; ``−1`` uses ``t+1`` (the placebo).
        Weights come from the table of the year before the suppliers' growth.

    Returns
    -------
    pandas.DataFrame
        Index (``code``, ``year``): ``supplier_group``, ``supplier_other`` (fractions)
        and ``share_group`` (the group's share in the user's purchased intermediate
        inputs, own purchases excluded).
    """
    in_group = np.isin(np.array(CIP_CODES), codes)
    years = [int(y) for y in tfp.columns]
    io_years = set(cip.io.index.get_level_values("year"))
    records = []
    for year in years:
        source_year = year - shift
        weight_year = source_year - 1
        if source_year not in tfp.columns or weight_year not in io_years:
            continue
        flows = cip.io_matrix(weight_year).loc[list(CIP_CODES), list(CIP_CODES)].to_numpy()
        flows = flows.copy()
        np.fill_diagonal(flows, 0.0)
        purchased = flows.sum(axis=0)
        if (purchased <= 0).any():
            bad = [CIP_CODES[k] for k in np.nonzero(purchased <= 0)[0]]
            raise ModelError(f"CIP industries {bad} buy no intermediate input in {weight_year}")
        shares = flows / purchased  # a[j, i]
        growth = tfp[source_year].reindex(list(CIP_CODES)).to_numpy()
        group_part = (shares * (in_group * growth)[:, None]).sum(axis=0)
        other_part = (shares * (~in_group * growth)[:, None]).sum(axis=0)
        share = (shares * in_group[:, None]).sum(axis=0)
        for k, code in enumerate(CIP_CODES):
            records.append((code, year, group_part[k], other_part[k], share[k]))
    frame = pd.DataFrame.from_records(
        records, columns=["code", "year", "supplier_group", "supplier_other", "share_group"]
    )
    return frame.set_index(["code", "year"])


@dataclass(frozen=True)
class PanelFit:
    """Coefficients with clustered (CR1) and jackknife (CR3) standard errors."""

    coef: pd.Series
    se: pd.Series
    jackknife_se: pd.Series
    nobs: int
    clusters: int


def _jackknife_se(panel: pd.DataFrame, regressors: list[str]) -> tuple[pd.Series, int]:
    """Leave-one-industry-out jackknife (CR3) standard errors of the two-way FE model.

    Each fit is :class:`statsmodels.regression.linear_model.OLS` on a constant, the
    regressors, and industry and year dummies (one of each left out), which gives the
    same coefficients as PanelOLS's two-way within estimator.
    """
    import statsmodels.api as sm

    codes = panel.index.get_level_values(0).to_numpy()
    years = panel.index.get_level_values(1).to_numpy()
    clusters = list(dict.fromkeys(codes))
    industry = (codes[:, None] == np.array(clusters)[None, :]).astype("float64")
    year_dummies = (years[:, None] == np.unique(years)[None, 1:]).astype("float64")
    base = np.column_stack([np.ones(len(panel)), panel[regressors].to_numpy("float64")])
    y = panel["own"].to_numpy(dtype="float64")
    k = len(regressors)
    estimates = []
    for g, code in enumerate(clusters):
        keep = codes != code
        others = [j for j in range(len(clusters)) if j != g][1:]  # one industry as base
        x = np.column_stack([base, industry[:, others], year_dummies])[keep]
        estimates.append(sm.OLS(y[keep], x).fit().params[1 : 1 + k])
    jack = np.array(estimates)
    n = len(clusters)
    variance = (n - 1) / n * ((jack - jack.mean(axis=0)) ** 2).sum(axis=0)
    return pd.Series(np.sqrt(variance), index=regressors), n


def fit_panel(panel: pd.DataFrame, regressors: list[str]) -> PanelFit:
    """PanelOLS with clustered errors, and the leave-one-industry-out jackknife.

    Parameters
    ----------
    panel
        Index (industry, year); the dependent variable ``own`` and the regressors.
    regressors
        Columns of ``panel`` to use.
    """
    from linearmodels.panel import PanelOLS
    from threadpoolctl import threadpool_limits

    # ~1,000 × 66 problems: a multithreaded BLAS only adds overhead here, and on a busy
    # machine it made the 35 jackknife fits some 40 times slower than one thread
    with threadpool_limits(limits=1, user_api="blas"):
        model = PanelOLS(panel["own"], panel[regressors], entity_effects=True, time_effects=True)
        result = model.fit(cov_type="clustered", cluster_entity=True)
        jackknife, clusters = _jackknife_se(panel, regressors)
    return PanelFit(result.params, result.std_errors, jackknife, int(result.nobs), clusters)


def _partial_residuals(panel: pd.DataFrame) -> pd.DataFrame:
    """Frisch-Waugh-Lovell: own and group exposure net of effects and other suppliers."""
    from linearmodels.panel import PanelOLS
    from threadpoolctl import threadpool_limits

    out = {}
    with threadpool_limits(limits=1, user_api="blas"):
        for column in ("own", "supplier_group"):
            fit = PanelOLS(
                panel[column], panel[["supplier_other"]], entity_effects=True, time_effects=True
            ).fit()
            out[column] = fit.resids
    return pd.DataFrame({"own_partial": out["own"], "supplier_partial": out["supplier_group"]})


_COLUMNS = {
    "supplier_group": "industry group whose TFP growth is the candidate source",
    "effect": "response of the average downstream industry's TFP growth to 1 pp faster "
    "TFP growth in every industry of the group, pp",
    "ci_low": "lower end of the confidence interval (leave-one-industry-out jackknife, "
    "Student's t with clusters − 1 degrees of freedom); pp in the estimate table, units of "
    "β in the models table",
    "ci_high": "upper end of the same interval",
    "coefficient": "β: TFP growth response to input-share-weighted supplier TFP growth",
    "std_error": "standard error clustered by industry (CR1, linearmodels)",
    "ci_low_clustered": "lower end of the interval from the clustered standard error",
    "ci_high_clustered": "upper end of the interval from the clustered standard error",
    "jackknife_se": "leave-one-industry-out jackknife standard error (CR3)",
    "p_value": "two-sided p-value from the jackknife standard error, Student's t with "
    "clusters − 1 degrees of freedom",
    "mean_share": "value-added-weighted mean share of the group in downstream industries' "
    "purchased intermediate inputs",
    "observations": "industry-years in the regression",
    "industries": "downstream industries (clusters)",
    "years": "growth years of the users",
    "statement": "the estimate in words",
    "model": "lagged (suppliers' growth one year before the user's) or placebo (one year after)",
    "term": "regressor",
    "code": "CIP industry code",
    "acronym": "CIP acronym",
    "year": "user's growth year",
    "own": "industry's own TFP growth (gross-output basis), percent",
    "supplier_other": "input-share-weighted TFP growth of other suppliers, percent",
    "share_group": "the group's share in the industry's purchased intermediate inputs",
    "own_partial": "own TFP growth net of industry and year effects and other suppliers, percent",
    "supplier_partial": "group-supplier exposure net of the same, percent",
}


@dataclass(frozen=True, kw_only=True)
class SpilloverTest(Result):
    """The spillover estimate, its models and the panel behind it.

    Attributes
    ----------
    estimate
        One row: the group, the implied downstream effect with its 95 % interval, the
        coefficient and the statement in words.
    models
        Coefficients of the lagged model and the placebo, with standard errors and
        intervals.
    panel
        Industry × year: own TFP growth, exposures and partial residuals (percent).
    """

    estimate: pd.DataFrame
    models: pd.DataFrame
    panel: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``estimate``, ``models`` and ``panel``."""
        return {
            "estimate": self.estimate.copy(),
            "models": self.models.copy(),
            "panel": self.panel.copy(),
        }

    def views(self) -> list[View]:
        """The estimate in words and numbers, then the regression coefficients."""
        return [
            View(
                "estimate",
                [
                    Column("supplier_group", "Suppliers"),
                    Column("effect", "Downstream pp", "+.3f"),
                    Column("ci_low", "95% CI low", "+.3f"),
                    Column("ci_high", "95% CI high", "+.3f"),
                    Column("coefficient", "β", "+.3f"),
                    Column("p_value", "p", ".2f"),
                    Column("mean_share", "Input share", ".3f"),
                    Column("observations", "N", "d"),
                ],
            ),
            View(
                "models",
                [
                    Column("model", "Model"),
                    Column("term", "Regressor"),
                    Column("coefficient", "β", "+.3f"),
                    Column("std_error", "s.e. (CR1)", ".3f"),
                    Column("jackknife_se", "s.e. (jackknife)", ".3f"),
                    Column("ci_low", "CI low", "+.3f"),
                    Column("ci_high", "CI high", "+.3f"),
                    Column("p_value", "p", ".2f"),
                ],
                title="Panel regressions with industry and year effects; intervals from the "
                "leave-one-industry-out jackknife",
            ),
        ]

    @property
    def statement(self) -> str:
        """The estimate in one sentence."""
        return str(self.estimate["statement"].iloc[0])


def spillovers(
    economy: str = "CHN",
    *,
    group: str = "ict",
    lag: int = 1,
    data: CIPData | None = None,
    level: float = 0.95,
) -> SpilloverTest:
    """Test whether an industry's TFP growth rises with its suppliers' (CIP 4.0, China).

    Parameters
    ----------
    economy
        Must be China (``"CHN"``, ``"China"``): CIP covers China only.
    group
        The supplier group (a key of :data:`pflab.accounting.INDUSTRY_GROUPS`, default
        ``"ict"``); the regression sample is every industry outside it.
    lag
        Years between the suppliers' TFP growth and the user's (1-3).
    data
        CIP 4.0 as read by :func:`pflab.data.cip.read_cip` (default: the embedded series).
    level
        Confidence level of the intervals.

    Returns
    -------
    SpilloverTest

    Raises
    ------
    pflab.errors.ParameterError
        For an unknown group, a lag outside 1-3 or a level outside (0, 1).
    pflab.errors.LookupFailedError
        For an economy other than China.
    """
    from scipy import stats

    from pflab.data.cip import resolve_china

    resolve_china(economy)
    chosen = get_group(group)
    if not 1 <= int(lag) <= 3:
        raise ParameterError("lag", f"{lag!r}; expected 1, 2 or 3 years")
    if not 0.5 <= level < 1:
        raise ParameterError("level", f"{level!r}; expected a confidence level such as 0.95")
    cip = data if data is not None else load_cip()
    annual = industry_accounts(cip)
    tfp = annual["tfp_go"].unstack("year")
    downstream = [c for c in CIP_CODES if c not in chosen.codes]

    def panel_for(shift: int) -> pd.DataFrame:
        exposure = supplier_exposure(cip, tfp, chosen.codes, shift=shift)
        joined = exposure.join(annual["tfp_go"].rename("own"), how="inner")
        return joined.loc[joined.index.get_level_values("code").isin(downstream)].dropna()

    lagged = panel_for(int(lag))
    placebo = panel_for(-1)
    regressors = ["supplier_group", "supplier_other"]
    fits = {
        "lagged": fit_panel(lagged, regressors),
        "placebo (suppliers one year ahead)": fit_panel(placebo, regressors),
    }
    rows = []
    for name, fit in fits.items():
        crit = float(stats.t.ppf(0.5 + level / 2, fit.clusters - 1))
        for term in regressors:
            label = f"{chosen.label} suppliers" if term == "supplier_group" else "other suppliers"
            coef, se, jse = (
                float(fit.coef[term]),
                float(fit.se[term]),
                float(fit.jackknife_se[term]),
            )
            rows.append(
                {
                    "model": name,
                    "term": label,
                    "coefficient": coef,
                    "std_error": se,
                    "ci_low_clustered": coef - crit * se,
                    "ci_high_clustered": coef + crit * se,
                    "jackknife_se": jse,
                    "ci_low": coef - crit * jse,
                    "ci_high": coef + crit * jse,
                    "p_value": float(2 * stats.t.sf(abs(coef / jse), fit.clusters - 1)),
                    "observations": fit.nobs,
                    "industries": fit.clusters,
                }
            )
    models = pd.DataFrame(rows)
    main = models.iloc[0]
    va = cip.wide("va").loc[downstream]
    years = sorted(set(lagged.index.get_level_values("year")))
    share = lagged["share_group"].unstack("year")[years]
    weights = va[years] / va[years].sum()
    mean_share = float((share * weights).sum().mean())
    effect = float(main["coefficient"]) * mean_share
    low, high = float(main["ci_low"]) * mean_share, float(main["ci_high"]) * mean_share
    statement = (
        f"A 1 pp faster TFP growth in {chosen.label} industries (CIP {code_ranges(chosen.codes)}) "
        f"comes with {effect:+.3f} pp TFP growth in the average downstream industry "
        f"{lag} year{'s' if lag > 1 else ''} later [{int(level * 100)} % CI {low:+.3f} to "
        f"{high:+.3f}]; the group supplies {mean_share:.1%} of their purchased "
        "intermediate inputs."
    )
    estimate = pd.DataFrame(
        [
            {
                "supplier_group": chosen.label,
                "effect": effect,
                "ci_low": low,
                "ci_high": high,
                "coefficient": float(main["coefficient"]),
                "std_error": float(main["std_error"]),
                "p_value": float(main["p_value"]),
                "mean_share": mean_share,
                "observations": int(main["observations"]),
                "industries": int(main["industries"]),
                "years": f"{years[0]}-{years[-1]}",
                "statement": statement,
            }
        ]
    )
    panel = lagged.join(_partial_residuals(lagged))
    percent = ["own", "supplier_group", "supplier_other", "own_partial", "supplier_partial"]
    panel[percent] = panel[percent] * 100
    panel = industry_labels(cip)[["acronym"]].join(panel, how="inner").reset_index()
    placebo_row = models.iloc[2]
    notes = (
        statement,
        f"Placebo (suppliers' growth one year after the user's): β = "
        f"{placebo_row['coefficient']:+.3f} [{placebo_row['ci_low']:+.3f}, "
        f"{placebo_row['ci_high']:+.3f}]; a placebo as large as the lagged estimate points "
        "to common shocks, not spillovers.",
        "TFP on a gross-output basis for suppliers and users; weights are each supplier's "
        "share in the user's purchased intermediate inputs (own purchases excluded) in the "
        "year before the suppliers' growth (CIP input-output tables).",
        f"PanelOLS (linearmodels) with industry and year effects and errors clustered by "
        f"industry ({int(main['industries'])} clusters); the intervals use the "
        "leave-one-industry-out jackknife (CR3) with Student's t on clusters − 1 degrees of "
        "freedom, wider than the clustered ones "
        f"([{main['ci_low_clustered']:+.3f}, {main['ci_high_clustered']:+.3f}] for β) "
        "because the ICT input share is concentrated in a few industries, where clustered "
        "errors understate the uncertainty (docs/industry.md).",
        "Not causal: year effects absorb only shocks common to all industries; demand "
        "shocks travelling along the same links, deflators that miss the quality of ICT "
        "inputs, and CIP's output adjustments can all move these numbers "
        "(docs/industry.md).",
    )
    return SpilloverTest(
        title=f"Spillovers from {chosen.label} suppliers to downstream TFP growth, China (CIP 4.0)",
        provenance=cip_provenance(
            cip,
            {"group": chosen.key, "lag": int(lag), "level": level, "estimator": "PanelOLS"},
            method="cip-spillover-panel",
            description="Panel regression of industries' gross-output TFP growth on the "
            "input-share-weighted TFP growth of their suppliers a year earlier, with "
            "industry and year effects and errors clustered by industry.",
        ),
        notes=notes,
        columns=_COLUMNS,
        estimate=estimate,
        models=models,
        panel=panel,
    )


#: The group keys accepted by :func:`spillovers`.
GROUP_KEYS: tuple[str, ...] = tuple(g.key for g in INDUSTRY_GROUPS)
