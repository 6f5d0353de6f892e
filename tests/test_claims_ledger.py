"""The ledger: every claim present, each value equal to the library's own tested functions
(or the raw files), the verdicts of issue 12, and "not measurable yet" never silent."""

from __future__ import annotations

import io
import json
import math

import pandas as pd
import pytest

from pflab.accounting import cip_aggregate, growth_accounting
from pflab.claims import (
    CONSISTENT,
    NOT_MEASURABLE,
    PARTLY,
    ClaimsLedger,
    Context,
    capabilities,
    evaluate,
    load_claims,
)
from pflab.claims.base import TableRef
from pflab.claims.economy import StructureParams, structure_share
from pflab.claims.gvc import GVCParams, gvc_indicator
from pflab.errors import LookupFailedError
from pflab.network import import_content, load_io
from pflab.policy.structure import table_structure
from pflab.world import history, world_share


@pytest.fixture(scope="module")
def ledger() -> ClaimsLedger:
    return evaluate()


def _rows(ledger: ClaimsLedger, claim: str) -> pd.DataFrame:
    rows = ledger.frame[ledger.frame["claim"] == claim]
    assert len(rows), claim
    return rows


def _row(ledger: ClaimsLedger, claim: str, source: str) -> pd.Series:
    rows = _rows(ledger, claim)
    rows = rows[rows["source"].str.contains(source, regex=False)]
    assert len(rows) == 1, (claim, source, rows["source"].tolist())
    return rows.iloc[0]


def test_every_claim_of_the_file_has_rows_with_a_verdict(ledger: ClaimsLedger) -> None:
    ids = [c.id for c in load_claims().claims]
    assert list(dict.fromkeys(ledger.frame["claim"])) == ids
    assert (
        ledger.frame["verdict"]
        .isin(["consistent", "partly consistent", "not supported", "not measurable yet"])
        .all()
    )
    assert (ledger.frame["reason"] != "").all()
    measured = ledger.frame[ledger.frame["verdict"] != NOT_MEASURABLE]
    assert measured["value"].notna().all() and (measured["command"] != "").all()
    assert (measured["shown"] != "").all()
    keys = ledger.frame[["claim", "measure", "source", "measured_period"]]
    assert not keys.duplicated().any()


def test_manufacturing_value_added_share_2021_is_consistent(ledger: ClaimsLedger) -> None:
    row = _row(ledger, "manufacturing-share", "WDI")
    expected = world_share("CHN", "mva", years=2021).row(2021)
    assert row["value"] == expected["value"] == 30.4
    assert (row["measured_period"], row["shown"], row["verdict"]) == ("2021", "30.4 %", CONSISTENT)
    assert row["low"] == pytest.approx(30.3115, abs=1e-4)  # 4.865e12 / 1.605e13
    assert row["command"] == "pflab world CHN --years 2021"
    assert "gross output" in row["notes"]


def test_manufactured_exports_share_2018_is_partly_consistent(ledger: ClaimsLedger) -> None:
    row = _row(ledger, "manufactured-exports-share", "WTO")
    assert world_share("CHN", "exports", product="MA", years=2018).row(2018)["value"] == 17.6
    assert (row["value"], row["measured_period"], row["verdict"]) == (17.6, "2018", PARTLY)
    assert "No data after 2018 are embedded" in row["notes"]
    assert row["command"] == "pflab world CHN --measure exports --product MA --years 2018"


@pytest.mark.parametrize(
    ("claim", "era"),
    [("tfp-before-2008", "1979-2007"), ("tfp-2008-2017", "2008-2017"),
     ("tfp-recent", "2018-latest")],
)  # fmt: skip
@pytest.mark.parametrize("vintage", ["11.0", "10.01"])
def test_tfp_rows_equal_the_era_table(
    ledger: ClaimsLedger, claim: str, era: str, vintage: str
) -> None:
    row = _row(ledger, claim, f"PWT {vintage}")
    expected = growth_accounting("CHN", vintage=vintage).eras(era).frame.iloc[0]
    assert row["value"] == pytest.approx(float(expected["tfp"]), rel=1e-12)
    assert row["measured_period"] == f"{expected['first_year']}–{expected['last_year']}"
    assert row["command"] == f"pflab tfp CHN --vintage {vintage} --eras {era}"
    assert row["low"] <= row["value"] <= row["high"]
    assert "--sensitivity" in row["notes"]


