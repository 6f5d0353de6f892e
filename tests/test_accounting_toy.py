"""Growth accounting on a hand-computed three-year toy economy.

Year 1 → 2: Y 100 → 110, K 200 → 220, persons 10 → 10.5, hours 2000 → 1980,
hc 2.00 → 2.04, labour share 0.60 → 0.62, so the Törnqvist weight is ᾱ = 0.61 and

    Δln Y          = ln 1.10            = 0.0953102
    capital        = 0.39 · ln 1.10     = 0.0371710
    employment     = 0.61 · ln 1.05     = 0.0297620
    hours          = 0.61 · ln 0.99     = −0.0061307
    human capital  = 0.61 · ln 1.02     = 0.0120796
    TFP            = 0.0953102 − 0.0371710 − 0.0297620 + 0.0061307 − 0.0120796
                   = 0.0224283

Year 2 → 3: Y 110 → 118.8 (ln 1.08 = 0.0769610), K 220 → 237.6 (ln 1.08), persons and
hours unchanged, hc 2.04 → 2.0808 (ln 1.02 = 0.0198026), share 0.62 → 0.58, ᾱ = 0.60:

    capital = 0.40 · 0.0769610 = 0.0307844,  human capital = 0.60 · 0.0198026 = 0.0118816
    TFP     = 0.0769610 − 0.0307844 − 0.0118816 = 0.0342950
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from pflab.accounting import decompose, get_method, growth_accounting
from pflab.data import PWTData
from pflab.data.pwt import pwt_source
from pflab.errors import DataError, ParameterError

TOY = pd.DataFrame(
    {
        "countrycode": ["TOY"] * 3,
        "country": ["Toyland"] * 3,
        "year": [2001, 2002, 2003],
        "rgdpna": [100.0, 110.0, 118.8],
        "rkna": [200.0, 220.0, 237.6],
        "rnna": [400.0, 420.0, 441.0],
        "emp": [10.0, 10.5, 10.5],
        "avh": [2000.0, 1980.0, 1980.0],
        "hc": [2.0, 2.04, 2.0808],
        "labsh": [0.60, 0.62, 0.58],
    }
)


def _toy_data(frame: pd.DataFrame = TOY) -> PWTData:
    return PWTData(frame=frame.copy(), version="toy", source=pwt_source("toy"))


def test_pwt_method_matches_hand_computation() -> None:
    annual = decompose(TOY.set_index("year"), get_method("pwt"))
    assert list(annual.index) == [2002, 2003]
    expected_2002 = {
        "gdp": 0.0953102,
        "capital": 0.0371710,
        "employment": 0.0297620,
        "hours": -0.0061307,
        "human_capital": 0.0120796,
        "tfp": 0.0224283,
    }
    for column, value in expected_2002.items():
        assert annual.loc[2002, column] == pytest.approx(value, abs=5e-8), column
    assert annual.loc[2002, "labour_share"] == pytest.approx(0.61)
    assert annual.loc[2003, "capital"] == pytest.approx(0.0307844, abs=5e-8)
    assert annual.loc[2003, "employment"] == pytest.approx(0.0)
    assert annual.loc[2003, "human_capital"] == pytest.approx(0.0118816, abs=5e-8)
    assert annual.loc[2003, "tfp"] == pytest.approx(0.0342950, abs=5e-8)


def test_components_add_up_to_gdp_growth_for_every_preset() -> None:
    for name in ("pwt", "fixed-share", "bosworth-collins", "stock", "persons", "raw-labour"):
        annual = decompose(TOY.set_index("year"), get_method(name))
        parts = annual[["capital", "employment", "hours", "human_capital", "tfp"]].sum(axis=1)
        np.testing.assert_allclose(parts, annual["gdp"], rtol=0, atol=1e-15)


def test_fixed_share_stock_without_hours() -> None:
    # Bosworth-Collins: α_K = 0.4 on rnna (400 → 420: ln 1.05), labour = persons × hc.
    annual = decompose(TOY.set_index("year"), get_method("bosworth-collins"))
    assert annual.loc[2002, "capital"] == pytest.approx(0.4 * np.log(1.05))
    assert annual.loc[2002, "hours"] == 0.0
    tfp = np.log(1.1) - 0.4 * np.log(1.05) - 0.6 * (np.log(1.05) + np.log(1.02))
    assert annual.loc[2002, "tfp"] == pytest.approx(tfp, abs=1e-15)


def test_era_average_and_coverage() -> None:
    result = growth_accounting("Toyland", data=_toy_data())
    table = result.eras("2002-2003,2000-2002,2010-latest").frame.set_index("era")
    assert table.loc["2002–2003", "tfp"] == pytest.approx(
        100 * (0.0224283 + 0.0342950) / 2, abs=1e-5
    )
    assert table.loc["2002–2003", "years"] == 2
    assert table.loc["2000–2002", "years"] == 1  # 2000 and 2001 have no growth observation
    assert table.loc["2000–2002", "span_years"] == 3
    assert table.loc["2010–latest", "years"] == 0
    assert any("data cover only 2002–2002" in n for n in result.eras("2000-2002").notes)


def test_missing_hours_count_as_zero_and_are_flagged() -> None:
    frame = TOY.copy()
    frame.loc[1, "avh"] = np.nan
    annual = decompose(frame.set_index("year"), get_method("pwt"))
    assert not annual["hours_observed"].any()
    assert (annual["hours"] == 0).all()


def test_rtfpna_consistent_index_is_reproduced_exactly() -> None:
    frame = TOY.copy()
    frame["rtfpna"] = np.exp(np.cumsum([0.0, 0.0224283, 0.0342950]))
    gap = growth_accounting("TOY", data=_toy_data(frame)).pwt_gap()
    assert gap.abs().max() < 1e-4  # percentage points; hand values carry 7 decimals


def test_invalid_method_settings_are_named() -> None:
    with pytest.raises(ParameterError, match="capital_share"):
        get_method("pwt", capital_share=1.5)
    with pytest.raises(ParameterError, match="method: unknown method 'solow'"):
        get_method("solow")
    with pytest.raises(ParameterError, match="capital"):
        get_method("pwt", capital="land")


def test_economy_without_inputs_is_a_clear_error() -> None:
    frame = TOY.copy()
    frame["labsh"] = np.nan
    with pytest.raises(DataError, match="no year with every input"):
        growth_accounting("TOY", data=_toy_data(frame))


def test_results_follow_the_result_protocol() -> None:
    from pflab.accounting import EraTable, GrowthAccounting
    from pflab.result import Result

    frame = TOY.copy()
    frame["rtfpna"] = np.exp(np.cumsum([0.0, 0.0224283, 0.0342950]))
    result = growth_accounting("TOY", data=_toy_data(frame))
    table = result.eras("2002-2003")
    for res, main in ((result, "annual"), (table, "eras")):
        assert isinstance(res, Result)
        assert isinstance(res.notes, tuple) and all(isinstance(n, str) for n in res.notes)
        assert res.provenance.method == "pwt"
        assert res.provenance.sources[0].version == "toy"
        d = res.to_dict()
        assert d["kind"] == type(res).__name__ and next(iter(d["tables"])) == main
        # the CSV reads back equal to the JSON records
        back = pd.read_csv(io.StringIO(res.to_csv()), skiprows=1)
        pd.testing.assert_frame_equal(back, pd.DataFrame(d["tables"][main]), check_dtype=False)
        assert "Toyland" in res.title
    assert isinstance(result, GrowthAccounting) and isinstance(table, EraTable)
    # the annual table is in percent: 100 × the hand-computed log differences
    annual = result.to_frame()
    assert annual.loc[2002, "tfp"] == pytest.approx(2.24283, abs=5e-6)
    text = table.summary()
    assert "2002–2003" in text and "2.84" in text  # (2.24283 + 3.42950) / 2 = 2.836
    # a toy economy is in no embedded vintage: no vintage caveat
    assert not any("What the answer rests on" in n for n in table.notes)


def test_library_errors_name_python_parameters() -> None:
    from pflab.accounting import parse_eras, sensitivity

    with pytest.raises(ParameterError) as info:
        parse_eras("1979-2007,banana")
    assert info.value.parameter == "eras"
    with pytest.raises(ParameterError) as info:
        sensitivity("CHN", "2008-2017", vintages=("9.0",))
    assert info.value.parameter == "vintages"
    with pytest.raises(ParameterError) as info:
        get_method("pwt", capital_share=0)
    assert info.value.parameter == "capital_share"
