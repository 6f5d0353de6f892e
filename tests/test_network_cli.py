"""``pflab network``: the issue's question answered from China's 2020 table, output that
loses nothing, options that do not apply rejected, and errors as one line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pflab.cli import app
from pflab.data.iotables import load_io
from pflab.network import domar_weights, position

runner = CliRunner()


def test_chips_shock_answers_with_the_reasoning() -> None:
    result = runner.invoke(
        app, ["network", "CHN", "--year", "2020", "--shock", "electronic-components:10"]
    )
    assert result.exit_code == 0, result.output
    text = result.output
    for needle in (
        "094",
        "Domar weight",
        "Upstreamness",
        "Imports",
        "tfp_first_order",
        "tfp_second_order",
        "imports are",
    ):
        assert needle in text
    weight = domar_weights(load_io("CHN", 2020))["094"]
    assert f"{100 * weight * 0.0953101798:.4f}" in text  # Hulten: λ · ln 1.1, in percent


def test_json_shock_output_keeps_the_reasoning() -> None:
    result = runner.invoke(
        app,
        [
            "network",
            "CHN",
            "--shock",
            "electronic-components:10",
            "--shock",
            "100:2",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    measures = {r["measure"]: r["value_pct"] for r in payload["tables"]["aggregate"]}
    assert measures["tfp_second_order"] < measures["tfp_first_order"]
    sectors = {r["sector"]: r for r in payload["tables"]["sectors"]}
    assert set(sectors) == {"094", "100"}
    assert "Domar weight" in sectors["094"]["reasoning"]
    assert payload["provenance"]["parameters"]["shocks"] == [
        "electronic-components +10%",
        "100 +2%",
    ]


def test_out_folder_holds_every_table_equal_to_the_json(tmp_path: Path) -> None:
    out = tmp_path / "shock"
    result = runner.invoke(app, ["network", "CHN", "--shock", "094:10", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["aggregate.csv", "result.json", "sectors.csv"]
    payload = json.loads((out / "result.json").read_text(encoding="utf-8"))
    for name in ("aggregate", "sectors"):
        text = (out / f"{name}.csv").read_text(encoding="utf-8")
        back = pd.read_csv(io.StringIO(text), skiprows=1, dtype={"sector": str})
        expected = pd.DataFrame(payload["tables"][name])
        pd.testing.assert_frame_equal(back, expected, check_dtype=False)


def test_position_table_csv_and_plot(tmp_path: Path) -> None:
    target = tmp_path / "net.html"
    result = runner.invoke(
        app,
        ["network", "CHN", "--year", "2018", "--sectors", "42", "--top", "5", "--format", "csv",
         "--wedge", "0.2", "--plot", str(target)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("# pflab ") and "top 5 of 42 sectors by domar_weight" in lines[0]
    assert lines[1].startswith("sector,name,domar_weight,upstreamness,output_multiplier")
    assert lines[1].endswith("distortion_centrality")
    back = pd.read_csv(io.StringIO(result.stdout), skiprows=1, dtype={"sector": str})
    library = position(load_io("CHN", 2018, sectors=42), wedge=0.2).ranked("domar_weight", 5)
    pd.testing.assert_frame_equal(back, library.frame.reset_index(), check_dtype=False)
    assert target.stat().st_size > 100_000


def test_list_of_tables() -> None:
    result = runner.invoke(app, ["network", "--list"])
    assert result.exit_code == 0
    assert "wiod" in result.output and "nbs153" in result.output
    csv = runner.invoke(app, ["network", "--list", "-f", "csv"])
    assert csv.stdout.splitlines()[1].startswith("source,economy,year,sectors")
    assert len(csv.stdout.strip().splitlines()) == 2 + 225


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["CHN", "--shock", "quantum-widgets:10"], "groups: electronic-components"),
        (["CHN", "--year", "2019"], "embedded years: 2002"),
        (["CHN", "--shock", "094"], "--shock: '094': expected SECTORS:PCT"),
        (["CHN", "--shock", "094:-100"], "would end production"),
        (["CHN", "--sectors", "77"], "42 sectors, 153 sectors"),
        (["JPN"], "--source: nbs has no table for Japan (JPN); JPN is embedded in oecd"),
        (["CHN", "--shock", "094:5", "--top", "3"], "--top does not apply with --shock"),
        (["CHN", "--shock", "094:5", "--wedge", "0.1"], "--wedge does not apply with --shock"),
        (["CHN", "--theta", "2", "--factors", "specific"], "--factors, --theta apply only with"),
        (["--list", "--year", "2018"], "--year does not apply with --list"),
        (["JPN", "--list"], "ECONOMY does not apply with --list"),
        (["CHN", "--top", "0"], "--top: 0; expected a positive number"),
        (["CHN", "--plot", "chart.png"], "--plot: chart.png: expected a file name ending in .html"),
        (["CHN", "--plot", "/no/such/folder/x.html"], "folder does not exist"),
    ],
)
def test_errors_are_one_line(args: list[str], needle: str) -> None:
    result = runner.invoke(app, ["network", *args])
    assert result.exit_code == 1
    assert needle in result.output
    assert "Traceback" not in result.output


def test_output_paths_are_checked_before_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    import pflab.data.iotables

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the table was loaded before the --out path was checked")

    monkeypatch.setattr(pflab.data.iotables, "load_io", fail)
    result = runner.invoke(app, ["network", "CHN", "--out", "/no/such/folder/out"])
    assert result.exit_code == 1 and "folder does not exist" in result.output


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["network", "--help"])
    assert result.exit_code == 0
    assert "pflab network CHN --year 2020 --shock electronic-components:10" in result.output
    assert "[default: 2020]" in result.output and "[default: nbs]" in result.output


def test_network_public_surface_resolves() -> None:
    import pflab.data.iotables
    import pflab.network
    import pflab.tables

    for module in (pflab.network, pflab.data.iotables, pflab.tables):
        names = list(module.__all__)
        assert names == sorted(
            names, key=lambda n: (not n.isupper(), n.lower() if n.isupper() else n)
        )
        for name in names:
            assert hasattr(module, name), f"{module.__name__}.{name}"
    for name in (
        "load_io",
        "IOTable",
        "MRIOTable",
        "domar_weights",
        "position",
        "shock_analysis",
        "WeightedShock",
        "second_order",
    ):
        assert name in pflab.network.__all__
    assert pflab.network.IOTable is pflab.tables.IOTable is pflab.data.iotables.IOTable


def test_cli_elasticity_defaults_are_the_model_defaults() -> None:
    from pflab.cli.network import ELASTICITIES
    from pflab.network import DEFAULT_ELASTICITIES

    assert ELASTICITIES == DEFAULT_ELASTICITIES
