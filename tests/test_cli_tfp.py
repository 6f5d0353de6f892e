"""`pflab tfp`, run in-process."""

from __future__ import annotations

import ast
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pflab.cli import app

runner = CliRunner()

ROOT = Path(__file__).resolve().parents[1]


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


def test_china_table_ends_with_what_the_answer_rests_on() -> None:
    code, out, _ = run("tfp", "CHN")
    assert code == 0
    flat = " ".join(out.split())
    caveat = flat.index("What the answer rests on")
    assert "official GDP series" in flat[caveat:]
    assert "Wu" in flat[caveat:] and "Conference Board" in flat[caveat:]
    assert "pflab tfp CHN --sensitivity" in flat[caveat:]
    # the caveat is the last note: only the source citation follows it
    assert flat[caveat:].count("Source:") == 1
    assert "Data:" not in flat[caveat:]


# every mode: (arguments, name of the main table)
MODES = [
    (["tfp", "CHN"], "eras"),
    (["tfp", "china", "--compare", "JPN,KOR,USA", "--eras", "1979-2007,2008-2017"], "eras"),
    (["tfp", "CHN", "--method", "bosworth-collins", "--vintage", "10.01"], "eras"),
    (["tfp", "CHN", "--capital", "stock", "--capital-share", "0.35", "--no-hours"], "eras"),
    (["tfp", "CHN", "--sensitivity", "--eras", "1979-2007,2018-latest"], "tfp"),
    (["tfp", "CHN", "--sensitivity", "--compare", "USA", "--eras", "2008-2017"], "tfp"),
]


@pytest.mark.parametrize(("args", "main"), MODES)
def test_csv_reads_back_equal_to_json(args: list[str], main: str) -> None:
    code, csv_text, _ = run(*args, "-f", "csv")
    assert code == 0, csv_text
    assert csv_text.startswith("# pflab ")
    code, json_text, _ = run(*args, "-f", "json")
    assert code == 0, json_text
    result = json.loads(json_text)
    assert result["schema"] == "pflab.result/1"
    assert next(iter(result["tables"])) == main
    from_csv = pd.read_csv(io.StringIO(csv_text), skiprows=1)
    from_json = pd.DataFrame(result["tables"][main])
    pd.testing.assert_frame_equal(from_csv, from_json, check_dtype=False)


def test_compare_is_one_table_of_every_economy() -> None:
    code, out, _ = run(
        "tfp", "china", "--compare", "JPN,KOR,USA", "--eras", "1979-2007,2008-2017,2018-2023",
        "-f", "csv",
    )  # fmt: skip
    assert code == 0
    frame = pd.read_csv(io.StringIO(out), skiprows=1)
    assert len(frame) == 12
    assert list(frame["economy"].unique()) == ["CHN", "JPN", "KOR", "USA"]
    parts = frame[["capital", "employment", "hours", "human_capital", "tfp"]].sum(axis=1)
    assert (parts - frame["gdp"]).abs().max() < 1e-9
    chn = frame[(frame["economy"] == "CHN") & (frame["era"] == "1979–2007")].iloc[0]
    assert 3.3 < chn["tfp"] < 3.7
    assert {"method", "vintage", "source"} <= set(frame.columns)
    assert (frame["vintage"] == "PWT 11.0").all()


def test_json_carries_method_vintage_provenance_and_notes() -> None:
    code, out, _ = run(
        "tfp", "CHN", "--method", "bosworth-collins", "--vintage", "10.01", "--format", "json"
    )
    assert code == 0
    result = json.loads(out)
    rows = result["tables"]["eras"]
    assert len(rows) == 4 and rows[0]["method"] == "bosworth-collins"
    assert (
        rows[0]["vintage"] == "PWT 10.01" and rows[0]["method_label"] == "stock·α_K=0.4·persons·hc"
    )
    source = result["provenance"]["sources"][0]
    assert source["version"] == "10.01" and "third-party CSV mirror" in source["note"]
    assert any(n.startswith("What the answer rests on") for n in result["notes"])
    assert any("not checked against the official release" in n for n in result["notes"])


