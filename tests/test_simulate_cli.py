"""``pflab simulate``, ``compare`` and ``sensitivity`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pflab.simulate.calibrate as calibrate
from pflab.cli import app
from pflab.simulate import example_sectors

runner = CliRunner()


@pytest.fixture
def sectors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calibrate, "load_sectors", lambda *a, **k: example_sectors())


def test_simulate_table_and_fan_chart(sectors: None, tmp_path: Path) -> None:
    plot = tmp_path / "fan.html"
    res = runner.invoke(
        app, ["simulate", "central", "grants", "--draws", "300", "--plot", str(plot)]
    )
    assert res.exit_code == 0, res.output
    assert "What each scenario buys" in res.output
    assert "central" in res.output and "grants" in res.output
    assert "P(double" in res.output  # the goal column (header wraps)
    assert plot.exists() and "plotly" in plot.read_text(encoding="utf-8")[:20000].lower()


def test_simulate_json_is_machine_readable(sectors: None) -> None:
    res = runner.invoke(app, ["simulate", "none", "guidance-funds", "-n", "200", "-f", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [r["scenario"] for r in rows] == ["none", "guidance-funds"]
    assert rows[0]["tfp_effect_p50"] == 0.0 and rows[1]["tfp_effect_p50"] > 0
    assert 0 <= rows[1]["goal_probability"] <= 1


def test_simulate_years_csv(sectors: None) -> None:
    res = runner.invoke(app, ["simulate", "none", "-n", "100", "--years", "-f", "csv"])
    assert res.exit_code == 0, res.output
    header = res.stdout.splitlines()[0]
    assert header.startswith("scenario,metric,year,unit,mean,sd,p05")


def test_compare_side_by_side(sectors: None) -> None:
    res = runner.invoke(app, ["compare", "none", "central", "-n", "200", "-f", "csv"])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[0] == "metric,none,central,central − none"


def test_sensitivity_sobol_and_prim(sectors: None) -> None:
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


def test_errors_are_one_line(sectors: None, tmp_path: Path) -> None:
    res = runner.invoke(app, ["simulate", "guidance-fund", "-n", "10"])
    assert res.exit_code == 1
    assert "unknown scenario" in res.output and "guidance-funds" in res.output
    assert "Traceback" not in res.output
    bad = tmp_path / "bad.toml"
    bad.write_text('[mechanism]\nlag = { dist = "triangular", low = 3, mode = 1, high = 4 }\n')
    res = runner.invoke(app, ["simulate", str(bad), "-n", "10"])
    assert res.exit_code == 1 and "mechanism.lag" in res.output and str(bad) in res.output
    res = runner.invoke(app, ["sensitivity", "central", "--output", "nonsense", "--samples", "8"])
    assert res.exit_code == 1 and "unknown output" in res.output


def test_without_the_network_layer_the_error_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    if importlib.util.find_spec("pflab.network") is not None:
        pytest.skip("pflab.network is part of this build")
    res = runner.invoke(app, ["simulate", "central", "-n", "10"])
    assert res.exit_code == 1 and "pflab.network" in res.output
