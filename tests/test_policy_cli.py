"""``pflab policy`` end to end (``pflab terms``: tests/test_cli_terms.py)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from pflab.cli import app
from pflab.network import load_io
from pflab.policy import programme_weights

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def result_json(out: str) -> dict[str, object]:
    record = json.loads(out)
    assert record["schema"] == "pflab.result/1", record
    return record


def test_list_with_filters_as_json() -> None:
    code, out, _ = run(
        "policy", "list", "--active-in", "2015", "--sector", "C26", "--kind", "fund", "-f", "json"
    )
    assert code == 0
    record = result_json(out)
    assert record["kind"] == "RegistryListing"
    assert {r["id"] for r in record["tables"]["entries"]} == {"big_fund_1", "guidance_funds"}
    assert record["provenance"]["parameters"] == {
        "active_in": 2015,
        "sector": "C26",
        "kind": "fund",
    }


def test_list_table_and_csv_read_back_equal_to_json() -> None:
    code, out, _ = run("policy", "list", "--top", "--family", "future_industries")
    assert code == 0 and "新质生产力" in out and "未来制造" not in out
    code, csv_text, _ = run("policy", "list", "-f", "csv")
    assert code == 0 and csv_text.startswith("# pflab ")
    assert csv_text.splitlines()[1].startswith("id,family,name_en,name_zh,kind,start")
    _, json_text, _ = run("policy", "list", "-f", "json")
    from_csv = pd.read_csv(io.StringIO(csv_text), skiprows=1)
    from_json = pd.DataFrame(json.loads(json_text)["tables"]["entries"])
    pd.testing.assert_frame_equal(from_csv, from_json, check_dtype=False)


def test_show_by_alias_in_three_formats() -> None:
    code, out, _ = run("policy", "show", "MIC2025")
    assert code == 0 and "中国制造2025" in out and "国发〔2015〕28号" in out
    assert "Targets" in out and "Share of each NBS 153 sector" in out
    code, out, _ = run("policy", "show", "mic2025", "--format", "json")
    record = result_json(out)
    assert record["kind"] == "ProgrammeDetail"
    assert set(record["tables"]) == {
        "fields", "sectors", "sector_map", "targets", "facts", "documents", "milestones",
        "sources",
    }  # fmt: skip
    fields = {r["field"]: r["value"] for r in record["tables"]["fields"]}
    assert fields["name (Chinese)"] == "中国制造2025"
    assert "26" in {r["isic"] for r in record["tables"]["sectors"]}
    assert record["tables"]["documents"][0]["number"] == "国发〔2015〕28号"
    assert {s["key"] for s in record["tables"]["sources"]} >= {"P1", "P2"}
    code, out, _ = run("policy", "show", "新质生产力", "-f", "csv")
    assert code == 0 and out.splitlines()[1] == "field,value"


def test_show_keeps_bracketed_flags_on_screen() -> None:
    # rich would read "[conflict]" as markup and drop it; the renderer must not
    code, out, _ = run("policy", "show", "future_industries_2024")
    assert code == 0 and "2024-01-29 [conflict]" in out


def test_unknown_programme_is_one_red_line() -> None:
    code, out, err = run("policy", "show", "MIC2026")
    assert code == 1 and "Traceback" not in out + err
    assert "unknown programme 'MIC2026'" in err and "mic2025" in err


def test_bad_filters_name_the_flag() -> None:
    code, _, err = run("policy", "list", "--sector", "Z9")
    assert code == 1 and "--sector" in err
    code, _, err = run("policy", "list", "--kind", "slogan")
    assert code == 1 and "--kind" in err
    code, _, err = run("policy", "timeline", "--horizon", "1800")
    assert code == 1 and "--horizon" in err
    code, _, err = run("policy", "exposure", "--programmes", "SEI,,MIC2025")
    assert code == 1 and "--programmes" in err


def test_timeline_writes_offline_html(tmp_path: Path) -> None:
    target = tmp_path / "line.html"
    code, out, err = run("policy", "timeline", "--plot", str(target))
    assert code == 0 and target.is_file() and "1861-2024" in out
    assert f"wrote {target}" in err
    code, out, _ = run("policy", "timeline", "-f", "json")
    rows = result_json(out)["tables"]["entries"]
    assert rows[0]["id"] == "self_strengthening" and rows[0]["start"] == "1861-01-01"


def test_output_paths_are_checked_before_any_work(tmp_path: Path) -> None:
    code, out, err = run("policy", "timeline", "--plot", str(tmp_path / "line.png"))
    assert code == 1 and ".html" in err and out == ""
    code, out, err = run(
        "policy", "exposure", "--plot", str(tmp_path / "missing" / "x.html")
    )  # fmt: skip
    assert code == 1 and out == "" and "--plot" in err


def test_out_folder_holds_every_table(tmp_path: Path) -> None:
    folder = tmp_path / "mic"
    code, _, err = run("policy", "show", "MIC2025", "--out", str(folder))
    assert code == 0, err
    names = {p.name for p in folder.iterdir()}
    assert {"fields.csv", "targets.csv", "sector_map.csv", "result.json"} <= names


def test_exposure_on_china_2020(tmp_path: Path) -> None:
    code, out, _ = run(
        "policy", "exposure", "CHN", "--year", "2020", "--programmes", "mic2025,p973", "-f", "json"
    )
    assert code == 0, out
    record = result_json(out)
    rows = {r["id"]: r for r in record["tables"]["exposure"]}
    table = load_io("CHN", 2020, source="nbs")
    x = table.gross_output
    for pid, row in rows.items():
        w = programme_weights(pid, table).shares()
        targeted = sum(s * x[c] for c, s in w.items())
        assert row["gross_output_share"] == pytest.approx(100 * targeted / x.sum()), pid
        assert row["domar_weight"] == pytest.approx(targeted / table.gdp)
    # 973 has no sector map: its research sector counts whole, flagged as an upper bound
    assert rows["p973"]["weights"] == "whole sectors" and rows["p973"]["approximate"]
    assert rows["mic2025"]["weights"] == "unofficial"
    target = tmp_path / "exposure.html"
    code, out, _ = run("policy", "exposure", "--programmes", "mic2025", "--plot", str(target))
    assert code == 0 and target.is_file() and "Made in China 2025" in out


def test_exposure_table_view_shows_official_figures_and_employment_gap() -> None:
    code, out, _ = run("policy", "exposure", "CHN", "--year", "2020")
    assert code == 0
    assert "11.5 % of GDP (2019)" in out  # SEI: the official figure and its year
    assert "7.8 % of GDP (2020)" in out  # digital-economy core industries
    assert "Jobs %: no employment by sector for 2020" in out
    code, out, _ = run("policy", "exposure", "CHN", "--year", "2018")
    assert code == 0 and "no employment by sector" not in out


def test_weights_and_validate_commands() -> None:
    code, out, _ = run(
        "policy", "weights", "SEI", "--year", "2020", "--sectors", "42", "-f", "json"
    )
    assert code == 0, out
    record = result_json(out)
    assert record["kind"] == "SectorWeights"
    shares = {r["code"]: r["share"] for r in record["tables"]["weights"]}
    assert 0.5 < shares["20"] < 1  # electronics, mostly but not wholly in SEI
    code, out, _ = run("policy", "validate", "-f", "csv")
    assert code == 0 and "sei_2017" in out and "pi_2021" in out


def test_exposure_unknown_year_is_one_line() -> None:
    code, _, err = run("policy", "exposure", "CHN", "--year", "1999")
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["policy", "list"],
        ["policy", "show", "MIC2025"],
        ["policy", "timeline"],
        ["policy", "weights", "SEI", "--sectors", "42"],
        ["policy", "exposure", "--programmes", "SEI,MIC2025,p973"],
        ["policy", "validate"],
    ],
    ids=["list", "show", "timeline", "weights", "exposure", "validate"],
)
def test_every_policy_command_csv_reads_back_equal_to_its_json(args: list[str]) -> None:
    code, csv_text, err = run(*args, "-f", "csv")
    assert code == 0, err
    code, json_text, err = run(*args, "-f", "json")
    assert code == 0, err
    record = result_json(json_text)
    main = next(iter(record["tables"].values()))  # type: ignore[union-attr]
    from_csv = pd.read_csv(io.StringIO(csv_text), skiprows=1, dtype={"code": str})
    from_json = pd.DataFrame(main)
    # JSON writes a missing value as null; a column with nothing but nulls reads back as
    # None objects, CSV as float NaN: the same missing value
    from_json = from_json.where(from_json.notna(), np.nan)
    pd.testing.assert_frame_equal(from_csv, from_json, check_dtype=False)
