"""Turning a plotly figure from a capability's figure module into a report chart.

:func:`chart` wraps a figure with the metadata every chart of the report and the web app
must show (title, units, the table behind it, its sources) and gives it the report's
fonts: a font-family list that reaches a CJK font where one is installed
(:data:`FONT_FAMILY`), so Chinese labels render instead of empty boxes.
"""

from __future__ import annotations

import html
import re
from typing import Any

from pflab.report.content import Chart
from pflab.result import Result

__all__ = ["FONT_FAMILY", "chart", "figure_title", "lift_captions"]

#: Fonts tried in order: Noto CJK (Debian's fonts-noto-cjk) covers Latin and Chinese.
FONT_FAMILY = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", "Helvetica Neue", Arial, sans-serif'
)


def figure_title(figure: Any) -> str:
    """The figure's own title text (plotly keeps it in ``layout.title.text``)."""
    text = figure.layout.title.text
    return str(text) if text else ""


def lift_captions(figure: Any) -> list[str]:
    """Take the caption notes (paper-anchored text under the plot) out of ``figure``.

    Figure modules write their conventions and sources as an annotation below the plot
    area; on a page its pixel position depends on the axis labels' depth and can collide
    with them, so the report shows those lines as text under the chart instead. Lines a
    module wrapped for the image are joined again (a line not ending a sentence or a
    label or a parenthesis continues on the next).
    """
    lines: list[str] = []
    kept = []
    for note in figure.layout.annotations:
        below = note.yref == "paper" and note.y is not None and note.y < 0
        if below and not note.showarrow and note.text:
            joined = ""
            for part in re.split(r"<br\s*/?>", str(note.text)):
                text = html.unescape(re.sub(r"<[^>]+>", "", part)).strip()
                if not text:
                    continue
                joined = f"{joined} {text}" if joined else text
                if joined.endswith((".", "!", "?", ":", ")")):
                    lines.append(joined)
                    joined = ""
            if joined:
                lines.append(joined)
        else:
            kept.append(note)
    figure.layout.annotations = kept
    return lines


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

    The figure's title moves above the chart (HTML) and its caption lines under it
    (:func:`lift_captions`); the font list reaches a CJK font.

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
    text = title or figure_title(figure) or result.title
    notes = lift_captions(figure)
    sources = set(result.provenance.citation_lines())
    # the title is the page's (above the chart); the sources are listed under it
    figure.update_layout(
        title=None,
        font={"family": FONT_FAMILY},
        hoverlabel={"font_family": FONT_FAMILY},
        margin={"t": figure.layout.margin.t or 40, "b": 40},
    )
    figure.update_xaxes(automargin=True)
    figure.update_yaxes(automargin=True)
    return Chart(
        key=key,
        title=text,
        units=units,
        figure=figure,
        result=result,
        table=table,
        notes=tuple(
            n
            for n in dict.fromkeys(notes)
            if not any(n.removeprefix("Source: ") in line for line in sources)
        ),
    )
