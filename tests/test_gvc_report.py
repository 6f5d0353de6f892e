"""Figures of value-added trade: titles, axis titles with units, and the source line."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from pflab.gvc import localisation, path, value_added_origin, wwz
from pflab.report.gvc import localisation_figure, origin_figure, partner_figure, path_figure


def _captions(fig: go.Figure) -> str:
    return " ".join(str(a.text) for a in fig.layout.annotations)


@pytest.fixture(scope="module")
def figures() -> dict[str, go.Figure]:
    return {
        "origin": origin_figure(value_added_origin(2011, "CHN", sectors="c14")),
        "path": path_figure(path("CHN", years="2010-2011", sectors="c14")),
        "kww_path": path_figure(path("CHN", years="2011", method="kww")),
        "partners": partner_figure(wwz(2011, exporters="JPN", sectors="c14")),
        "localisation": localisation_figure(localisation(["CHN", "KOR"], years="2011")),
    }


@pytest.mark.parametrize("name", ["origin", "path", "kww_path", "partners", "localisation"])
def test_figure_has_title_axes_and_source(figures: dict[str, go.Figure], name: str) -> None:
    fig = figures[name]
    assert fig.layout.title.text
    assert "%" in str(fig.layout.yaxis.title.text) or "percent" in str(fig.layout.yaxis.title.text)
    assert fig.layout.xaxis.title.text
    assert "Timmer" in _captions(fig)  # the WIOD citation
    assert len(fig.data) > 0


def test_partner_bars_stack_to_one_hundred(figures: dict[str, go.Figure]) -> None:
    fig = figures["partners"]
    first = [trace.y[0] for trace in fig.data]
    assert sum(first) == pytest.approx(100.0)
    assert fig.layout.barmode == "stack"


def test_path_stacks_sources_to_the_fva_share(figures: dict[str, go.Figure]) -> None:
    fig = figures["path"]
    total = sum(trace.y[-1] for trace in fig.data)
    assert total == pytest.approx(value_added_origin(2011, "CHN", sectors="c14").fva_share)
