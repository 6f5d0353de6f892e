"""Every decomposition's terms sum to gross exports, and the vectorised terms equal the
literal block formulas of the papers (tests/gvc_reference.py) on random world tables."""

from __future__ import annotations

import numpy as np
import pytest

from gvc_reference import bm_pair, kww_country, random_world, wwz_pair
from pflab.data.iotables.world import world_table
from pflab.errors import LookupFailedError, ParameterError
from pflab.gvc import borin_mancini, decompose, gvc_income, kww, value_added_origin, wwz
from pflab.gvc._select import system_of
from pflab.gvc._terms import (
    BM_SOURCE_TERMS,
    KWW_TERMS,
    WWZ_TERMS,
    bm_terms,
    kww_from_wwz,
    wwz_terms,
)
from pflab.provenance import Source
from pflab.tables import MRIOTable

G, N = 4, 3
REGIONS = ("AAA", "BBB", "CCC", "DDD")
SECTORS = ("s1", "s2", "s3")


def _table(seed: int) -> tuple[MRIOTable, np.ndarray, np.ndarray, np.ndarray]:
    Z, Y, x = random_world(seed, G, N)
    table = world_table(
        regions=REGIONS,
        sectors=SECTORS,
        Z=Z,
        final=Y,
        categories=("final",),
        x=x,
        year=2000,
        source=Source(name="random", version=str(seed), citation="test"),
    )
    return table, Z, Y, x


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_wwz_equals_the_literal_formulas_and_sums_to_exports(seed: int) -> None:
    table, Z, Y, x = _table(seed)
    terms, E = wwz_terms(system_of(table))
    for s in range(G):
        for r in range(G):
            if s == r:
                assert not terms[:, s * N : (s + 1) * N, r].any()
                continue
            literal = wwz_pair(Z, Y, x, G, N, s, r)
            for k, name in enumerate(WWZ_TERMS):
                np.testing.assert_allclose(
                    terms[k, s * N : (s + 1) * N, r], literal[name], rtol=1e-10, atol=1e-12
                )
    nonzero = E != 0
    gap = np.abs(terms.sum(axis=0) - E)
    assert (gap[nonzero] / np.abs(E[nonzero])).max() < 1e-9
    assert gap[~nonzero].max() < 1e-12


@pytest.mark.parametrize("seed", [0, 4])
def test_kww_grouping_equals_kww_closed_forms(seed: int) -> None:
    table, Z, Y, x = _table(seed)
    grouped = kww_from_wwz(wwz_terms(system_of(table))[0])
    for s in range(G):
        closed = kww_country(Z, Y, x, G, N, s)
        for k, name in enumerate(KWW_TERMS):
            assert grouped[k, s * N : (s + 1) * N].sum() == pytest.approx(
                closed[name], rel=1e-10, abs=1e-12
            )
        assert sum(closed[t] for t in KWW_TERMS) == pytest.approx(closed["exports"], rel=1e-12)


@pytest.mark.parametrize("seed", [0, 5])
def test_borin_mancini_equals_the_definitions(seed: int) -> None:
    table, Z, Y, x = _table(seed)
    source, sink, E = bm_terms(system_of(table))
    for s in range(G):
        for r in range(G):
            if s == r:
                continue
            literal = bm_pair(Z, Y, x, G, N, s, r)
            for k, name in enumerate(BM_SOURCE_TERMS):
                block = slice(s * N, (s + 1) * N)
                np.testing.assert_allclose(
                    source[k, block, r], literal["source"][name], rtol=1e-10, atol=1e-12
                )
                np.testing.assert_allclose(
                    sink[k, block, r], literal["sink"][name], rtol=1e-10, atol=1e-12
                )
    for terms in (source, sink):
        np.testing.assert_allclose(terms.sum(axis=0), E, rtol=1e-12, atol=1e-12)


def test_dva_plus_fva_plus_double_counting_is_gross_exports() -> None:
    table, *_ = _table(6)
    for economy in REGIONS:
        terms = kww(table, exporters=economy).terms["value"]
        dva = terms[["DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT"]].sum()
        fva = terms[["FVA_FIN", "FVA_INT"]].sum()
        double = terms[["DDC", "FDC"]].sum()
        assert dva + fva + double == pytest.approx(terms["gross_exports"], rel=1e-12)
        origin = value_added_origin(table, economy).terms["value"]
        # Leontief domestic content = DVA + double-counted domestic; VAX = KWW terms 1-3
        assert origin["dva"] == pytest.approx(dva + terms["DDC"], rel=1e-12)
        assert origin["dva"] + origin["fva"] == pytest.approx(origin["gross_exports"], rel=1e-12)
        vax = terms[["DVA_FIN", "DVA_INT", "DVA_INTrex"]].sum()
        assert origin["vax"] == pytest.approx(vax, rel=1e-10)