def test_overrides_change_the_method() -> None:
    _, out, _ = run(
        "tfp", "CHN", "--capital", "stock", "--capital-share", "0.35", "--no-hours", "-f", "json"
    )
    row = json.loads(out)["tables"]["eras"][1]
    assert row["method"] == "pwt*" and row["method_label"] == "stock·α_K=0.35·persons·hc"
    assert row["hours"] == 0


def test_sensitivity_band_spans_vintages() -> None:
    code, out, _ = run("tfp", "CHN", "--sensitivity", "--eras", "1979-2007", "-f", "json")
    assert code == 0
    result = json.loads(out)
    rows = pd.DataFrame(result["tables"]["tfp"])
    assert len(rows) == 33  # 16 methods × 2 PWT vintages, and CIP 4.0's aggregate
    cip = rows[rows["series"] == "CIP 4.0"]
    assert len(cip) == 1 and not cip["in_band"].any()  # CIP starts in 1988: left out
    rows = rows[rows["series"] != "CIP 4.0"]
    assert rows["in_band"].all()
    assert rows["tfp"].min() < 1.0 and rows["tfp"].max() > 3.5
    low = rows.loc[rows["tfp"].idxmin()]
    assert low["series"] == "PWT 10.01"
    assert set(result["tables"]) == {"tfp", "pivot", "band"}
    code, out, _ = run("tfp", "CHN", "--sensitivity", "--eras", "1979-2007")
    assert code == 0 and "Lowest" in out and "PWT 10.01" in out and "PWT 11.0" in out


def test_sensitivity_of_several_economies_is_one_result() -> None:
    code, out, _ = run(
        "tfp", "CHN", "--sensitivity", "--compare", "USA", "--eras", "2018-latest", "-f", "json"
    )
    assert code == 0
    result = json.loads(out)
    band = pd.DataFrame(result["tables"]["band"])
    assert list(band["economy"]) == ["CHN", "USA"]
    # PWT 10.01 ends in 2019: left out of the 2018-latest band of both economies
    assert band["excluded"].str.contains("PWT 10.01: covers 2018–2019 only").all()
    assert (band["rows"] == 16).all()


def test_out_folder_holds_every_table(tmp_path: Path) -> None:
    folder = tmp_path / "chn"
    code, _, err = run("tfp", "CHN", "--sensitivity", "--eras", "2008-2017", "--out", str(folder))
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == [
        "band.csv",
        "pivot.csv",
        "result.json",
        "tfp.csv",
    ]
    band = pd.read_csv(folder / "band.csv", skiprows=1)
    saved = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    pd.testing.assert_frame_equal(band, pd.DataFrame(saved["tables"]["band"]), check_dtype=False)


