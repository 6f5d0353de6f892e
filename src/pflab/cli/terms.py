"""``pflab terms``: strategic terms traced through dated texts (Government Work Reports)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import typer

from pflab.cli import app
from pflab.cli._common import OutputFormat, console, emit_records, render_table, split_list
from pflab.errors import ParameterError

__all__ = ["terms"]

_EXPLAIN = (
    "substring: occurrences in the cleaned text; tokens: jieba tokens equal to the term "
    "(a term inside a longer glossary term or word, e.g. 新兴产业 in 战略性新兴产业, is a "
    "substring but not a token)."
)


@app.command()
def terms(
    corpus: Path | None = typer.Argument(
        None,
        help="Folder of .txt files with the year in each name, or a .jsonl file with a year "
        "or date field [default: the embedded Government Work Report counts].",
    ),
    term_list: str | None = typer.Option(
        None, "--terms", "-t", help="Comma-separated Chinese terms [default: the glossary]."
    ),
    by: str = typer.Option(
        "first", "--by", help="first (first appearance), year, or document (tidy counts)."
    ),
    no_tokens: bool = typer.Option(
        False, "--no-tokens", help="Skip jieba segmentation (substring counts only)."
    ),
    fmt: OutputFormat = typer.Option(
        OutputFormat.table, "--format", "-f", help="table, csv or json."
    ),
    plot: Path | None = typer.Option(None, "--plot", help="Write a heat map to this .html file."),
) -> None:
    """When each strategic term entered a corpus, and how often it is used each year."""
    from pflab.policy.terms import count_terms, default_glossary, load_gwr_counts, read_corpus

    if by not in ("first", "year", "document"):
        raise ParameterError("--by", f"{by!r}; expected first, year or document")
    names = split_list(term_list, "--terms")
    if corpus is None:
        counts = load_gwr_counts()
        if names:
            counts = _select(counts, names)
        label = "Government Work Reports (embedded counts)"
    else:
        glossary = default_glossary()
        if names:
            glossary = glossary.select(names)
        counts = count_terms(read_corpus(corpus), glossary, tokens=not no_tokens)
        label = str(corpus)
    gaps = counts.summary().splitlines()[0]
    notes = [gaps, _EXPLAIN, *counts.provenance.citation_lines()]
    if counts.skipped:
        notes.append(
            f"skipped {len(counts.skipped)} records without a year, e.g. {counts.skipped[0]}"
        )
    if by == "first":
        frame = counts.first_appearance()
        if fmt is OutputFormat.table:
            frame = frame.assign(
                latest_gap=[_latest_gap(counts.gaps, y) for y in frame["first_year"]]
            )
            render_table(
                frame,
                [
                    ("term", "Term"),
                    ("term_en", "English"),
                    ("first_year", "First year"),
                    ("first_year_tokens", "as token"),
                    ("total", "Times"),
                    ("context", "First use (context)"),
                    ("latest_gap", "Last gap before"),
                ],
                title=f"First appearance of strategic terms: {label}",
                notes=notes,
            )
        else:
            emit_records(frame, fmt)
    else:
        frame = counts.by_year() if by == "year" else counts.to_frame()
        if fmt is OutputFormat.table:
            columns = [
                ("year", "Year"),
                ("term", "Term"),
                ("substring", "Substring"),
                ("tokens", "Tokens"),
            ]
            if by == "document":
                columns = [("document", "Document"), *columns, ("explanation", "Why they differ")]
            shown = frame[frame["substring"] > 0]
            render_table(
                shown, columns, title=f"Term counts by {by} (non-zero): {label}", notes=notes
            )
        else:
            emit_records(frame, fmt)
    if plot is not None:
        from pflab.report.html import write_html
        from pflab.report.policy import terms_heatmap

        fig = terms_heatmap(counts.by_year(), title=f"Strategic terms by year: {label}")
        typer.echo(f"wrote {write_html(fig, plot)}", err=True)
    if fmt is OutputFormat.table:
        console.print()


def _latest_gap(gaps: tuple[int, ...], first: object) -> str:
    if not isinstance(first, int | np.integer):
        return ""
    before = [g for g in gaps if g < first]
    return str(before[-1]) if before else "none"


def _select(counts, names):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from pflab.policy.terms.glossary import normalise

    wanted = [normalise(n) for n in names]
    known = {t.zh for t in counts.glossary}
    missing = [n for n in wanted if n not in known]
    if missing:
        raise ParameterError(
            "--terms",
            f"{', '.join(missing)} not in the embedded counts; pass the corpus (e.g. "
            "../shared/data/gov_work_reports/by_year) to count new terms",
        )
    glossary = counts.glossary.select(wanted)
    frame = counts.frame[counts.frame["term"].isin(wanted)].reset_index(drop=True)
    contexts = counts.contexts[counts.contexts["term"].isin(wanted)]
    return replace(counts, frame=frame, glossary=glossary, contexts=contexts)
