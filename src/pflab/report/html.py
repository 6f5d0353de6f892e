"""Writing figures as self-contained HTML files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from pflab.errors import ParameterError

__all__ = ["caption", "write_html"]


def caption(lines: list[str]) -> dict[str, Any]:
    """A small left-aligned note under the plot area (sources, conventions)."""
    return {
        "text": "<br>".join(lines),
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": -0.22,
        "showarrow": False,
        "align": "left",
        "xanchor": "left",
        "yanchor": "top",
        "font": {"size": 10, "color": "#555"},
    }


def write_html(fig: go.Figure, path: str | Path) -> Path:
    """Write a figure as a self-contained HTML file (plotly.js embedded, works offline).

    The file is written to a temporary name and renamed, so a failure leaves nothing
    half-written.

    Raises
    ------
    pflab.errors.ParameterError
        If the folder does not exist or the name does not end in ``.html``.
    """
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise ParameterError("--plot", f"{target}: expected a file name ending in .html")
    if not target.parent.exists():
        raise ParameterError("--plot", f"{target.parent}: folder does not exist")
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        fig.write_html(tmp, include_plotlyjs=True, full_html=True)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target