@pytest.mark.parametrize(
    ("claim", "era", "published"),
    [("tfp-before-2008", "1979-2007", 1.15), ("tfp-2008-2017", "2008-2017", -0.92)],
)
def test_cip_rows_equal_cip_aggregate(
    ledger: ClaimsLedger, claim: str, era: str, published: float
) -> None:
    row = _row(ledger, claim, "CIP 4.0")
    expected = cip_aggregate("CHN", era).to_frame().iloc[0]
    assert row["value"] == pytest.approx(float(expected["tfp"]), rel=1e-12)
    assert round(row["value"], 2) == published  # DESIGN.md: 1.15 (1988-2007), -0.92 (2008-2017)
    assert row["measured_period"] == f"{expected['first_year']}–{expected['last_year']}"
    assert row["verdict"] == "not supported"
    assert row["command"] == f"pflab tfp CHN --vintage cip4 --eras {era}"


def test_cip_says_it_ends_in_2017(ledger: ClaimsLedger) -> None:
    row = _row(ledger, "tfp-recent", "CIP 4.0")
    assert row["verdict"] == NOT_MEASURABLE and "no growth years in 2018–latest" in row["reason"]


def test_tfp_verdicts_on_pwt(ledger: ClaimsLedger) -> None:
    # PWT 11.0: 3.46 % a year over 1979–2007, over 3 %; 2.49 % over 2008–2017, far from 1 %
    assert _row(ledger, "tfp-before-2008", "PWT 11.0")["verdict"] == CONSISTENT
    assert _row(ledger, "tfp-before-2008", "PWT 10.01")["verdict"] == "not supported"
    assert _row(ledger, "tfp-2008-2017", "PWT 11.0")["verdict"] == "not supported"
    recent = _row(ledger, "tfp-recent", "PWT 10.01")
    assert recent["measured_period"] == "2018–2019" and "covers only" in recent["notes"]
    assert any("PWT 10.01 used an adjusted" in n for n in ledger.notes)  # the vintage caveat


def test_meiji_row_is_recomputed_from_the_maddison_values(ledger: ClaimsLedger) -> None:
    for vintage in ("2020", "2023"):
        row = _row(ledger, "meiji-vs-self-strengthening", f"Database {vintage}")
        record = history("CHN,JPN", start=1870, end=1913, vintage=vintage)
        y = {(e, t): float(record.row(t, e)["value"]) for e in ("CHN", "JPN") for t in (1870, 1913)}
        # issue 12's published values: China 945 / 985, Japan 1,580 / 2,431 (2011 $)
        assert round(y["CHN", 1870]) == 945 and round(y["CHN", 1913]) == 985
        assert round(y["JPN", 1870]) == 1580 and round(y["JPN", 1913]) == 2431
        gap = 100 * (math.log(y["JPN", 1913] / y["JPN", 1870])
                     - math.log(y["CHN", 1913] / y["CHN", 1870])) / 43  # fmt: skip
        assert row["value"] == pytest.approx(gap, rel=1e-12)
        assert row["measured_period"] == "1870–1913" and row["verdict"] == CONSISTENT
        assert "167 %" in row["notes"] and "247 %" in row["notes"]


def test_export_dependence_on_the_2020_table_is_about_13_6_percent(ledger: ClaimsLedger) -> None:
    row = _row(ledger, "export-dependence", "NBS IO table 2020")
    assert row["value"] == pytest.approx(13.6, abs=0.05)  # issue 12: about 13.6 %
    assert row["verdict"] == CONSISTENT
    assert row["command"] == "pflab claims --structure --years 2020"
    surplus = _row(ledger, "production-surplus", "NBS IO table 2020")
    assert 0 < surplus["value"] < row["value"]


