"""`pflab tfp`, run in-process."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pflab.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_default_era_table() -> None:
    code, out, _ = run("tfp", "CHN")
    assert code == 0, out
    for text in (
        "1978–2007",
        "2018–latest",
        "Capital",
        "TFP",
        "Penn World Table 11.0",
        "Törnqvist",
    ):
        assert text in out
    assert "data cover only 1957–1977" in out  # China's 1952-1977 era starts late


def test_csv_is_one_row_per_economy_and_era() -> None:
    code, out, _ = run(
        "tfp",
        "china",
        "--compare",
        "JPN,KOR,USA",
        "--eras",
        "1979-2007,2008-2017,2018-2023",
        "-f",
        "csv",
    )
    assert code == 0
    frame = pd.read_csv(io.StringIO(out))
    assert len(frame) == 12
    assert list(frame["economy"].unique()) == ["CHN", "JPN", "KOR", "USA"]
    parts = frame[["capital", "employment", "hours", "human_capital", "tfp"]].sum(axis=1)
    assert (parts - frame["gdp"]).abs().max() < 1e-4
    chn = frame[(frame["economy"] == "CHN") & (frame["era"] == "1979–2007")].iloc[0]
    assert 3.3 < chn["tfp"] < 3.7
    assert {"method", "vintage", "source"} <= set(frame.columns)
    assert (frame["vintage"].astype(str) == "11.0").all()


def test_json_with_method_and_vintage_options() -> None:
    code, out, _ = run(
        "tfp", "CHN", "--method", "bosworth-collins", "--vintage", "10.01", "--format", "json"
    )
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 4 and rows[0]["method"] == "bosworth-collins"
    assert rows[0]["vintage"] == "10.01" and rows[0]["method_label"] == "stock·α_K=0.4·persons·hc"


def test_overrides_change_the_method() -> None:
    _, out, _ = run(
        "tfp", "CHN", "--capital", "stock", "--capital-share", "0.35", "--no-hours", "-f", "json"
    )
    row = json.loads(out)[1]
    assert row["method"] == "pwt*" and row["method_label"] == "stock·α_K=0.35·persons·hc"
    assert row["hours"] == 0


def test_sensitivity_band_spans_vintages() -> None:
    code, out, _ = run("tfp", "CHN", "--sensitivity", "--eras", "1979-2007", "-f", "json")
    assert code == 0
    rows = pd.DataFrame(json.loads(out))
    assert len(rows) == 32  # 16 methods × 2 vintages
    assert rows["tfp"].min() < 1.0 and rows["tfp"].max() > 3.5
    low = rows.loc[rows["tfp"].idxmin()]
    assert str(low["vintage"]) == "10.01"
    code, out, _ = run("tfp", "CHN", "--sensitivity", "--eras", "1979-2007")
    assert code == 0 and "Lowest" in out and "PWT 10.01" in out and "PWT 11.0" in out


def test_plots_are_offline_html(tmp_path: Path) -> None:
    target = tmp_path / "chn.html"
    code, _, err = run("tfp", "CHN", "--compare", "JPN", "--plot", str(target))
    assert code == 0 and target.is_file() and "wrote" in err
    text = target.read_text(encoding="utf-8")
    assert "Penn World Table 11.0" in text and "cdn.plot.ly" not in text.split("<body>")[0]
    sens = tmp_path / "sens.html"
    assert run("tfp", "CHN", "--sensitivity", "--plot", str(sens))[0] == 0 and sens.is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tfp", "Chna"], "unknown economy 'Chna'; closest matches: China (CHN)"),
        (
            ["tfp", "CHN", "--eras", "2007-1979"],
            "eras: era 2007-1979 ends before it starts",
        ),
        (["tfp", "CHN", "--vintage", "9.0"], "vintage: '9.0' is not embedded"),
        (["tfp", "CHN", "--method", "magic"], "unknown method 'magic'"),
        (
            ["tfp", "CHN", "--capital-share", "2"],
            "--capital-share: expected a share strictly between 0 and 1",
        ),
        (["tfp", "CHN", "--compare", "JPN,,USA"], "--compare: empty item"),
        (["tfp", "CHN", "--data", "/nonexistent/pwt.dta"], "no such file"),
        (["tfp", "CHN", "--plot", "/nonexistent/dir/x.html"], "folder does not exist"),
        (["tfp", "CHN", "--plot", "chart.png"], "expected a file name ending in .html"),
    ],
)
def test_known_errors_are_one_line_and_exit_1(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 1
    assert message in err
    assert "Traceback" not in err + out
    assert len(err.strip().splitlines()) == 1


def test_user_pwt_file(tmp_path: Path) -> None:
    from pflab.data import load_pwt

    frame = load_pwt().frame
    path = tmp_path / "mine.csv"
    frame[frame["countrycode"] == "KOR"].to_csv(path, index=False)
    code, out, _ = run("tfp", "Korea", "--data", str(path), "-f", "csv")
    assert code == 0
    assert pd.read_csv(io.StringIO(out))["economy"].eq("KOR").all()