def test_selection_gives_the_rows_of_the_whole_table() -> None:
    table, *_ = _table(7)
    whole = wwz(table).detail.set_index(["exporter", "sector", "partner"])
    part = wwz(table, exporters="BBB", sectors=["s2", "s3"], partners="DDD").detail
    assert len(part) == 2
    mine = part.set_index(["exporter", "sector", "partner"])
    np.testing.assert_allclose(mine.to_numpy(), whole.loc[mine.index].to_numpy(), rtol=1e-13)
    bm_whole = borin_mancini(table).detail.set_index(["exporter", "sector", "partner"])
    bm_part = borin_mancini(table, exporters="CCC").detail.set_index(
        ["exporter", "sector", "partner"]
    )
    np.testing.assert_allclose(
        bm_part.to_numpy(), bm_whole.loc[bm_part.index].to_numpy(), rtol=1e-13
    )


def test_results_report_shares_and_the_identity() -> None:
    table, *_ = _table(8)
    result = decompose(table, "wwz", exporters="AAA")
    terms = result.terms
    assert terms.loc["gross_exports", "share"] == 100.0
    assert terms.loc[list(WWZ_TERMS), "share"].sum() == pytest.approx(100.0, rel=1e-12)
    assert any("Terms sum to gross exports" in note for note in result.notes)
    bm = borin_mancini(table, exporters="AAA").terms
    assert bm.loc[list(BM_SOURCE_TERMS), "source_share"].sum() == pytest.approx(100.0)
    assert bm.loc[list(BM_SOURCE_TERMS), "sink_share"].sum() == pytest.approx(100.0)
    # source-based DVA + DDC = sink-based DVA + DDC = domestic content
    src = bm.loc[["DAVAX1", "DAVAX2", "VAX3", "VAX4", "REF1", "REF2", "DDC"], "source"].sum()
    snk = bm.loc[["DAVAX1", "DAVAX2", "VAX3", "VAX4", "REF1", "REF2", "DDC"], "sink"].sum()
    assert src == pytest.approx(snk, rel=1e-12)
    assert src == pytest.approx(
        value_added_origin(table, "AAA").terms.loc["dva", "value"], rel=1e-12
    )


def test_gvc_income_adds_up_to_the_chain_final_output() -> None:
    table, _, Y, _ = _table(9)
    everywhere = gvc_income(table, "s3")
    final = Y[2::N].sum()
    assert everywhere.by_country["income"].sum() == pytest.approx(final, rel=1e-12)
    assert everywhere.by_country["share"].sum() == pytest.approx(100.0)
    here = gvc_income(table, "s3", completed_in="BBB")
    assert here.by_country["income"].sum() == pytest.approx(Y[N + 2].sum(), rel=1e-12)


def test_hiy_and_foreign_content_on_a_two_country_table() -> None:
    """Hand-computable case: with no foreign inputs in the partner's production, the
    foreign content equals HIY's vertical specialisation."""
    Z = np.array(
        [[10.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [20.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]
    )
    Y = np.array([[55.0, 35.0], [0.0, 0.0], [0.0, 80.0], [0.0, 0.0]])
    x = Z.sum(axis=1) + Y.sum(axis=1)
    table = world_table(
        regions=("HOM", "FOR"),
        sectors=("a", "b"),
        Z=Z,
        final=Y,
        categories=("final",),
        x=x,
        year=2000,
        source=Source(name="hand", version="", citation=""),
    )
    terms = value_added_origin(table, "HOM").terms["value"]
    # HOM.a exports 35 final goods; its inputs from FOR are 20 of output 100 and from itself
    # 10, and FOR uses only its own value added, so FVA = 0.2 / (1 - 0.1) * 35
    assert terms["gross_exports"] == pytest.approx(35.0)
    assert terms["fva"] == pytest.approx(0.2 / 0.9 * 35.0)
    assert terms["vs_hiy"] == pytest.approx(terms["fva"])


def test_bad_selections_are_clear_errors() -> None:
    table, *_ = _table(0)
    with pytest.raises(LookupFailedError, match="AAA"):
        value_added_origin(table, "Atlantis")
    with pytest.raises(LookupFailedError, match="s1"):
        wwz(table, sectors="widgets")
    with pytest.raises(ParameterError, match="method"):
        decompose(table, "xyz")
    with pytest.raises(ParameterError, match="exporter itself"):
        value_added_origin(table, "AAA", partner="AAA")


def test_public_surface_of_pflab_gvc_resolves() -> None:
    import pflab.gvc

    assert len(set(pflab.gvc.__all__)) == len(pflab.gvc.__all__)
    for name in pflab.gvc.__all__:
        assert getattr(pflab.gvc, name) is not None, name
