"""``pflab claims``: the ledger on screen and as data, the structure table, one-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pflab.claims import load_claims
from pflab.cli import app

runner = CliRunner()

_SHARES = "manufacturing-share,manufactured-exports-share"


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _fails(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


def test_the_world_share_claims_on_screen() -> None:
    text = _run("claims", "--only", _SHARES)
    for needle in ("30.4 %", "17.6 %", "consistent", "partly consistent", "2021", "2018",
                   "pflab world CHN", "No data after 2018", "gross output",
                   "Source: World Bank"):  # fmt: skip
        assert needle in text, needle


def test_csv_and_json() -> None:
    frame = pd.read_csv(io.StringIO(_run("claims", "--only", _SHARES, "-f", "csv")), skiprows=1)
    assert frame["claim"].tolist() == _SHARES.split(",")
    assert frame["verdict"].tolist() == ["consistent", "partly consistent"]
    data = json.loads(_run("claims", "--only", "manufacturing-share", "-f", "json"))
    assert data["kind"] == "ClaimsLedger" and set(data["tables"]) == {"ledger", "verdicts"}
    assert data["tables"]["ledger"][0]["command"] == "pflab world CHN --years 2021"


def test_out_folder(tmp_path: Path) -> None:
    _run("claims", "--only", "manufacturing-share", "--out", str(tmp_path / "out"))
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["ledger.csv", "result.json", "verdicts.csv"]


def test_structure_mode() -> None:
    text = _run("claims", "--structure", "--years", "2018", "--sectors", "42", "-f", "csv")
    frame = pd.read_csv(io.StringIO(text), skiprows=1)
    assert set(frame["measure"]) == {"value_added", "employment"}
    assert (frame["year"] == 2018).all()
    shown = _run("claims", "--structure", "--years", "2020")
    assert "mfg exports, % output" in shown and "13.6" in shown


def test_a_user_claims_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "version: '1'\nessay: mine\nclaims:\n"
        "  - id: exports-2015\n    topic: t\n    statement: s\n    claimed: about 19 %\n"
        "    period: '2015'\n    rule: {relation: about, number: 19}\n"
        "    measures:\n      - measure: world_share\n"
        "        params: {measure: exports, product: MA, year: 2015}\n",
        encoding="utf-8",
    )
    frame = pd.read_csv(io.StringIO(_run("claims", "--claims", str(path), "-f", "csv")), skiprows=1)
    assert frame.loc[0, "value"] == 18.9 and frame.loc[0, "verdict"] == "consistent"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("claims", "--only", "manufacturing-shares"), "unknown claim 'manufacturing-shares'"),
        (("claims", "--only", "manufacturing-share,"), "--only: empty item"),
        (("claims", "--years", "2020"), "--years: applies only with --structure"),
        (("claims", "--structure", "--only", "tfp-recent"), "--only does not apply"),
        (("claims", "--structure", "--years", "2019"), "2019 is not in the data"),
        (("claims", "--claims", "nowhere.yaml"), "claims file not found"),
    ],
)
def test_errors_are_one_line(args: tuple[str, ...], needle: str) -> None:
    assert needle in _fails(*args)


def test_bad_claims_file_names_claim_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "version: '1'\nessay: e\nclaims:\n  - id: x\n    topic: t\n    statement: s\n"
        "    claimed: c\n    period: p\n    rule: {relation: about}\n"
        "    measures: [{measure: world_share}]\n",
        encoding="utf-8",
    )
    line = _fails("claims", "--claims", str(path))
    assert "claim 'x', field 'rule'" in line and "needs the claim's number" in line


def test_help_has_an_example() -> None:
    assert "Example" in _run("claims", "--help")


@pytest.mark.slow
def test_the_whole_ledger_prints_every_claim() -> None:
    text = _run("claims", "-f", "csv")
    frame = pd.read_csv(io.StringIO(text), skiprows=1)
    assert list(dict.fromkeys(frame["claim"])) == [c.id for c in load_claims().claims]
    assert frame["verdict"].notna().all() and frame["source"].notna().all()
