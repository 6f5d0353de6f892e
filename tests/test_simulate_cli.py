"""``pflab simulate``, ``compare``, ``sensitivity`` from the command line: the result
protocol's JSON and CSV, options checked before computing, one-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from pflab.cli import app

runner = CliRunner()


def _json(args: list[str]) -> dict:  # type: ignore[type-arg]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["schema"] == "pflab.result/1"
    return data  # type: ignore[no-any-return]


def test_simulate_json_is_the_result_with_its_stamp() -> None:
    data = _json(["simulate", "central", "--draws", "400", "-f", "json"])
    assert data["kind"] == "SimulationResult"
    assert data["provenance"]["parameters"]["seed"] == 0 and "seed 0" in data["stamp"]
    (row,) = data["tables"]["headline"]
    assert row["scenario"] == "central" and row["draws"] == 400
    for metric in ("tfp_growth", "tfp_effect", "gdp_growth", "gdp_effect"):
        assert row[f"{metric}_p05"] <= row[f"{metric}_p50"] <= row[f"{metric}_p95"]
    assert row["tfp_effect_p05"] > 0  # R&D money on the programme's sectors raises TFP
    assert 0.0 <= row["goal_probability"] <= 1.0
    assert {"windows", "yearly", "goals", "sector_shares"} <= set(data["tables"])
    assert any("Penn World Table" in s["name"] for s in data["provenance"]["sources"])


def test_simulate_years_csv_reads_back_equal_to_json(tmp_path: Path) -> None:
    res = runner.invoke(app, ["simulate", "none", "-n", "100", "--years", "-f", "csv"])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("# pflab ")
    frame = pd.read_csv(io.StringIO(res.stdout), skiprows=1)
    counts = frame.groupby("metric")["year"].agg(["min", "max", "count"])
    assert (counts["min"] == 2024).all() and (counts["max"] == 2050).all()
    data = _json(["simulate", "none", "-n", "100", "--years", "-f", "json"])
    pd.testing.assert_frame_equal(frame, pd.DataFrame(data["tables"]["yearly"]), check_dtype=False)


def test_simulate_table_out_folder_and_fan_chart(tmp_path: Path) -> None:
    plot, out = tmp_path / "fan.html", tmp_path / "out"
    res = runner.invoke(
        app,
        ["simulate", "central", "grants", "-n", "300", "--plot", str(plot), "--out", str(out)],
    )
    assert res.exit_code == 0, res.output
    text = " ".join(res.output.split())
    assert "What each scenario buys" in text and "grants" in text
    assert "Goals (paired: same draws)" in text
    assert plot.exists() and "plotly" in plot.read_text(encoding="utf-8")[:20000].lower()
    assert {p.name for p in out.iterdir()} >= {"headline.csv", "goals.csv", "result.json"}


def test_compare_is_paired_and_machine_readable() -> None:
    data = _json(["compare", "none", "central", "-n", "300", "-f", "json"])
    assert data["kind"] == "Comparison"
    effects = pd.DataFrame(data["tables"]["effects"])
    row = effects[(effects["metric"] == "tfp_growth") & (effects["window"] == "2024-2035")]
    levels = pd.DataFrame(data["tables"]["scenarios"]).set_index("scenario")
    # the median of the paired difference is central's own "bought", not a gap of medians
    assert float(row["p50"].iloc[0]) == levels.loc["central", "tfp_effect_p50"]
    res = runner.invoke(app, ["compare", "none", "central", "-n", "200", "-f", "csv"])
    assert res.exit_code == 0, res.output
    header = res.stdout.splitlines()[1]
    assert header.startswith("scenario,reference,metric,description,window")


def test_sensitivity_sobol_and_prim(tmp_path: Path) -> None:
    data = _json(
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
        ]
    )
    assert {"parameter", "ST", "S1"} <= set(data["tables"]["indices"][0])
    assert any(n.startswith("Warning:") for n in data["notes"])  # 32 samples are too few
    plot = tmp_path / "prim.html"
    res = runner.invoke(
        app, ["sensitivity", "none", "--method", "prim", "--draws", "3000", "--plot", str(plot)]
    )
    assert res.exit_code == 0, res.output
    assert "PRIM box" in res.output and plot.exists()


def test_inapplicable_options_and_bad_paths_fail_before_computing(tmp_path: Path) -> None:
    res = runner.invoke(app, ["simulate", "central", "--workers", "2"])
    assert res.exit_code == 1 and "--workers" in res.output and "--backend local" in res.output
    res = runner.invoke(app, ["simulate", "central", "--scheduler", "tcp://x:1"])
    assert res.exit_code == 1 and "--scheduler" in res.output
    res = runner.invoke(app, ["sensitivity", "none", "--method", "prim", "--samples", "64"])
    assert res.exit_code == 1 and "--samples" in res.output
    res = runner.invoke(app, ["sensitivity", "central", "--goal", "x"])
    assert res.exit_code == 1 and "--goal" in res.output
    missing = tmp_path / "nowhere"
    for flag, name in (("--plot", "f.html"), ("--store", "r.duckdb"), ("--out", "dir")):
        res = runner.invoke(app, ["simulate", "central", "-n", "10", flag, str(missing / name)])
        assert res.exit_code == 1, (flag, res.output)
        assert flag in res.output and "does not exist" in res.output
        assert "Traceback" not in res.output
    res = runner.invoke(app, ["simulate", "central", "-n", "10", "--plot", str(tmp_path / "a.png")])
    assert res.exit_code == 1 and ".html" in res.output


def test_help_has_an_example_and_keeps_defaults() -> None:
    for command in ("simulate", "compare", "sensitivity"):
        res = runner.invoke(app, [command, "--help"])
        assert res.exit_code == 0
        text = " ".join(res.output.split())
        assert f"Example: pflab {command}" in text
        assert "[default: 10000]" in text or command == "sensitivity"


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
    assert res.exit_code == 1 and "unknown output" in res.output and "--output" in res.output


def test_bad_budgets_end_in_one_line_before_computing(tmp_path: Path) -> None:
    for value in ("-0.5", "5.0"):
        bad = tmp_path / f"budget{value}.toml"
        bad.write_text(f'extends = "central"\n[budget]\nshare_of_gdp = {value}\n')
        res = runner.invoke(app, ["simulate", str(bad), "-n", "100000"])
        assert res.exit_code == 1 and "Traceback" not in res.output
        lines = [line for line in res.output.splitlines() if line.strip()]
        assert len(lines) <= 3 and "budget.share_of_gdp" in res.output  # one (wrapped) line
        assert "outside [0, 0.1]" in " ".join(res.output.split())


def test_baseline_option_switches_the_trend() -> None:
    data = _json(["simulate", "none", "-n", "200", "--baseline", "adjusted", "-f", "json"])
    assert any(n.startswith("Baseline: adjusted baseline") for n in data["notes"])
    assert any("CIP 4.0" in n and "2003–2017" in n for n in data["notes"])
    res = runner.invoke(app, ["simulate", "none", "--baseline", "wishful"])
    assert res.exit_code != 0
