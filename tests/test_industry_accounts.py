"""Industry TFP and its aggregation, against CIP's own sheets and Total rows."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from pflab.accounting.aggregate_industries import aggregate_industries, aggregate_terms
from pflab.accounting.cip_aggregate import cip_aggregate
from pflab.accounting.industry import (
    INDUSTRY_GROUPS,
    code_ranges,
    get_group,
    industry_accounts,
    industry_tfp,
)
from pflab.data.cip import CIP_CODES, load_cip
from pflab.errors import LookupFailedError, ParameterError

ERAS = "1988-2007,2008-2017"


@pytest.mark.rawdata
def test_pflab_tfp_equals_cips_sheets_for_every_industry_and_year(cip_raw) -> None:  # type: ignore[no-untyped-def]
    annual = industry_accounts(cip_raw)
    assert len(annual) == 37 * 30
    for mine, theirs in (("tfp_go", "tfp_go"), ("tfp_va", "tfp_va"), ("g_va", "g_va")):
        published = cip_raw.panel[theirs].reindex(annual.index)
        assert published.notna().all()
        assert (annual[mine] - published).abs().max() <= 1e-6, mine
    # and the contributions, sheet by sheet
    for column in ("cg_ii", "cg_k_stock", "cg_k_quality", "cg_hours", "cg_l_quality",
                   "cv_k_stock", "cv_k_quality", "cv_hours", "cv_l_quality"):  # fmt: skip
        published = cip_raw.panel[column].reindex(annual.index)
        assert (annual[column] - published).abs().max() <= 1e-6, column


@pytest.mark.rawdata
def test_aggregation_reproduces_cips_total_row(cip_raw) -> None:  # type: ignore[no-untyped-def]
    terms = aggregate_terms(cip_raw)
    published = cip_raw.total["tfp_va"].dropna()
    assert list(terms.index) == list(published.index)
    assert (terms["tfp"] - published).abs().max() <= 1e-12
    # aggregate value-added growth is the VA-weighted sum of the industries'
    assert (terms["g_va"] - cip_raw.total["g_va"].dropna()).abs().max() <= 1e-12


def test_eras_give_cips_published_aggregate() -> None:
    result = aggregate_industries(ERAS)
    assert round(result.value("aggregate", "1988–2007"), 2) == 1.15
    assert round(result.value("aggregate", "2008–2017"), 2) == -0.92
    assert round(result.value("hulten", "1988–2007"), 2) == 1.39
    assert round(result.value("hulten", "2008–2017"), 2) == -0.22


def test_contributions_add_up() -> None:
    result = aggregate_industries(ERAS)
    frame = result.contributions
    for era in result.era_labels:
        groups = frame.loc[frame["kind"] == "group", era].sum()
        within = result.value("sum", era)
        assert groups == pytest.approx(within, abs=1e-12)
        realloc = frame.loc[frame["kind"] == "reallocation", era].sum()
        assert within + realloc == pytest.approx(result.value("aggregate", era), abs=1e-12)
        assert result.value("check", era) == pytest.approx(
            result.value("aggregate", era), abs=1e-12
        )
        gap = result.value("aggregate", era) - result.value("hulten", era)
        assert result.value("gap", era) == pytest.approx(gap, abs=1e-12)
        industries = result.industries[f"contribution {era}"].sum()
        assert industries == pytest.approx(within, abs=1e-12)


def test_gross_output_basis_adds_up_to_the_domar_sum() -> None:
    va = aggregate_industries(ERAS, basis="va")
    go = aggregate_industries(ERAS, basis="go")
    for era in go.era_labels:
        frame = go.contributions
        groups = frame.loc[frame["kind"] == "group", era].sum()
        assert groups == pytest.approx(va.value("hulten", era), abs=1e-12)
        assert go.value("aggregate", era) == pytest.approx(va.value("aggregate", era))
        parts = frame.loc[frame["kind"].isin(["reallocation", "residual"]), era].sum()
        assert parts == pytest.approx(go.value("gap", era), abs=1e-12)


def test_groups_partition_the_37_industries() -> None:
    codes = sorted(c for g in INDUSTRY_GROUPS for c in g.codes)
    assert codes == list(CIP_CODES)
    assert len(INDUSTRY_GROUPS) == 7
    assert get_group("ICT").codes == (21, 30)
    assert code_ranges(get_group("manufacturing").codes) == "6-20, 22-24"
    with pytest.raises(ParameterError, match="choose one of ict"):
        get_group("robots")


def test_memo_rows_weight_industry_contributions() -> None:
    plain = aggregate_industries(ERAS)
    memo = aggregate_industries(ERAS, memo={"ICT half": {21: 0.5}, "whole ICT": {21: 1, 30: 1}})
    era = "2008–2017"
    ind = plain.industries.set_index("code")[f"contribution {era}"]
    assert memo.value("Memo: ICT half", era) == pytest.approx(0.5 * ind[21], abs=1e-12)
    assert memo.value("Memo: whole ICT", era) == pytest.approx(
        plain.value("ICT producing", era), abs=1e-12
    )
    # memo rows do not change the totals
    assert memo.value("aggregate", era) == plain.value("aggregate", era)


@pytest.mark.parametrize(
    ("memo", "message"),
    [
        ({"x": {38: 1.0}}, "38 is not a CIP code"),
        ({"x": {"ICT": 1.0}}, "'ICT' is not a CIP code"),
        ({"x": {21: 1.5}}, "expected 0 to 1"),
        ({"x": {}}, "no industry weights"),
    ],
)
def test_bad_memo_weights_are_named(memo: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ParameterError, match=message):
        aggregate_industries(memo=memo)


def test_eras_outside_cip_are_refused_and_partial_ones_noted() -> None:
    with pytest.raises(ParameterError, match=r"2018–latest holds no year of CIP 4\.0"):
        aggregate_industries("2018-latest")
    result = aggregate_industries("1978-2007")
    assert any("covers only 1988-2017" in n or "1988-2007 (20 of 30" in n for n in result.notes)
    with pytest.raises(ParameterError, match="basis"):
        aggregate_industries(basis="vb")  # type: ignore[arg-type]


def test_industry_tfp_table() -> None:
    result = industry_tfp(ERAS)
    assert result.max_gap_to_cip() < 1e-12
    table = result.eras_table
    assert len(table) == 74
    ict = table[(table["code"] == 21) & (table["era"] == "1988–2007")].iloc[0]
    assert ict["tfp_va"] == pytest.approx(ict["cip_tfp_va"], abs=1e-9)
    assert ict["group"] == "ICT producing"
    assert result.to_dict()["tables"]["eras"][0]["acronym"] == "AGR"


def test_analytic_one_industry_case() -> None:
    """Hand-made numbers: TFP as the residual with two-period average shares."""
    cip = load_cip()
    panel = cip.panel.copy()
    code = 5
    rows = panel.loc[code]
    # GO 100 → 110 nominal; II 40 → 44; KC 30 → 36; LC 30 → 30
    for year, go, ii, kc in ((1987, 100.0, 40.0, 30.0), (1988, 110.0, 44.0, 36.0)):
        panel.loc[(code, year), ["go", "ii", "va", "kc", "lc"]] = [
            go,
            ii,
            go - ii,
            kc,
            go - ii - kc,
        ]
    panel.loc[(code, 1988), ["g_go", "g_ii"]] = [0.05, 0.03]
    for name, growth in (("k_input", 0.08), ("k_stock", 0.06), ("l_input", 0.01), ("hours", 0.0)):
        panel.loc[(code, 1988), name] = rows.loc[1987, name] * np.exp(growth)
    tfp = industry_accounts(replace(cip, panel=panel)).loc[(code, 1988)]
    v_ii, v_k, v_l = 0.4, 0.5 * (0.3 + 36 / 110), 0.5 * (0.3 + 30 / 110)
    assert tfp["tfp_go"] == pytest.approx(0.05 - v_ii * 0.03 - v_k * 0.08 - v_l * 0.01)
    s_k, s_l = 0.5 * (0.5 + 36 / 66), 0.5 * (0.5 + 30 / 66)
    g_va = (0.05 - v_ii * 0.03) / (1 - v_ii)
    assert tfp["g_va"] == pytest.approx(g_va)
    assert tfp["tfp_va"] == pytest.approx(g_va - s_k * 0.08 - s_l * 0.01)


def test_cip_aggregate_era_table() -> None:
    result = cip_aggregate("China", ERAS)
    assert round(result.tfp("1988–2007"), 2) == 1.15
    assert round(result.tfp("2008–2017"), 2) == -0.92
    row = result.eras_table.iloc[0]
    parts = row["capital"] + row["hours"] + row["labour_quality"] + row["tfp"]
    assert parts == pytest.approx(row["va"], abs=1e-10)
    vs = result.vs_pwt.iloc[0]
    assert vs["gap_tfp"] == pytest.approx(
        vs["gap_from_output"] + vs["gap_from_capital"] + vs["gap_from_labour"], abs=1e-10
    )
    assert any("over 3 %" in n for n in result.notes)
    with pytest.raises(LookupFailedError, match="China only"):
        cip_aggregate("JPN")


def test_results_serialise_without_nan_cells() -> None:
    for result in (aggregate_industries(ERAS), cip_aggregate("CHN", ERAS)):
        text = result.to_json()
        assert "NaN" not in text
        frame = pd.read_csv(__import__("io").StringIO(result.to_csv()), skiprows=1)
        assert len(frame) == len(result.to_frame())
