"""`pflab tfp --vintage cip4`, `pflab tfp --by-industry` and `pflab spillovers`, in-process."""

from __future__ import annotations

import ast
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pflab.accounting.industry import INDUSTRY_GROUPS
from pflab.cli import app
from pflab.cli.spillovers import Group

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
ERAS = "1988-2007,2008-2017"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cip_vintage_prints_cips_aggregate() -> None:
    code, out, _ = run("tfp", "CHN", "--vintage", "cip4", "--eras", ERAS)
    assert code == 0, out
    flat = " ".join(out.split())
    assert "+1.15" in flat and "-0.92" in flat
    assert "over 3 %" in flat  # where CIP departs from the essay
    assert "PWT 11.0" in flat and "China Industrial Productivity database 4.0" in flat
    # default eras are CIP's own span
    code, default, _ = run("tfp", "CHN", "--vintage", "cip4")
    assert code == 0 and "1988–2007" in default and "2008–2017" in default


def test_by_industry_adds_up_and_shows_hulten() -> None:
    code, out, _ = run("tfp", "CHN", "--by-industry", "--eras", ERAS, "-f", "json")
    assert code == 0
    result = json.loads(out)
    rows = pd.DataFrame(result["tables"]["contributions"]).set_index("item")
    for era in ("1988–2007", "2008–2017"):
        parts = rows.loc[rows["kind"].isin(["group", "reallocation"]), era].sum()
        assert parts == pytest.approx(rows.loc["Aggregate TFP (value-added basis)", era])
    assert round(rows.loc["Aggregate TFP (value-added basis)", "1988–2007"], 2) == 1.15
    assert round(rows.loc["Hulten: Domar-weighted Σ gross-output TFP", "2008–2017"], 2) == -0.22
    assert set(result["tables"]) == {"contributions", "industries", "groups", "annual"}
    assert len(result["tables"]["industries"]) == 37
    code, table, _ = run("tfp", "CHN", "--by-industry", "--eras", ERAS)
    flat = " ".join(table.split())
    for text in ("ICT producing", "Capital reallocation", "Hulten", "Gap", "ICT", "SER"):
        assert text in flat


def test_by_industry_csv_reads_back_equal_to_json() -> None:
    _, text, _ = run("tfp", "CHN", "--by-industry", "--basis", "go", "-f", "csv")
    _, js, _ = run("tfp", "CHN", "--by-industry", "--basis", "go", "-f", "json")
    back = pd.read_csv(io.StringIO(text), skiprows=1)
    expected = pd.DataFrame(json.loads(js)["tables"]["contributions"])
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)
    assert "gross-output basis" in text.splitlines()[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tfp", "CHN", "--by-industry", "--method", "stock"], "--method"),
        (["tfp", "CHN", "--by-industry", "--vintage", "10.01"], "--vintage"),
        (["tfp", "CHN", "--vintage", "cip4", "--compare", "JPN"], "--compare"),
        (["tfp", "CHN", "--vintage", "cip4", "--sensitivity"], "--sensitivity"),
        (["tfp", "CHN", "--basis", "go"], "--basis: applies only with --by-industry"),
        (["tfp", "JPN", "--by-industry"], "CIP 4.0 covers China only"),
        (["tfp", "CHN", "--vintage", "cip4", "--eras", "2018-latest"], "holds no year"),
        (["spillovers", "USA"], "CIP 4.0 covers China only"),
        (["spillovers", "CHN", "--lag", "7"], "--lag: 7; expected 1, 2 or 3"),
    ],
)
def test_errors_are_one_line_and_exit_1(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 1, out
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_sensitivity_puts_cip_beside_both_pwt_vintages() -> None:
    code, out, _ = run("tfp", "CHN", "--sensitivity", "--eras", ERAS, "-f", "json")
    assert code == 0
    rows = pd.DataFrame(json.loads(out)["tables"]["tfp"])
    assert set(rows["series"]) == {"PWT 11.0", "PWT 10.01", "CIP 4.0"}
    cip = rows[rows["series"] == "CIP 4.0"].set_index("era")
    assert cip["in_band"].all()
    assert round(cip.loc["1988–2007", "tfp"], 2) == 1.15
    assert round(cip.loc["2008–2017", "tfp"], 2) == -0.92


def test_plots_are_offline_html(tmp_path: Path) -> None:
    for args, name in (
        (["tfp", "CHN", "--by-industry"], "groups.html"),
        (["tfp", "CHN", "--vintage", "cip4"], "aggregate.html"),
    ):
        target = tmp_path / name
        code, out, err = run(*args, "--plot", str(target))
        assert code == 0, out + err
        text = target.read_text(encoding="utf-8")
        assert "plotly" in text and "cdn.plot.ly" not in text.split("<body>")[0]
        assert "China Industrial Productivity" in text


def test_spillovers_command(tmp_path: Path) -> None:
    plot = tmp_path / "spill.html"
    code, out, err = run(
        "spillovers", "CHN", "--group", "market-services", "-f", "json", "--plot", str(plot)
    )
    assert code == 0, out + err
    result = json.loads(out)
    estimate = result["tables"]["estimate"][0]
    assert estimate["ci_low"] <= estimate["effect"] <= estimate["ci_high"]
    assert estimate["supplier_group"] == "Market services"
    assert "95 % CI" in estimate["statement"]
    assert any("Not causal" in n for n in result["notes"])
    assert {m["model"] for m in result["tables"]["models"]} == {
        "lagged",
        "placebo (suppliers one year ahead)",
    }
    assert "slope" in plot.read_text(encoding="utf-8")


def test_spillover_groups_match_the_library() -> None:
    assert [g.value for g in Group] == [g.key for g in INDUSTRY_GROUPS]


def test_spillovers_cli_module_imports_no_library_at_module_level() -> None:
    tree = ast.parse((ROOT / "src/pflab/cli/spillovers.py").read_text(encoding="utf-8"))
    top = {
        node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module is not None
    }
    assert not {m for m in top if m.startswith("pflab.") and not m.startswith("pflab.cli")}


def test_output_paths_are_checked_before_computing(tmp_path: Path) -> None:
    code, _, err = run("spillovers", "CHN", "--plot", str(tmp_path / "nope" / "x.html"))
    assert code == 1 and "folder does not exist" in err
    code, _, err = run("tfp", "CHN", "--by-industry", "--plot", str(tmp_path / "x.png"))
    assert code == 1 and ".html" in err
