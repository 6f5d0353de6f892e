"""``pflab network``: the issue's question answered from China's 2020 table, and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pflab.cli import app
from pflab.data.iotables import load_io
from pflab.network import domar_weights

runner = CliRunner()


def test_chips_shock_answers_with_the_reasoning() -> None:
    result = runner.invoke(
        app, ["network", "CHN", "--year", "2020", "--shock", "semiconductors:10"]
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
    ):
        assert needle in text
    weight = domar_weights(load_io("CHN", 2020))["094"]
    assert f"{100 * weight * 0.0953101798:.4f}" in text  # Hulten: λ · ln 1.1, in percent


def test_machine_readable_shock_output() -> None:
    result = runner.invoke(
        app,
        ["network", "CHN", "--shock", "semiconductors:10", "--shock", "100:2", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    measures = {r["measure"]: r["value_pct"] for r in records}
    assert measures["tfp_second_order"] < measures["tfp_first_order"]
    assert records[0]["shocks"] == "semiconductors:10; 100:2"


def test_position_table_csv_and_plot(tmp_path: Path) -> None:
    target = tmp_path / "net.html"
    result = runner.invoke(
        app,
        ["network", "CHN", "--year", "2018", "--sectors", "42", "--top", "5", "--format", "csv",
         "--wedge", "0.2", "--plot", str(target)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("table,sector,name,domar_weight,upstreamness")
    assert "distortion_centrality" in lines[0]
    assert len([line for line in lines if line.startswith("CHN 2018")]) == 5
    assert target.stat().st_size > 100_000


def test_list_of_tables() -> None:
    result = runner.invoke(app, ["network", "--list"])
    assert result.exit_code == 0
    assert "wiod" in result.output and "nbs153" in result.output


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--shock", "quantum-widgets:10"], "groups: semiconductors"),
        (["--year", "2019"], "embedded years: 2002"),
        (["--shock", "094"], "expected SECTORS:PCT"),
        (["--shock", "094:-100"], "would end production"),
        (["--sectors", "77"], "42 sectors, 153 sectors"),
    ],
)
def test_errors_are_one_line(args: list[str], needle: str) -> None:
    result = runner.invoke(app, ["network", "CHN", *args])
    assert result.exit_code == 1
    assert needle in result.output
    assert "Traceback" not in result.output


def test_network_public_surface_resolves() -> None:
    import pflab.data.iotables
    import pflab.network

    for module in (pflab.network, pflab.data.iotables):
        names = list(module.__all__)
        assert names == sorted(
            names, key=lambda n: (not n.isupper(), n.lower() if n.isupper() else n)
        )
        for name in names:
            assert hasattr(module, name), f"{module.__name__}.{name}"
    for name in ("load_io", "IOTable", "domar_weights", "shock_analysis", "second_order"):
        assert name in pflab.network.__all__


def test_cli_elasticity_defaults_are_the_model_defaults() -> None:
    from pflab.cli.network import ELASTICITIES
    from pflab.network import DEFAULT_ELASTICITIES

    assert ELASTICITIES == DEFAULT_ELASTICITIES
