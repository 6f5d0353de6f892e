"""decompr's example table (leather): the Leontief output and the 13 printed WWZ terms
reproduced to the printed precision (SOURCES.md section 11)."""

from __future__ import annotations

import csv
import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from pflab.data.iotables.world import world_table
from pflab.gvc import kww, value_added_origin, wwz
from pflab.gvc._select import system_of
from pflab.provenance import Source
from pflab.tables import MRIOTable

pytestmark = pytest.mark.rawdata


def _half_unit(text: str) -> float:
    """Half a unit in the last printed digit of a number as printed."""
    exponent = Decimal(text).as_tuple().exponent
    assert isinstance(exponent, int)
    return 0.5 * 10.0**exponent


@pytest.fixture(scope="module")
def leather(raw_file: Callable[[str], Path]) -> MRIOTable:
    import rdata

    path = raw_file("gvc_reference/leather.rda")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = rdata.conversion.convert(rdata.parser.parse_file(path))["leather"]
    countries = tuple(str(c) for c in data["countries"])
    industries = tuple(str(c).replace("_", ".") for c in data["industries"])
    return world_table(
        regions=countries,
        sectors=industries,
        Z=np.asarray(data["inter"], dtype="float64"),
        final=np.asarray(data["final"], dtype="float64"),
        categories=("final",),
        x=np.asarray(data["out"], dtype="float64"),
        year=2015,
        source=Source(
            name="decompr example table leather", version="v2", citation="Quast and Kummritz (2015)"
        ),
        where=str(path),
    )


def _printed(raw_file: Callable[[str], Path], name: str) -> list[dict[str, str]]:
    with raw_file(f"gvc_reference/{name}").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_leather_balances_so_no_residual_is_needed(leather: MRIOTable) -> None:
    Y = leather.Y.to_numpy().reshape(9, 3, 2)
    assert np.abs(Y[:, :, 1]).max() < 1e-12  # RESIDUAL category
    assert leather.regions == ("Argentina", "Turkey", "Germany")


def test_leontief_output_as_printed(leather: MRIOTable, raw_file: Callable[[str], Path]) -> None:
    """decompr's ``decomp(method = "leontief")``: diag(v) B diag(e), e = gross exports."""
    printed = _printed(raw_file, "leather_leontief_decompr_v2.csv")
    system = system_of(leather)
    e = system.exports().sum(axis=1)
    mine = system.v[:, None] * system.B * e[None, :]
    labels = [f"{r}.{s}" for r in leather.regions for s in leather.sectors]
    assert [row["row"] for row in printed] == labels
    checked = 0
    for i, row in enumerate(printed):
        for j, label in enumerate(labels):
            text = row[label]
            assert abs(mine[i, j] - float(text)) <= _half_unit(text) + 1e-12, (label, i)
            checked += 1
    assert checked == 81


def test_wwz_printed_terms_as_printed(leather: MRIOTable, raw_file: Callable[[str], Path]) -> None:
    printed = [
        r for r in _printed(raw_file, "leather_wwz_decompr_v2.csv") if r["row"] != "sub.TOTAL"
    ]
    detail = wwz(leather).detail
    terms = [c for c in printed[0] if c != "row"]
    assert len(terms) == 13
    by_key = {
        f"{e}.{s}.{p}": row
        for e, s, p, row in zip(
            detail["exporter"],
            detail["sector"],
            detail["partner"],
            detail.to_dict("records"),
            strict=True,
        )
    }
    checked = 0
    for row in printed:
        mine = by_key.get(row["row"])
        if mine is None:  # the own-country rows are printed as zeros
            assert all(float(row[t]) == 0.0 for t in terms)
            continue
        for term in terms:
            assert abs(mine[term] - float(row[term])) <= _half_unit(row[term]) + 1e-12, (
                row["row"],
                term,
            )
            checked += 1
    assert checked == 18 * 13


def test_wwz_sub_totals_and_unprinted_terms(
    leather: MRIOTable, raw_file: Callable[[str], Path]
) -> None:
    """The printed sub.TOTAL rows are the sums over partners; the three unprinted terms
    (DDC_INT, ODC, MDC) are what the identity leaves of gross exports."""
    rows = _printed(raw_file, "leather_wwz_decompr_v2.csv")
    detail = wwz(leather).detail
    terms = [c for c in rows[0] if c != "row"]
    totals = [r for r in rows if r["row"] == "sub.TOTAL"]
    sums = detail.groupby(["exporter", "sector"], sort=False)[terms].sum()
    assert len(totals) == len(sums) == 9
    for printed, (_, mine) in zip(totals, sums.iterrows(), strict=True):
        for term in terms:
            assert abs(mine[term] - float(printed[term])) <= _half_unit(printed[term]) + 1e-12
    rest = detail["gross_exports"] - detail[terms].sum(axis=1)
    unprinted = detail[["DDC_INT", "ODC", "MDC"]].sum(axis=1)
    np.testing.assert_allclose(unprinted, rest, rtol=1e-12, atol=1e-12)


def test_leather_kww_and_leontief_agree(leather: MRIOTable) -> None:
    """Domestic content (Leontief DVA) = KWW terms 1-6; foreign content = terms 7-9."""
    for economy in leather.regions:
        origin = value_added_origin(leather, economy).terms["value"]
        terms = kww(leather, exporters=economy).terms["value"]
        domestic = terms[["DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT", "DDC"]].sum()
        foreign = terms[["FVA_FIN", "FVA_INT", "FDC"]].sum()
        assert origin["dva"] == pytest.approx(domestic, rel=1e-12)
        assert origin["fva"] == pytest.approx(foreign, rel=1e-12)
        assert origin["gross_exports"] == pytest.approx(terms["gross_exports"], rel=1e-12)
