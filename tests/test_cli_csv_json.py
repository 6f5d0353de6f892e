"""Every command's CSV reads back equal to its JSON: one documented shape for all of them.

For each command (with small, fast arguments) the CSV printed by ``--format csv`` is read
back with ``pandas.read_csv(..., skiprows=1)`` (the first line is the ``#`` stamp) and the
JSON printed by ``--format json`` is read with ``pandas.read_json`` of its main table; the two
must be equal (``pandas.testing.assert_frame_equal(check_dtype=False)``, as issue 11 defines
"equal"). Missing values are null in JSON and empty in CSV — the same missing value.
Commands added later belong in this list.
"""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from pflab._version import __version__
from pflab.cli import app

runner = CliRunner()

COMMANDS = [
    ["tfp", "CHN"],
    ["tfp", "CHN", "--sensitivity"],
    ["tfp", "CHN", "--vintage", "cip4", "--eras", "1988-2007,2008-2017"],
    ["tfp", "CHN", "--by-industry"],
    ["network", "CHN", "--year", "2018", "--sectors", "42", "--top", "5"],
    ["network", "CHN", "--year", "2020", "--shock", "SEI:10"],
    ["network", "--list"],
    ["policy", "list"],
    ["policy", "show", "MIC2025"],
    ["policy", "timeline"],
    ["policy", "weights", "SEI", "--sectors", "42"],
    ["policy", "exposure", "CHN", "--year", "2020"],
    ["policy", "validate"],
    ["terms"],
    ["terms", "--corpus", "all", "--terms", "新型举国体制,自主创新"],
    ["terms", "--glossary"],
    ["world", "CHN"],
    ["world", "CHN", "--measure", "exports", "--compare", "USA,DEU"],
    ["history", "CHN,JPN", "--from", "1850", "--to", "1950"],
    ["gvc", "CHN", "--year", "2011", "--sector", "c14"],
    ["spillovers", "CHN"],
    ["simulate", "none", "central", "--draws", "256", "--chunk-size", "128"],
    ["compare", "none", "central", "--draws", "256", "--chunk-size", "128"],
    ["claims"],
    ["parameters", "guidance-funds"],
    ["claims", "--structure", "--years", "2018,2020"],
]


def _run(args: list[str]) -> str:
    done = runner.invoke(app, args)
    assert done.exit_code == 0, f"{args}: {done.output[-2000:]}"
    return done.stdout


@pytest.mark.slow
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a)[:40])
def test_csv_reads_back_equal_to_json(args: list[str]) -> None:
    csv_text = _run([*args, "--format", "csv"])
    json_text = _run([*args, "--format", "json"])
    assert csv_text.startswith(f"# pflab {__version__} | ")
    payload = json.loads(json_text)
    assert payload["schema"] == "pflab.result/1"
    assert payload["provenance"]["sources"], "every result cites its sources"
    main = next(iter(payload["tables"]))
    rows = payload["tables"][main]
    # text columns (e.g. sector codes such as "094") are read as text, as a user would
    text = sorted(
        {k for row in rows for k, v in row.items() if isinstance(v, str)}
        - {k for row in rows for k, v in row.items() if isinstance(v, bool | int | float)}
    )
    from_csv = pd.read_csv(io.StringIO(csv_text), skiprows=1, dtype=dict.fromkeys(text, str))
    records = json.dumps(rows, ensure_ascii=False)
    from_json = pd.read_json(io.StringIO(records), orient="records", dtype=False)
    if from_json.empty and from_csv.empty:
        return
    from_json = from_json.astype(dict.fromkeys(text, str)).where(from_json.notna(), None)
    # one spelling of "missing" on both sides (JSON null in an all-null column is None)
    from_json = from_json.astype(object).where(from_json.notna(), float("nan"))
    from_csv = from_csv.astype(object).where(from_csv.notna(), float("nan"))
    pd.testing.assert_frame_equal(from_csv, from_json[list(from_csv.columns)], check_dtype=False)
