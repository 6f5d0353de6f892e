"""The method × data-series sensitivity table and its equal-window band."""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest

from pflab.accounting import (
    METHODS,
    TFP_SERIES,
    Method,
    SensitivityTable,
    TFPSeries,
    growth_accounting,
    method_grid,
    sensitivity,
    vintage_comparison,
    vintage_notes,
)
from pflab.data import load_pwt
from pflab.errors import DataError, LookupFailedError, ParameterError
from pflab.provenance import Source
from pflab.result import Result


@pytest.fixture(scope="module")
def chn() -> SensitivityTable:
    return sensitivity("PRC", "1952-1977,1979-2007,2018-latest")


def test_grid_has_every_combination_once() -> None:
    grid = method_grid()
    assert len(grid) == 16
    assert len({m.label for m in grid}) == 16
    # the named presets appear under their names
    assert {"pwt", "fixed-share", "bosworth-collins", "stock", "persons", "raw-labour"} <= {
        m.name for m in grid
    }
    assert all(any(m.label == p.label for m in grid) for p in METHODS.values())


def test_band_is_the_min_and_max_of_the_rows_in_it(chn: SensitivityTable) -> None:
    wide = chn.pivot()
    band = chn.band().loc["CHN"]
    assert wide.shape == (33, 3)  # 16 methods × 2 PWT vintages, and CIP 4.0 (from 1988)
    for era in wide.columns:
        assert band.loc[era, "min"] == pytest.approx(wide[era].min())
        assert band.loc[era, "max"] == pytest.approx(wide[era].max())
        assert band.loc[era, "range"] == pytest.approx(wide[era].max() - wide[era].min())
    # the reference entry is the pwt method on the newest vintage: PWT's own construction
    reference = growth_accounting("CHN").eras("1979-2007").frame["tfp"].iloc[0]
    assert band.loc["1979–2007", "reference"] == pytest.approx(reference)
    assert band.loc["1979–2007", "reference_by"] == "PWT 11.0, pwt"
    assert band.loc["1979–2007", "min_by"].startswith("PWT 10.01")
    assert band.loc["1979–2007", "max_by"].startswith("PWT 11.0")
    assert band.loc["1979–2007", "excluded"] == "CIP 4.0: covers 1988–2007 only"


def test_china_2018_latest_leaves_out_pwt_10_01(chn: SensitivityTable) -> None:
    """PWT 10.01 ends in 2019: its two years are not compared with 11.0's six."""
    band = chn.band().loc[("CHN", "2018–latest")]
    assert (band["first_year"], band["last_year"], band["years"], band["rows"]) == (
        2018,
        2023,
        6,
        16,
    )
    assert band["excluded"] == "PWT 10.01: covers 2018–2019 only; CIP 4.0: no data"
    long = chn.frame[chn.frame["era"] == "2018–latest"]
    in_band = long[long["in_band"]]
    assert set(in_band["series"]) == {"PWT 11.0"}
    # the band is exactly the range of the 16 PWT 11.0 methods over 2018-2023
    measured = [
        growth_accounting("CHN", method=m).eras("2018-latest").frame["tfp"].iloc[0]
        for m in method_grid()
    ]
    assert band["min"] == pytest.approx(min(measured))
    assert band["max"] == pytest.approx(max(measured))
    # PWT 10.01's rows keep their own two-year averages in the long table, outside the band
    old = long[long["series"] == "PWT 10.01"]
    assert (~old["in_band"]).all() and (old["years"] == 2).all()
    assert chn.pivot().loc[("CHN", "PWT 10.01"), "2018–latest"].isna().all()
    assert any("left out: PWT 10.01: covers 2018–2019 only" in n for n in chn.notes)


def test_rows_are_cut_to_the_reference_window(chn: SensitivityTable) -> None:
    """China's capital stock starts before capital services: stock rows use 1957-1977 too."""
    long = chn.frame[(chn.frame["era"] == "1952–1977") & chn.frame["in_band"]]
    assert set(zip(long["first_year"], long["last_year"], strict=True)) == {(1957, 1977)}
    stock = growth_accounting("CHN", method="stock").annual["tfp"]
    assert stock.index.min() < 1957  # the stock method alone would start earlier
    row = long[(long["series"] == "PWT 11.0") & (long["method"] == "stock")].iloc[0]
    assert row["tfp"] == pytest.approx(stock.loc[1957:1977].mean() * 100)


