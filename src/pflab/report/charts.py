"""Turning a plotly figure from a capability's figure module into a report chart.

:func:`chart` wraps a figure with the metadata every chart of the report and the web app
must show (title, units, the table behind it, its sources) and gives it the report's
fonts: a font-family list that reaches a CJK font where one is installed
(:data:`FONT_FAMILY`), so Chinese labels render instead of empty boxes.
"""

from __future__ import annotations

from typing import Any

from pflab.report.content import Chart
from pflab.result import Result

__all__ = ["FONT_FAMILY", "chart", "figure_title"]

#: Fonts tried in order: Noto CJK (Debian's fonts-noto-cjk) covers Latin and Chinese.
FONT_FAMILY = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", "Helvetica Neue", Arial, sans-serif'
)


def figure_title(figure: Any) -> str:
    """The figure's own title text (plotly keeps it in ``layout.title.text``)."""
    text = figure.layout.title.text
    return str(text) if text else ""


def chart(
    key: str,
    figure: Any,
    result: Result,
    *,
    table: str,
    units: str,
    title: str | None = None,
) -> Chart:
    """A :class:`~pflab.report.content.Chart` of ``figure``, styled for the report.

    Parameters
    ----------
    key
        Unique chart name (element id and data file name).
    figure
        A plotly figure with a title, axis titles and a caption of its sources.
    result
        The result the figure was drawn from.
    table
        The result's table behind the figure.
    units
        Units of the plotted numbers.
    title
        Title shown above the chart (default: the figure's own title, else the
        result's title).
    """
    figure.update_layout(font={"family": FONT_FAMILY}, hoverlabel={"font_family": FONT_FAMILY})
    text = title or figure_title(figure) or result.title
    if not figure_title(figure):
        figure.update_layout(title=text)
    return Chart(key=key, title=text, units=units, figure=figure, result=result, table=table)
