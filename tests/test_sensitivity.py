"""The method × vintage sensitivity table."""

from __future__ import annotations

import pytest

from pflab.accounting import METHODS, growth_accounting, method_grid, sensitivity
from pflab.errors import DataError, LookupFailedError


@pytest.fixture(scope="module")
def chn():  # type: ignore[no-untyped-def]
    return sensitivity("PRC", "1979-2007,2018-latest")


def test_grid_has_every_combination_once() -> None:
    grid = method_grid()
    assert len(grid) == 16
    assert len({m.label for m in grid}) == 16
    # the named presets appear under their names
    assert {"pwt", "fixed-share", "bosworth-collins", "stock", "persons", "raw-labour"} <= {
        m.name for m in grid
    }
    assert all(any(m.label == p.label for m in grid) for p in METHODS.values())


def test_band_is_the_min_and_max_of_the_table(chn) -> None:  # type: ignore[no-untyped-def]
    wide = chn.pivot()
    band = chn.band()
    assert wide.shape == (32, 2)
    for era in wide.columns:
        assert band.loc[era, "min"] == pytest.approx(wide[era].min())
        assert band.loc[era, "max"] == pytest.approx(wide[era].max())
        assert band.loc[era, "range"] == pytest.approx(wide[era].max() - wide[era].min())
    # the reference entry is the pwt method on the newest vintage
    reference = growth_accounting("CHN").eras("1979-2007").frame["tfp"].iloc[0]
    assert band.loc["1979–2007", "pwt"] == pytest.approx(reference)
    assert band.loc["1979–2007", "min_by"].startswith("PWT 10.01")
    assert band.loc["1979–2007", "max_by"].startswith("PWT 11.0")


def test_notes_say_which_years_each_vintage_covers(chn) -> None:  # type: ignore[no-untyped-def]
    notes = " ".join(chn.notes())
    assert "PWT 10.01: 2018–2019" in notes and "PWT 11.0: 2018–2023" in notes
    assert "Penn World Table 10.01" in notes
    assert "TFP growth of China (CHN)" in chn.summary()
    assert "<table" in chn._repr_html_()


def test_economies_without_inputs_or_outside_a_vintage() -> None:
    # Somalia is in PWT 11.0 but not in 10.01, and has no capital or labour-share data
    with pytest.raises(DataError, match="no method could be computed for 'SOM'"):
        sensitivity("SOM", "2000-2019")
    with pytest.raises(LookupFailedError, match="unknown economy 'SOM'"):
        sensitivity("SOM", "2000-2019", vintages=("10.01",))