def _series(vintage: str, method: str, start: int, end: int, rate: float) -> TFPSeries:
    years = pd.Index(range(start, end + 1), name="year")
    return TFPSeries(
        vintage=vintage,
        series=f"S {vintage}",
        method=method,
        method_label=method,
        economy="TOY",
        country="Toyland",
        tfp=pd.Series(rate / 100, index=years),
        source=Source(name="Toy series", version=vintage, citation="hand-made"),
    )


def test_hand_made_band_excludes_a_series_that_does_not_cover_the_era(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reference A: 1 % a year 2001-2010; B: 5 % 2001-2005; C: 10 % 1995-2000, 2 % after.

    Era 2001-latest: the window is A's 2001-2010; B does not cover it and is left out;
    C is cut to the window (2 %). Band 1 to 2. Era 1995-2000: A (the reference) has no
    data, so the window is the longest row, C's 1995-2000; A and B are left out.
    """
    c = _series("c", "tfp-only", 1995, 2010, 2.0)
    c.tfp.loc[1995:2000] = 0.10

    def provider(series: list[TFPSeries]):  # type: ignore[no-untyped-def]
        def provide(economy: str, methods: Sequence[Method]) -> list[TFPSeries]:
            if economy not in ("TOY", "Toyland"):
                raise LookupFailedError("economy", economy)
            return series

        return provide

    monkeypatch.setitem(TFP_SERIES, "a", provider([_series("a", "pwt", 2001, 2010, 1.0)]))
    monkeypatch.setitem(TFP_SERIES, "b", provider([_series("b", "pwt", 2001, 2005, 5.0)]))
    monkeypatch.setitem(TFP_SERIES, "c", provider([c]))
    monkeypatch.setitem(TFP_SERIES, "e", provider([]))  # a series without this economy
    table = sensitivity("Toyland", "2001-latest,1995-2000", vintages=("a", "b", "c", "e"))
    assert "Series e for Toyland has no data; it is not compared." in table.notes
    band = table.band().loc["TOY"]
    assert band.loc["2001–latest", "min"] == pytest.approx(1.0)
    assert band.loc["2001–latest", "max"] == pytest.approx(2.0)
    assert band.loc["2001–latest", "max_by"] == "S c, tfp-only"
    assert band.loc["2001–latest", "excluded"] == "S b: covers 2001–2005 only"
    assert (band.loc["2001–latest", "first_year"], band.loc["2001–latest", "last_year"]) == (
        2001,
        2010,
    )
    assert band.loc["1995–2000", "min"] == pytest.approx(10.0)
    assert band.loc["1995–2000", "reference_by"] == "S c, tfp-only"
    assert band.loc["1995–2000", "excluded"] == "S a: no data; S b: no data"
    # B keeps its own average (5 %) outside the band
    b = table.frame[(table.frame["series"] == "S b") & (table.frame["era"] == "2001–latest")]
    assert b["tfp"].iloc[0] == pytest.approx(5.0) and not b["in_band"].iloc[0]
    # an extra series passed in by a caller joins the same way
    extra = _series("d", "mine", 2001, 2010, -1.0)
    more = sensitivity("TOY", "2001-latest", vintages=("a",), extra_series=[extra])
    assert more.band().loc[("TOY", "2001–latest"), "min"] == pytest.approx(-1.0)
    with pytest.raises(ParameterError, match="extra_series"):
        sensitivity("TOY", "2001-latest", vintages=("a",), extra_series=[_other(extra)])
    with pytest.raises(ParameterError, match="already compared"):
        sensitivity("TOY", "2001-latest", vintages=("a",), extra_series=[extra, extra])


def _other(series: TFPSeries) -> TFPSeries:
    from dataclasses import replace

    return replace(series, economy="XXX")


def test_sensitivity_is_a_result_with_three_tables(chn: SensitivityTable) -> None:
    assert isinstance(chn, Result)
    assert list(chn.tables()) == ["tfp", "pivot", "band"]
    assert {s.version for s in chn.provenance.sources} == {"11.0", "10.01", "4.0 (2023)"}
    assert chn.provenance.parameters["economies"] == ["CHN"]
    d = chn.to_dict()
    for name in ("tfp", "band"):
        back = pd.read_csv(io.StringIO(chn.to_csv(name)), skiprows=1)
        pd.testing.assert_frame_equal(back, pd.DataFrame(d["tables"][name]), check_dtype=False)
    text = chn.summary()
    assert "TFP growth of China (CHN)" in text and "Left out" in text
    assert "<table" in chn._repr_html_()


def test_pwt_10_01_is_described_as_the_third_party_mirror_it_is(chn: SensitivityTable) -> None:
    note = load_pwt("10.01").source.note
    assert "third-party CSV mirror" in note and "jivizcaino/PWT10.1" in note
    assert "three decimals" in note and "not checked against the official release" in note
    assert "10.34894/QT5BCC" in note
    assert any(n.startswith("Data: Penn World Table 10.01: A third-party") for n in chn.notes)


def test_vintage_caveat_for_china_and_not_for_the_united_states() -> None:
    """PWT 11.0 adopted China's official GDP series: the vintages differ by > 1 pp."""
    result = vintage_comparison("CHN")
    assert result.material and result.notes == vintage_notes("CHN")
    comparison = result.to_frame().set_index("era")
    assert comparison.loc["1978–2007", "gdp_gap"] > 1.0
    # PWT's own rtfpna: about 3.5 %/yr in 11.0 and well under 1 %/yr in 10.01
    assert 3.3 < comparison.loc["1978–2007", "rtfpna_new"] < 3.7
    assert 0.3 < comparison.loc["1978–2007", "rtfpna_old"] < 0.9
    (note,) = vintage_notes("China")
    assert note.startswith("What the answer rests on: PWT 11.0 uses China's official GDP")
    assert "Conference Board" in note and "--sensitivity" in note
    assert note in growth_accounting("CHN").eras().notes
    assert note in growth_accounting("CHN", vintage="10.01").eras().notes
    assert vintage_comparison("USA").frame["gdp_gap"].abs().max() < 1.0
    assert not vintage_comparison("USA").material
    assert vintage_notes("USA") == ()
    assert not any("rests on" in n for n in growth_accounting("USA").eras().notes)


@functools.cache
def _flagged() -> list[str]:
    """Economies the rule flags, checked economy by economy against the comparison."""
    new, old = load_pwt("11.0"), load_pwt("10.01")
    flagged = []
    for code in sorted(set(new.economies) & set(old.economies)):
        gaps = vintage_comparison(code).frame
        material = not gaps.empty and bool((gaps["gdp_gap"].abs() > 1.0).any())
        assert bool(vintage_notes(code)) == material, code
        if material:
            flagged.append(code)
    return flagged


def test_vintage_rule_flags_exactly_the_economies_past_the_threshold() -> None:
    flagged = _flagged()
    assert "CHN" in flagged and "USA" not in flagged
    assert 10 <= len(flagged) <= 30  # a minority of the 183 economies


def test_economies_without_inputs_or_outside_a_vintage() -> None:
    # Somalia is in PWT 11.0 but not in 10.01, and has no capital or labour-share data
    with pytest.raises(DataError, match="no method could be computed for 'SOM'"):
        sensitivity("SOM", "2000-2019")
    with pytest.raises(LookupFailedError, match="unknown economy 'SOM'"):
        sensitivity("SOM", "2000-2019", vintages=("10.01",))
    with pytest.raises(ParameterError, match=r"'9\.0' not a TFP series"):
        sensitivity("CHN", vintages=("9.0",))


def test_concat_stacks_economies_into_one_result() -> None:
    both = SensitivityTable.concat(
        [sensitivity("CHN", "2008-2017"), sensitivity("USA", "2008-2017")]
    )
    assert both.economies == ["CHN", "USA"]
    assert list(both.band().index) == [("CHN", "2008–2017"), ("USA", "2008–2017")]
    assert both.pivot().shape == (65, 1)  # 16 × 2 PWT rows each, and CIP 4.0 for China
    assert np.isfinite(both.band()["range"]).all()
    assert "China (CHN), United States (USA)" in both.title


def test_docs_quote_the_note_and_list_the_flagged_economies() -> None:
    """docs/accounting.md shows China's note verbatim and the economies the rule flags."""
    import re
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[1] / "docs" / "accounting.md").read_text("utf-8")
    quoted = " ".join(line[1:].strip() for line in docs.splitlines() if line.startswith(">"))
    (note,) = vintage_notes("CHN")
    assert " ".join(quoted.split()) == note
    listed = re.search(r"pass the threshold\s*\(([A-Z, \n]+)\)", docs)
    assert listed is not None
    codes = {c.strip() for c in listed.group(1).replace("\n", " ").split(",")}
    assert codes == set(_flagged())
