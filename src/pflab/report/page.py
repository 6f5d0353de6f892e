"""HTML of the report and of the web app's pages, from the same templates.

:func:`environment` is the Jinja2 environment (autoescaping on: every string a result
carries is escaped). :func:`render_report` writes the self-contained report page:
plotly.js from the installed plotly package and pflab's chart script, each embedded once,
every chart's figure as a JSON data block, so the page opens with no network.
:func:`section_html` renders one section for the web app, which serves the same scripts
as files instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from pflab.report.content import Block, Chart, SectionContent
from pflab.result import Result

__all__ = [
    "Links",
    "environment",
    "figure_json",
    "plotly_js",
    "render_report",
    "section_html",
    "static_text",
    "table_html",
]

#: Maps a block and one of its charts to the URLs of its data: ``{"csv": ..., "json": ...}``.
#: ``links(block, chart)`` → the URLs of the chart's CSV and the block's JSON; with
#: ``chart=None`` the block's main table as CSV (blocks shown as a table only).
Links = Callable[[Block, Chart | None], Mapping[str, str]]


def figure_json(chart: Chart) -> Markup:
    """The chart's plotly figure as JSON safe inside a ``<script>`` data block.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so no label can close the block.
    """
    text = chart.figure.to_json()
    safe = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(safe)


def table_html(result: Result) -> Markup:
    """The result's tables and notes as HTML (the result escapes every string)."""
    return Markup(result._repr_html_())


@cache
def environment() -> Environment:
    """The Jinja2 environment of pflab's templates (autoescaping on)."""
    env = Environment(
        loader=PackageLoader("pflab.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.globals.update(figure_json=figure_json, table_html=table_html)
    return env


@cache
def static_text(name: str) -> str:
    """A file of ``pflab/report/static`` (the stylesheet and the chart script)."""
    return resources.files("pflab.report").joinpath("static", name).read_text(encoding="utf-8")


@cache
def plotly_js() -> str:
    """plotly.js from the installed plotly package (no network)."""
    from plotly.offline import get_plotlyjs

    text: str = get_plotlyjs()
    return text


def section_html(content: SectionContent, links: Links) -> str:
    """One section as an HTML fragment (the web app's pages)."""
    template = environment().get_template("_section.html")
    return template.render(content=content, links=links)


def render_report(
    contents: Sequence[SectionContent],
    *,
    title: str,
    stamp: str,
    settings: Sequence[tuple[str, str]],
    command: str,
    links: Links,
    run_settings: str = "",
) -> str:
    """The whole report as one self-contained HTML page.

    Parameters
    ----------
    contents
        The computed sections, in order.
    title
        Page title.
    stamp
        The line naming pflab's version, the data vintages and the seeds.
    settings
        (label, value) rows of the settings used.
    command
        The command that reproduces the report.
    links
        URLs of each chart's data files (relative to the page).
    run_settings
        One line naming the settings a reader must know (draws, Sobol size, origins).
    """
    template = environment().get_template("report.html")
    # the inline script must not contain "</script"; plotly.js does not, but be sure
    js = plotly_js().replace("</script", "<\\/script")
    return template.render(
        contents=contents,
        title=title,
        stamp=stamp,
        settings=settings,
        command=command,
        links=links,
        run_settings=run_settings,
        css=Markup(static_text("pflab.css")),
        plotly_js=Markup(js),
        charts_js=Markup(static_text("charts.js")),
    )
