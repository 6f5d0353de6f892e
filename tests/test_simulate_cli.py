"""``pflab simulate``, ``compare`` and ``sensitivity`` from the command line, on the
default sector structure (WIOD 2016 release, China 2014)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from pflab.cli import app

runner = CliRunner()


def test_simulate_central_on_the_wiod_sector_structure() -> None:
    res = runner.invoke(app, ["simulate", "central", "--draws", "2000", "-f", "json"])
    assert res.exit_code == 0, res.output
    (row,) = json.loads(res.stdout)
    assert row["scenario"] == "central" and row["draws"] == 2000
    assert row["window"] == "2024-2035"
    for metric in ("tfp_growth", "tfp_effect", "gdp_growth", "gdp_effect"):
        assert row[f"{metric}_p05"] <= row[f"{metric}_p50"] <= row[f"{metric}_p95"]
    assert row["tfp_effect_p05"] > 0  # R&D money on the programme's sectors raises TFP
    for key in ("goal_probability", "goal_probability_without_policy"):
        assert 0.0 <= row[key] <= 1.0
    assert 0 < row["manufacturing_share_p50"] < 100

    res = runner.invoke(app, ["simulate", "central", "-n", "2000", "--years", "-f", "csv"])
    assert res.exit_code == 0, res.output
    frame = pd.read_csv(io.StringIO(res.stdout))
    counts = frame.groupby("metric")["year"].agg(["min", "max", "count"])
    assert (counts["min"] == 2024).all() and (counts["max"] == 2050).all()
    assert (counts["count"] == 27).all()

    res = runner.invoke(app, ["simulate", "central", "-n", "2000"])
    assert res.exit_code == 0, res.output
    text = " ".join(res.output.split())
    assert "sectors: WIOD national input-output tables, CHN 2014 (wiod56)" in text
    assert "Penn World Table" in text and "pflab policy registry" in text


def test_simulate_table_and_fan_chart(tmp_path: Path) -> None:
    plot = tmp_path / "fan.html"
    res = runner.invoke(
        app, ["simulate", "central", "grants", "--draws", "300", "--plot", str(plot)]
    )
    assert res.exit_code == 0, res.output
    assert "What each scenario buys" in res.output
    assert "central" in res.output and "grants" in res.output
    assert "P(double" in res.output  # the goal column (header wraps)
    assert plot.exists() and "plotly" in plot.read_text(encoding="utf-8")[:20000].lower()


def test_simulate_json_is_machine_readable() -> None:
    res = runner.invoke(app, ["simulate", "none", "guidance-funds", "-n", "200", "-f", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [r["scenario"] for r in rows] == ["none", "guidance-funds"]
    assert rows[0]["tfp_effect_p50"] == 0.0 and rows[1]["tfp_effect_p50"] > 0
    assert 0 <= rows[1]["goal_probability"] <= 1


def test_simulate_years_csv() -> None:
    res = runner.invoke(app, ["simulate", "none", "-n", "100", "--years", "-f", "csv"])
    assert res.exit_code == 0, res.output
    header = res.stdout.splitlines()[0]
    assert header.startswith("scenario,metric,year,unit,mean,sd,p05")


def test_compare_side_by_side() -> None:
    res = runner.invoke(app, ["compare", "none", "central", "-n", "200", "-f", "csv"])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[0] == "metric,none,central,central − none"


def test_sensitivity_sobol_and_prim() -> None:
    res = runner.invoke(
        app,
        [
            "sensitivity",
            "central",
            "--output",
            "tfp_effect_2024_2035",
            "--samples",
            "32",
            "--replications",
            "1",
            "-f",
            "json",
        ],
    )
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert {"parameter", "ST", "S1"} <= set(rows[0])
    res = runner.invoke(app, ["sensitivity", "none", "--method", "prim", "--draws", "3000"])
    assert res.exit_code == 0, res.output
    assert "PRIM box" in res.output


def test_errors_are_one_line(tmp_path: Path) -> None:
    res = runner.invoke(app, ["simulate", "guidance-fund", "-n", "10"])
    assert res.exit_code == 1
    assert "unknown scenario" in res.output and "guidance-funds" in res.output
    assert "Traceback" not in res.output
    bad = tmp_path / "bad.toml"
    bad.write_text('[mechanism]\nlag = { dist = "triangular", low = 3, mode = 1, high = 4 }\n')
    res = runner.invoke(app, ["simulate", str(bad), "-n", "10"])
    assert res.exit_code == 1 and "mechanism.lag" in res.output and str(bad) in res.output
    typo = tmp_path / "typo.toml"
    typo.write_text('extends = "central"\n[targeting]\nprogramme = "future_industry"\n')
    res = runner.invoke(app, ["simulate", str(typo), "-n", "10"])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "future_industries_2024" in res.output and "targeting.programme" in res.output
    res = runner.invoke(app, ["sensitivity", "central", "--output", "nonsense", "--samples", "8"])
    assert res.exit_code == 1 and "unknown output" in res.output
