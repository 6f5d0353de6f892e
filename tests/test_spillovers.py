"""The spillover panel test: exposure arithmetic, a planted effect recovered, the real run."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from pflab.accounting.industry import industry_accounts
from pflab.accounting.spillovers import fit_panel, spillovers, supplier_exposure
from pflab.data.cip import CIP_CODES, load_cip
from pflab.errors import LookupFailedError, ParameterError


def test_exposure_is_the_input_share_weighted_mean_of_suppliers() -> None:
    cip = load_cip()
    tfp = industry_accounts(cip)["tfp_go"].unstack("year")
    exposure = supplier_exposure(cip, tfp, (21, 30), shift=1)
    user, year = 14, 2001
    flows = cip.io_matrix(year - 2)[user].drop(user)  # the table of 1999, own purchases out
    shares = flows / flows.sum()
    group = sum(shares[j] * tfp.loc[j, year - 1] for j in (21, 30))
    other = sum(shares[j] * tfp.loc[j, year - 1] for j in shares.index if j not in (21, 30))
    row = exposure.loc[(user, year)]
    assert row["supplier_group"] == pytest.approx(group, rel=1e-12)
    assert row["supplier_other"] == pytest.approx(other, rel=1e-12)
    assert row["share_group"] == pytest.approx(shares[21] + shares[30], rel=1e-12)
    # the placebo uses the suppliers' growth one year after the user's
    lead = supplier_exposure(cip, tfp, (21, 30), shift=-1).loc[(user, year)]
    flows = cip.io_matrix(year)[user].drop(user)
    expected = sum(flows[j] / flows.sum() * tfp.loc[j, year + 1] for j in (21, 30))
    assert lead["supplier_group"] == pytest.approx(expected, rel=1e-12)


def _planted(beta: float, noise: float, seed: int = 0):  # type: ignore[no-untyped-def]
    """CIP with gross output rewritten so that downstream TFP = effects + β·x^ICT + noise."""
    cip = load_cip()
    annual = industry_accounts(cip)
    inputs = (annual["g_go"] - annual["tfp_go"]).unstack("year")
    rng = np.random.default_rng(seed)
    years = list(inputs.columns)
    tfp = pd.DataFrame(rng.normal(0.02, 0.05, (37, len(years))), index=list(CIP_CODES),
                       columns=years)  # fmt: skip
    industry, year_effect = rng.normal(0, 0.01, 37), rng.normal(0, 0.01, len(years))
    downstream = [c for c in CIP_CODES if c not in (21, 30)]
    # the ICT suppliers' growth is drawn once, so their exposure is fixed before the loop
    x = supplier_exposure(cip, tfp, (21, 30), shift=1)["supplier_group"]
    for k, year in enumerate(years[1:], start=1):
        for code in downstream:
            if (code, year) in x.index:
                tfp.loc[code, year] = (
                    industry[code - 1] + year_effect[k] + beta * x.loc[(code, year)]
                    + rng.normal(0, noise)
                )  # fmt: skip
    panel = cip.panel.copy()
    new = (inputs + tfp).stack()
    panel.loc[new.index, "g_go"] = new.to_numpy()
    return replace(cip, panel=panel)


@pytest.mark.slow
def test_a_planted_spillover_is_recovered() -> None:
    data = _planted(beta=3.0, noise=0.002)
    result = spillovers(data=data)
    main = result.models.iloc[0]
    # the estimator's spread across seeds is about 0.02 here (a simulation of this design)
    assert main["coefficient"] == pytest.approx(3.0, abs=0.1)
    assert main["p_value"] < 0.01
    assert main["ci_low"] < main["coefficient"] < main["ci_high"]
    # the scatter's partial residuals have the regression slope (Frisch-Waugh-Lovell)
    panel = result.panel
    slope = np.polyfit(panel["supplier_partial"], panel["own_partial"], 1)[0]
    assert slope == pytest.approx(main["coefficient"], rel=1e-8)
    # the placebo finds nothing where nothing was planted
    placebo = result.models.iloc[2]
    assert placebo["ci_low"] < 0.0 < placebo["ci_high"] or abs(placebo["coefficient"]) < 0.5


def test_fit_panel_gives_the_planted_coefficients_exactly_without_noise() -> None:
    cip = load_cip()
    tfp = industry_accounts(cip)["tfp_go"].unstack("year")
    panel = supplier_exposure(cip, tfp, (21, 30), shift=1)
    panel = panel[~panel.index.get_level_values("code").isin([21, 30])].copy()
    codes = panel.index.get_level_values("code").to_numpy()
    years = panel.index.get_level_values("year").to_numpy()
    panel["own"] = (
        3.0 * panel["supplier_group"] - 0.5 * panel["supplier_other"]
        + 0.001 * codes + 0.0001 * (years - 2000) ** 2
    )  # fmt: skip
    fit = fit_panel(panel, ["supplier_group", "supplier_other"])
    assert fit.coef["supplier_group"] == pytest.approx(3.0, abs=1e-9)
    assert fit.coef["supplier_other"] == pytest.approx(-0.5, abs=1e-9)
    assert fit.jackknife_se.max() < 1e-9 and fit.clusters == 35


def test_real_estimate_has_an_interval_and_caveats() -> None:
    import statsmodels.formula.api as smf
    from scipy import stats

    result = spillovers("CHN")
    row = result.estimate.iloc[0]
    assert row["ci_low"] <= row["effect"] <= row["ci_high"]
    assert row["industries"] == 35
    assert 0 < row["mean_share"] < 0.2
    assert row["effect"] == pytest.approx(row["coefficient"] * row["mean_share"])
    assert "1 pp faster TFP growth in ICT producing industries" in result.statement
    assert any("Not causal" in n for n in result.notes)
    assert result.provenance.parameters["estimator"] == "PanelOLS"
    assert not result.panel[["own", "supplier_group"]].isna().any().any()
    main = result.models.iloc[0]
    # the jackknife interval, on t with clusters − 1 degrees of freedom, is the one reported
    crit = stats.t.ppf(0.975, 34)
    assert main["ci_high"] - main["coefficient"] == pytest.approx(crit * main["jackknife_se"])
    assert main["ci_high"] - main["ci_low"] > main["ci_high_clustered"] - main["ci_low_clustered"]
    # PanelOLS's two-way within estimate equals OLS with industry and year dummies
    lsdv = smf.ols(
        "own ~ supplier_group + supplier_other + C(code) + C(year)", data=result.panel
    ).fit()
    assert lsdv.params["supplier_group"] == pytest.approx(main["coefficient"], rel=1e-8)


def test_bad_arguments() -> None:
    with pytest.raises(LookupFailedError, match="China only"):
        spillovers("USA")
    with pytest.raises(ParameterError, match="choose one of"):
        spillovers(group="robots")
    with pytest.raises(ParameterError, match="1, 2 or 3"):
        spillovers(lag=5)
