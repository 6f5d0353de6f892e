"""``pflab policy`` end to end (``pflab terms``: tests/test_cli_terms.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pflab.cli import app
from pflab.network import load_io

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_with_filters_as_json() -> None:
    code, out, _ = run(
        "policy", "list", "--active-in", "2015", "--sector", "C26", "--kind", "fund", "-f", "json"
    )
    assert code == 0
    assert {r["id"] for r in json.loads(out)} == {"big_fund_1", "guidance_funds"}


def test_list_table_and_csv() -> None:
    code, out, _ = run("policy", "list", "--top", "--family", "future_industries")
    assert code == 0 and "新质生产力" in out and "未来制造" not in out
    code, out, _ = run("policy", "list", "-f", "csv")
    assert code == 0 and out.splitlines()[0].startswith("id,family,name_en,name_zh,kind,start")


def test_show_by_alias_in_three_formats() -> None:
    code, out, _ = run("policy", "show", "MIC2025")
    assert code == 0 and "中国制造2025" in out and "国发〔2015〕28号" in out and "Targets" in out
    code, out, _ = run("policy", "show", "mic2025", "--format", "json")
    record = json.loads(out)
    assert record["name_zh"] == "中国制造2025" and "26" in record["effective_isic"]
    assert {s["key"] for s in record["cited_sources"]} >= {"P1", "P2"}
    code, out, _ = run("policy", "show", "新质生产力", "-f", "csv")
    assert code == 0 and "milestone,2024-01-31" in out


def test_unknown_programme_is_one_red_line() -> None:
    code, out, err = run("policy", "show", "MIC2026")
    assert code == 1 and "Traceback" not in out + err
    assert "unknown programme 'MIC2026'" in err and "mic2025" in err


def test_bad_filters_are_one_line() -> None:
    code, _, err = run("policy", "list", "--sector", "Z9")
    assert code == 1 and "--sector" in err
    code, _, err = run("policy", "list", "--kind", "slogan")
    assert code == 1 and "--kind" in err


def test_timeline_writes_offline_html(tmp_path: Path) -> None:
    target = tmp_path / "line.html"
    code, out, err = run("policy", "timeline", "--plot", str(target))
    assert code == 0 and target.is_file() and "1861-2024" in out
    assert f"wrote {target}" in err
    code, out, _ = run("policy", "timeline", "-f", "json")
    rows = json.loads(out)
    assert rows[0]["id"] == "self_strengthening" and rows[0]["start"] == "1861-01-01"
    code, _, err = run("policy", "timeline", "--plot", str(tmp_path / "line.png"))
    assert code == 1 and ".html" in err


def test_exposure_on_china_2020(tmp_path: Path) -> None:
    code, out, _ = run(
        "policy", "exposure", "CHN", "--year", "2020", "--programmes", "mic2025,p973", "-f", "json"
    )
    assert code == 0, out
    rows = {r["id"]: r for r in json.loads(out)}
    table = load_io("CHN", 2020, source="nbs")
    for pid, row in rows.items():
        codes = row["sectors"].split()
        assert row["gross_output_share"] == pytest.approx(
            100 * table.gross_output[codes].sum() / table.gross_output.sum()
        ), pid
        assert row["domar_weight"] == pytest.approx(table.gross_output[codes].sum() / table.gdp)
    # 973 funds basic research: ISIC 72, one research sector of the 153
    assert rows["p973"]["n_sectors"] >= 1 and rows["p973"]["gross_output_share"] < 5
    target = tmp_path / "exposure.html"
    code, out, _ = run("policy", "exposure", "--programmes", "mic2025", "--plot", str(target))
    assert code == 0 and target.is_file() and "Made in China 2025" in out


def test_exposure_unknown_year_is_one_line() -> None:
    code, _, err = run("policy", "exposure", "CHN", "--year", "1999")
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
