"""``pflab terms`` end to end: the adapter over pflab.policy.terms."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pflab.cli import app

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_party_vs_state_side_by_side() -> None:
    terms = "新型举国体制,科技自立自强,新质生产力,自主创新"
    code, out, _ = run("terms", "--corpus", "all", "--terms", terms, "-f", "json")
    assert code == 0
    rows = {r["term"]: r for r in json.loads(out)["tables"]["first"]}
    assert (rows["新型举国体制"]["first_congress"], rows["新型举国体制"]["first_gwr"]) == (
        2022,
        2023,
    )
    assert rows["新质生产力"]["first_congress"] is None
    code, out, _ = run("terms", "--corpus", "all", "--terms", terms)
    assert code == 0 and "2022" in out and "2023" in out and "Caveat 1" in out


def test_embedded_first_years_and_gaps() -> None:
    terms = "自主创新,战略性新兴产业,新型举国体制,新质生产力,未来产业,863计划,973计划,四个现代化"
    code, out, _ = run("terms", "--terms", terms, "-f", "json")
    assert code == 0
    first = {r["term"]: r for r in json.loads(out)["tables"]["first"]}
    assert {t: r["first_year"] for t, r in first.items()} == {
        "自主创新": 2001,
        "战略性新兴产业": 2010,
        "新型举国体制": 2023,
        "新质生产力": 2024,
        "未来产业": 2014,
        "863计划": 1987,
        "973计划": 2002,
        "四个现代化": 1964,
    }
    assert first["863计划"]["match"] == "variant matched"
    assert first["未来产业"]["flag"].startswith("generic phrase")
    code, out, _ = run("terms")
    assert code == 0 and "missing years" in out and "1989-1991, 1996" in out


def test_csv_reads_back_equal_to_json(tmp_path: Path) -> None:
    cases = (
        ["-t", "新质生产力,863计划"],
        ["-c", "all", "-t", "自主创新", "--by", "year"],
        ["-c", "all", "-t", "新型举国体制,未来产业"],
        ["--kwic", "新型举国体制"],
        ["--cooccur", "新质生产力"],
        ["--glossary"],
        ["-c", "congress", "--by", "congress", "-t", "自主创新"],
    )
    for args in cases:
        _, csv_text, _ = run("terms", *args, "-f", "csv")
        _, json_text, _ = run("terms", *args, "-f", "json")
        from_csv = pd.read_csv(io.StringIO(csv_text), skiprows=1)
        tables = json.loads(json_text)["tables"]
        # JSON read back with pandas' JSON reader, as the CSV with its CSV reader (a column
        # of nulls reads back as missing numbers from both)
        records = json.dumps(next(iter(tables.values())), ensure_ascii=False)
        from_json = pd.read_json(io.StringIO(records))
        pd.testing.assert_frame_equal(from_csv, from_json, check_dtype=False)


def test_kwic_and_glossary() -> None:
    code, out, _ = run("terms", "--kwic", "新型举国体制")
    assert code == 0 and "Party 2022 (20th Congress)" in out and "State 2025" in out
    code, out, _ = run("terms", "--glossary", "-t", "新质生产力", "-f", "csv")
    assert code == 0 and "new productive forces" in out


def test_cooccur_with_network_chart(tmp_path: Path) -> None:
    plot = tmp_path / "net.html"
    code, out, _ = run(
        "terms", "--cooccur", "新质生产力", "--periods", "2024-2025", "--plot", str(plot)
    )
    assert code == 0 and plot.is_file() and "现代化产业体系" in out
    html = plot.read_text("utf-8")
    assert "Noto Sans CJK SC" in html


def test_timeline_chart_for_two_corpora(tmp_path: Path) -> None:
    plot = tmp_path / "t.html"
    code, _, err = run("terms", "-c", "all", "-t", "新型举国体制,自主创新", "--plot", str(plot))
    assert code == 0 and plot.is_file() and "wrote" in err
    assert "Party Congress reports" in plot.read_text("utf-8")


def test_own_folder_with_heat_map(tmp_path: Path) -> None:
    (tmp_path / "a_2023.txt").write_text("完善新型举国体制。", "utf-8")
    (tmp_path / "a_2024.txt").write_text("发展新质生产力和新型举国体制。", "utf-8")
    plot = tmp_path / "heat.html"
    code, out, _ = run(
        "terms", str(tmp_path), "-t", "新质生产力,新型举国体制", "--by", "year", "-f", "csv",
        "--plot", str(plot),
    )  # fmt: skip
    assert code == 0 and plot.is_file()
    back = pd.read_csv(io.StringIO(out), skiprows=1)
    row = back[(back["year"] == 2024) & (back["term"] == "新质生产力")].iloc[0]
    assert (row["substring"], row["tokens"]) == (1, 1)


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["-t", "卡脖子"], ["--terms", "not in the counts"]),
        (["/nonexistent/corpus"], ["corpus not found"]),
        (["--periods", "2022-2023"], ["--periods", "do", "not apply"]),
        (["--kwic", "x", "--by", "year"], ["--by", "not apply with --kwic"]),
        (["--glossary", "--plot", "g.html"], ["--plot", "not apply with --glossary"]),
        (["--no-tokens"], ["--no-tokens", "embedded counts"]),
        (["-c", "gwr", "--by", "congress"], ["--by", "no Congress numbers"]),
        (["-c", "all", "--by", "congress"], ["--by", "first, year or document"]),
        (["--plot", "chart.png"], ["--plot", ".html"]),
    ],
)
def test_errors_are_one_line(args: list[str], fragments: list[str]) -> None:
    code, out, err = run("terms", *args)
    assert code == 1 and "Traceback" not in out + err, err
    assert len(err.strip().splitlines()) <= 2
    for fragment in fragments:
        assert fragment in err, (fragment, err)


def test_plot_path_is_checked_before_reading_texts(tmp_path: Path) -> None:
    env = {"PFLAB_RAW_DATA": str(tmp_path)}
    code, _, err = run(
        "terms", "--cooccur", "新质生产力", "--plot", str(tmp_path / "no" / "x.html"), env=env
    )
    assert code == 1 and "folder does not exist" in err


def test_missing_texts_name_where_pflab_looked(tmp_path: Path) -> None:
    code, _, err = run("terms", "--kwic", "新型举国体制", env={"PFLAB_RAW_DATA": str(tmp_path)})
    assert code == 1 and str(tmp_path) in err and "PFLAB_RAW_DATA" in err


def test_an_unknown_choice_is_a_usage_error() -> None:
    code, out, err = run("terms", "--by", "month")
    assert code == 2 and "Traceback" not in out + err and "--by" in err
