"""Figures and reports: plotly charts that work offline, written atomically."""

from pflab.report.accounting import era_contributions_figure, sensitivity_figure
from pflab.report.html import write_html
from pflab.report.world import history_figure, relative_income_figure, world_share_figure

__all__ = [
    "era_contributions_figure",
    "history_figure",
    "relative_income_figure",
    "sensitivity_figure",
    "world_share_figure",
    "write_html",
]
