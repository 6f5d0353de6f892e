"""``pflab gvc``: the issue's questions answered from the embedded WIOD 2013 tables,
machine-readable output, charts, user tables and errors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from pflab.cli import app
from pflab.gvc import localisation, value_added_origin

runner = CliRunner()


def test_china_electronics_fva_share_with_its_sources() -> None:
    result = runner.invoke(app, ["gvc", "CHN", "--year", "2011", "--sector", "c14"])
    assert result.exit_code == 0, result.output
    text = result.output
    share = value_added_origin(2011, "CHN", sectors="c14").fva_share
    assert f"{share:.2f}" in text
    for needle in ("Foreign value added", "Japan", "Korea", "Taiwan", "United States", "rounded"):
        assert needle in text


def test_json_carries_terms_sources_and_provenance() -> None:
    result = runner.invoke(app, ["gvc", "China", "--sector", "electronics", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    terms = {row["term"]: row for row in data["tables"]["terms"]}
    assert terms["gross_exports"]["share"] == 100.0
    assert terms["dva"]["share"] + terms["fva"]["share"] == pytest.approx(100.0)
    sources = {row["source"] for row in data["tables"]["sources"]}
    assert {"JPN", "KOR", "TWN", "USA", "DEU"} <= sources
    assert data["provenance"]["parameters"]["sectors"] == ["c14"]
    assert any("rounded to whole US$ million" in note for note in data["notes"])


def test_path_over_years_as_csv() -> None:
    result = runner.invoke(
        app, ["gvc", "CHN", "--sector", "c14", "--years", "2009-2011", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# pflab")
    frame = pd.read_csv(pd.io.common.StringIO("\n".join(lines[1:])))
    assert list(frame["year"]) == [2009, 2010, 2011]
    expected = localisation(["CHN"], years="2009-2011", sector="c14").economies
    np.testing.assert_allclose(frame["fva_share"], expected["sector_fva_share"], rtol=1e-12)


@pytest.mark.slow
def test_full_path_1995_2011_reproduces_the_measured_shares() -> None:
    result = runner.invoke(app, ["gvc", "CHN", "--years", "1995-2011", "--format", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(pd.io.common.StringIO(result.stdout.split("\n", 1)[1])).set_index("year")
    assert len(frame) == 17
    # SOURCES.md section 10
    for year, share in {1995: 15.7, 2000: 17.2, 2005: 25.7, 2011: 21.8}.items():
        assert frame.at[year, "fva_share"] == pytest.approx(share, abs=0.05)


def test_wwz_by_partner_with_a_chart(tmp_path: Path) -> None:
    target = tmp_path / "wwz.html"
    result = runner.invoke(
        app, ["gvc", "CHN", "--method", "wwz", "--sector", "c14", "--plot", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert "DVA in final goods exports" in result.output
    html = target.read_text(encoding="utf-8")
    assert "Wang-Wei-Zhu" in html and "Timmer" in html


def test_kww_and_borin_mancini_shares_add_up() -> None:
    for method, column in (("kww", "share"), ("borin-mancini", "source_share")):
        result = runner.invoke(
            app, ["gvc", "KOR", "--method", method, "--partner", "CHN", "--format", "csv"]
        )
        assert result.exit_code == 0, result.output
        frame = pd.read_csv(pd.io.common.StringIO(result.stdout.split("\n", 1)[1]))
        assert frame.loc[frame["term"] != "gross_exports", column].sum() == pytest.approx(100.0)


def test_compare_writes_the_localisation_chart(tmp_path: Path) -> None:
    target = tmp_path / "loc.html"
    result = runner.invoke(
        app, ["gvc", "CHN", "--years", "2010-2011", "--compare", "JPN,KOR", "--plot", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert "Mfg VA absorbed abroad" in result.output
    assert "absorbed abroad" in target.read_text(encoding="utf-8")


def test_out_folder_holds_every_table(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    result = runner.invoke(app, ["gvc", "DEU", "--sector", "c15", "--out", str(folder)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in folder.iterdir()} == {
        "terms.csv",
        "sources.csv",
        "sectors.csv",
        "result.json",
    }


def test_user_table(tmp_path: Path) -> None:
    labels = ["USA_26", "USA_62", "CHN_26", "CHN_62", "ROW_26", "ROW_62"]
    rng = np.random.default_rng(3)
    Z = rng.integers(1, 30, (6, 6)).astype(float)
    final = [f"{c}_HFCE" for c in ("USA", "CHN", "ROW")]
    F = rng.integers(10, 60, (6, 3)).astype(float)
    frame = pd.DataFrame(np.hstack([Z, F]), index=labels, columns=labels + final)
    frame["OUT"] = Z.sum(axis=1) + F.sum(axis=1)
    path = tmp_path / "ICIO2023_2019.csv"
    frame.to_csv(path)
    result = runner.invoke(
        app, ["gvc", "CHN", "--data", str(path), "--sector", "26", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["provenance"]["parameters"]["year"] == 2019
    assert data["provenance"]["sources"][0]["name"] == "OECD Inter-Country Input-Output tables"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "1990"], "--year: 1990"),
        (["--plot", "chart.png"], "--plot"),
        (["--compare", "JPN"], "--compare: needs --years"),
        (["--years", "2000-2001", "--year", "2000"], "--year does not apply"),
        (["--years", "2011-2009"], "--years"),
        (["--sector", "widgets"], "unknown sector"),
        (["--partner", "CHN"], "--partner"),
        (["--data", "/nonexistent/table.csv"], "file not found"),
    ],
)
def test_errors_are_one_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["gvc", "CHN", *args])
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output
