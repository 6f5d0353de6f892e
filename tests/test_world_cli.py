"""``pflab world`` and ``pflab history``: tables, machine output, charts, one-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pflab.cli import app
from pflab.report.world import history_figure, relative_income_figure, world_share_figure
from pflab.world import catch_up, history, relative_income, world_share

runner = CliRunner()


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


def test_world_table_shows_the_share_with_its_caveats() -> None:
    text = _run("world", "CHN", "--years", "2004,2010,2015,2021", "--compare", "USA")
    for needle in ("8.61 %", "18.1 %", "26.0 %", "30.4 %", "30.3–30.6", "significant digits",
                   "Hong Kong SAR", "World Bank, World Development Indicators"):  # fmt: skip
        assert needle in text, needle
    assert "30.4375" not in text


def test_world_exports_csv_and_json() -> None:
    text = _run("world", "China", "--measure", "exports", "--product", "MA", "--years", "2018",
                "--compare", "HKG", "--format", "csv")  # fmt: skip
    frame = pd.read_csv(io.StringIO(text), skiprows=1)
    assert frame["economy"].tolist() == ["CHN", "HKG"]
    assert frame.loc[0, "value"] == 17.6 and frame.loc[0, "text"] == "17.6 %"
    data = json.loads(_run("world", "CHN", "-m", "exports", "-p", "ic", "-f", "json"))
    assert data["tables"]["shares"][0]["product"] == "MAMTOTIC"
    assert any("re-exports" in n for n in data["notes"])


def test_world_plot_and_out_folder(tmp_path: Path) -> None:
    plot = tmp_path / "mva.html"
    _run("world", "CHN", "--compare", "USA,DEU,JPN,KOR", "--years", "2000-2021",
         "--plot", str(plot), "--out", str(tmp_path / "out"))  # fmt: skip
    html = plot.read_text(encoding="utf-8")
    assert "Share of world manufacturing value added" in html and "Source:" in html
    assert (tmp_path / "out" / "shares.csv").is_file()
    assert json.loads((tmp_path / "out" / "result.json").read_text())["kind"] == "WorldShares"


def test_world_errors_are_one_line() -> None:
    assert "--product: applies to measure 'exports' only" in _fails("world", "CHN", "-p", "MA")
    assert "--years: 2030 is not in the data" in _fails("world", "CHN", "--years", "2030")
    assert "unknown economy 'Chian'" in _fails("world", "Chian")
    assert "unknown WTO product group" in _fails("world", "CHN", "-m", "exports", "-p", "xx")
    assert "--plot" in _fails("world", "CHN", "--plot", "chart.png")


def test_history_levels_and_gaps() -> None:
    text = _run("history", "CHN,JPN", "--from", "1870", "--to", "1950", "--variables", "gdppc",
                "--format", "csv")  # fmt: skip
    frame = pd.read_csv(io.StringIO(text), skiprows=1)
    chn = frame[frame["economy"] == "CHN"].set_index("year")["value"]
    assert chn.loc[[1870, 1913, 1950]].tolist() == [945, 985, 799]
    assert 1940 not in chn.index
    table = _run("history", "CHN", "--from", "1930", "--to", "1950")
    assert "1939" in table and "1949" in table and "not interpolated" in table


def test_history_relative_and_episodes(tmp_path: Path) -> None:
    plot = tmp_path / "meiji.html"
    text = _run("history", "CHN,JPN", "--from", "1850", "--to", "1950", "--relative-to",
                "leader", "--plot", str(plot))  # fmt: skip
    assert "Which economy led" in text and "GBR" in text
    html = plot.read_text(encoding="utf-8")
    assert "Self-Strengthening Movement" in html and "Meiji era" in html
    assert "Xu et al. (2016)" in html  # country sources on the chart (MPD citation policy)
    data = json.loads(_run("history", "--episodes", "--format", "json"))
    assert data["kind"] == "CatchUp"
    episodes = {r["episode"] for r in data["tables"]["episodes"]}
    assert "Korea after 1950" in episodes and "China after 1978" in episodes
    levels = _run("history", "KOR", "--from", "1950", "--levels", "20,40", "--vintage", "2023")
    assert "reached" in levels


def test_history_errors_are_one_line() -> None:
    assert "--episodes: takes no economies" in _fails("history", "CHN", "--episodes")
    assert "--from does not apply with --episodes" in _fails(
        "history", "--episodes", "--from", "1900"
    )
    assert "--levels" in _fails("history", "CHN", "--levels", "20,10")
    assert "--to: 1900 is before the start 1950" in _fails(
        "history", "CHN", "--from", "1950", "--to", "1900"
    )
    assert "--leaders: applies with" in _fails("history", "CHN", "--leaders", "USA")
    assert _fails("history") == "error: ECONOMIES: name one or more economies, e.g. CHN,JPN"


def test_commands_have_examples_in_their_help() -> None:
    for command in ("world", "history"):
        assert f"Example: pflab {command}" in _run(command, "--help")


@pytest.mark.parametrize(
    "make",
    [
        lambda: world_share_figure(world_share(["CHN", "USA"], years="2010-2021")),
        lambda: world_share_figure(world_share("CHN", "exports", "MAMTOF")),
        lambda: history_figure(history("CHN,JPN", start=1850, end=1950)),
        lambda: relative_income_figure(relative_income("CHN,JPN", start=1850, end=1950)),
        lambda: relative_income_figure(catch_up()),
    ],
)
def test_every_chart_has_title_units_and_source(make) -> None:  # type: ignore[no-untyped-def]
    fig = make()
    layout = fig.layout
    assert layout.title.text
    assert layout.xaxis.title.text == "year"
    assert any(u in layout.yaxis.title.text for u in ("percent", "2011 international $"))
    notes = " ".join(a.text for a in layout.annotations)
    assert "Source:" in notes
    assert all(len(t.name) > 3 for t in fig.data)  # readable legend labels