def test_plots_are_offline_html(tmp_path: Path) -> None:
    target = tmp_path / "chn.html"
    code, _, err = run("tfp", "CHN", "--compare", "JPN", "--plot", str(target))
    assert code == 0 and target.is_file() and "wrote" in err
    text = target.read_text(encoding="utf-8")
    assert "Penn World Table 11.0" in text and "cdn.plot.ly" not in text.split("<body>")[0]
    sens = tmp_path / "sens.html"
    code, _, _ = run("tfp", "CHN", "--sensitivity", "--compare", "USA", "--plot", str(sens))
    assert code == 0 and sens.is_file()
    assert "Left out (window not covered)" in sens.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tfp", "Chna"], "unknown economy 'Chna'; closest matches: China (CHN)"),
        (["tfp", "CHN", "--eras", "2007-1979"], "--eras: era 2007-1979 ends before it starts"),
        (["tfp", "CHN", "--vintage", "9.0"], "--vintage: '9.0' is not embedded"),
        (["tfp", "CHN", "--method", "magic"], "--method: unknown method 'magic'"),
        (
            ["tfp", "CHN", "--capital-share", "2"],
            "--capital-share: expected a share strictly between 0 and 1",
        ),
        (["tfp", "CHN", "--compare", "JPN,,USA"], "--compare: empty item"),
        (["tfp", "CHN", "--data", "/nonexistent/pwt.dta"], "no such file"),
        (["tfp", "CHN", "--plot", "/nonexistent/dir/x.html"], "folder does not exist"),
        (["tfp", "CHN", "--plot", "chart.png"], "expected a file name ending in .html"),
        (["tfp", "CHN", "--out", "/nonexistent/dir/out"], "--out"),
    ],
)
def test_known_errors_are_one_line_and_exit_1(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 1
    assert message in err
    assert "Traceback" not in err + out
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["tfp", "CHN", "--sensitivity", "--method", "stock", "--data", "missing.csv"],
            "--sensitivity: --data, --method do not apply with --sensitivity",
        ),
        (["tfp", "CHN", "--sensitivity", "--vintage", "10.01"], "--vintage does not apply"),
        (["tfp", "CHN", "--sensitivity", "--no-hours"], "--hours does not apply"),
        (["tfp", "CHN", "--sensitivity", "--hc"], "--hc does not apply"),
        (["tfp", "CHN", "--sensitivity", "--capital", "stock"], "--capital does not apply"),
        (["tfp", "CHN", "--sensitivity", "--capital-share", "0.3"], "--capital-share does not"),
        (["tfp", "CHN", "--data", "x.csv", "--vintage", "10.01"], "--vintage does not apply"),
    ],
)
def test_options_of_another_mode_are_an_error(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 1, out
    assert message in err
    assert len(err.strip().splitlines()) == 1 and out == ""


def test_output_paths_are_checked_before_any_computing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import pflab.accounting

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed before checking the output path")

    monkeypatch.setattr(pflab.accounting, "growth_accounting", must_not_run)
    monkeypatch.setattr(pflab.accounting, "sensitivity", must_not_run)
    for mode in ([], ["--sensitivity"]):
        code, out, err = run("tfp", "CHN", *mode, "--plot", str(tmp_path / "no" / "x.html"))
        assert code == 1 and "--plot" in err and "folder does not exist" in err
        assert len(err.strip().splitlines()) == 1 and out == ""
        blocker = tmp_path / "file.txt"
        blocker.write_text("x", encoding="utf-8")
        code, _, err = run("tfp", "CHN", *mode, "--out", str(blocker))
        assert code == 1 and "--out" in err and "is not a folder" in err


def test_help_has_an_example_and_every_method() -> None:
    from pflab.accounting import METHODS
    from pflab.cli.tfp import METHOD_NAMES

    assert tuple(METHODS) == METHOD_NAMES
    code, out, _ = run("tfp", "--help")
    assert code == 0
    assert "Examples: pflab tfp CHN" in out
    flat = " ".join(out.split())
    for name in METHODS:
        assert name.replace("-", "- ") in flat or name in flat


def test_cli_module_imports_no_library_at_module_level() -> None:
    tree = ast.parse((ROOT / "src/pflab/cli/tfp.py").read_text(encoding="utf-8"))
    top = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            top |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            top.add(node.module)
    heavy = {m for m in top if m.split(".")[0] in ("pandas", "numpy")}
    library = {m for m in top if m.startswith("pflab.") and not m.startswith("pflab.cli")}
    assert not heavy and not library, heavy | library


def test_user_pwt_file(tmp_path: Path) -> None:
    from pflab.data import load_pwt

    frame = load_pwt().frame
    path = tmp_path / "mine.csv"
    frame[frame["countrycode"] == "KOR"].to_csv(path, index=False)
    code, out, _ = run("tfp", "Korea", "--data", str(path), "-f", "csv")
    assert code == 0
    assert pd.read_csv(io.StringIO(out), skiprows=1)["economy"].eq("KOR").all()