def test_localisation_equals_the_network_import_content(ledger: ClaimsLedger) -> None:
    row = _row(ledger, "supply-chain-localisation", "NBS IO table 2020, 42")
    table = load_io("CHN", 2020, sectors=42)
    content = import_content(table).frame["total"]
    weights = table.final_demand.sum(axis=1).loc[["20", "21"]]  # ISIC 26 in the 42 sectors
    expected = 100 * (content.loc[["20", "21"]] * weights).sum() / weights.sum()
    assert row["value"] == pytest.approx(expected, rel=1e-12)
    assert row["verdict"] == CONSISTENT and "--sort imports" in row["command"]


def test_every_capability_is_installed_on_main() -> None:
    # the measures other branches provide have landed; each is detected by import
    assert capabilities() == {"high_tech_maps": True, "cip4": True, "gvc": True}


def test_value_added_in_trade_rows_equal_localisation(ledger: ClaimsLedger) -> None:
    from pflab.gvc import localisation

    expected = localisation(["CHN"], years=[2011], sector="c14").economies.iloc[0]
    fva = _row(ledger, "supply-chain-localisation", "WIOD 2013")
    abroad = _row(ledger, "export-dependence", "WIOD 2013")
    assert fva["value"] == pytest.approx(float(expected["sector_fva_share"]), rel=1e-12)
    assert abroad["value"] == pytest.approx(
        float(expected["manufacturing_abroad_share"]), rel=1e-12
    )
    # docs/gvc.md: 29 % of electronics exports' value foreign, 34 % of manufacturing
    # value added absorbed abroad in 2011
    assert round(fva["value"]) == 29 and round(abroad["value"]) == 34
    assert fva["verdict"] == abroad["verdict"] == CONSISTENT
    assert fva["command"].startswith("pflab gvc CHN --years 2011 --compare")


def test_high_tech_rows_equal_the_structure_measures(ledger: ClaimsLedger) -> None:
    for year, measure in ((2020, "value_added"), (2018, "employment")):
        structure = table_structure(load_io("CHN", year))
        outside = _row(ledger, "outside-high-tech", f"table {year}")
        assert outside["value"] == structure.share("outside_high_tech", measure)["value"]
        ratio = _row(ledger, "consumer-services-vs-high-tech", f"table {year}")
        expected = (structure.share("consumer_services", measure)["value"]
                    / structure.share("high_tech", measure)["value"])  # fmt: skip
        assert ratio["value"] == pytest.approx(expected, rel=1e-12)
        assert outside["verdict"] == ratio["verdict"] == CONSISTENT
        assert "Sector map high_tech_manufacturing_2017" in ratio["notes"]


def test_capability_detection_by_import(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pflab.claims.gvc.gvc_available", lambda: False)
    [missing] = gvc_indicator(GVCParams(indicator="sector_fva_share"), Context())
    assert missing.value is None and "pflab.gvc" in missing.reason
    monkeypatch.setattr("pflab.policy.structure._weights_module", lambda: None)
    params = StructureParams(group="high_tech", table=TableRef(year=2020, sectors=42))
    [missing] = structure_share(params, Context())
    assert missing.value is None and "programme_weights" in missing.reason


def test_result_is_self_describing(ledger: ClaimsLedger) -> None:
    assert ledger.title and ledger.notes and ledger.provenance.sources
    assert set(ledger.columns) >= set(ledger.frame.columns)
    parameters = ledger.provenance.parameters
    assert len(parameters["claims_sha256"]) == 64 and set(parameters["capabilities"]) == {
        "high_tech_maps", "cip4", "gvc",
    }  # fmt: skip
    data = json.loads(ledger.to_json())
    assert len(data["tables"]["ledger"]) == len(ledger.frame)
    assert data["tables"]["ledger"][0]["value"] is not None
    back = pd.read_csv(io.StringIO(ledger.to_csv()), skiprows=1)
    assert back["verdict"].tolist() == ledger.frame["verdict"].tolist()
    tally = ledger.tally()
    assert tally.to_numpy().sum() == len(ledger.frame)
    assert ledger.verdict("manufacturing-share") == CONSISTENT


def test_only_selects_and_unknown_ids_fail() -> None:
    part = evaluate(only=["manufacturing-share"])
    assert part.frame["claim"].unique().tolist() == ["manufacturing-share"]
    with pytest.raises(LookupFailedError, match="manufacturing-share"):
        evaluate(only=["manufacturing-shares"])
