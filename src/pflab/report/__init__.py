"""Figures and reports: plotly charts that work offline, written atomically."""

from pflab.report.accounting import era_contributions_figure, sensitivity_figure
from pflab.report.html import write_html

__all__ = ["era_contributions_figure", "sensitivity_figure", "write_html"]
