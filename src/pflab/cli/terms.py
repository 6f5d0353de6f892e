"""``pflab terms``: strategic terms traced through the Party's and the State's texts."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from pflab.cli import app
from pflab.cli._common import (
    FORMAT,
    OUT,
    PLOT,
    OutputFormat,
    check_out,
    check_plot,
    emit,
    progress_callback,
    reject_options,
    split_list,
)

__all__ = ["terms_command"]

_EPILOG = (
    "Examples: pflab terms --corpus all --terms 新型举国体制,科技自立自强,新质生产力,自主创新  "
    "| pflab terms --kwic 新型举国体制 --corpus all  "
    "| pflab terms --cooccur 新质生产力 --corpus all --periods 2022-2023,2024-2025 "
    "--plot net.html  | pflab terms --glossary  "
    "| pflab terms speeches.jsonl --terms 新质生产力 --by year --plot t.html"
)


class Corpus(StrEnum):
    """Built-in corpora."""

    gwr = "gwr"
    congress = "congress"
    all = "all"


class By(StrEnum):
    """Arrangement of the counts (or periods of co-occurrence)."""

    first = "first"
    year = "year"
    document = "document"
    congress = "congress"


@app.command("terms", epilog=_EPILOG)
def terms_command(
    path: list[Path] | None = typer.Argument(
        None,
        metavar="CORPUS",
        help="Your own corpora: folders of .txt files with the year in each name, or .jsonl "
        "files with a year, date or congress field (counted now). Without one, the "
        "embedded counts of --corpus are used.",
    ),
    corpus: Corpus | None = typer.Option(
        None,
        "--corpus",
        "-c",
        help="Built-in corpora: gwr (State Council Government Work Reports 1954-2025), "
        "congress (Party Congress reports 1921-2022) or all (both, Party vs State) "
        "[default: gwr without a CORPUS path].",
    ),
    terms: str | None = typer.Option(
        None,
        "--terms",
        "-t",
        help="Comma-separated Chinese terms (an alias or variant selects its term) "
        "[default: the whole glossary].",
    ),
    by: By | None = typer.Option(
        None,
        "--by",
        help="Counts: first (first appearance) [default], year (with counts per 10,000 "
        "characters), document, or congress (Congress reports only). Co-occurrence: "
        "periods by congress (five-year terms) [default] or year.",
    ),
    kwic: str | None = typer.Option(
        None, "--kwic", help="Keyword in context: every occurrence of this term with its text."
    ),
    cooccur: str | None = typer.Option(
        None,
        "--cooccur",
        help="Co-occurrence: the glossary terms found in the same paragraphs as this term.",
    ),
    periods: str | None = typer.Option(
        None, "--periods", help="Co-occurrence periods, e.g. 2022-2023,2024-2025."
    ),
    width: int = typer.Option(
        20, "--width", help="Keyword in context: characters of context on each side."
    ),
    glossary: bool = typer.Option(
        False,
        "--glossary",
        help="Print the bilingual glossary: renderings, forms, programme, first official use.",
    ),
    no_tokens: bool = typer.Option(
        False, "--no-tokens", help="CORPUS paths: skip jieba segmentation (substrings only)."
    ),
    fmt: OutputFormat = FORMAT,
    plot: Path | None = PLOT,
    out: Path | None = OUT,
) -> None:
    """When strategic terms entered the Party's and the State's texts, how often they are
    used, in what words and in what company.

    Default: the year each glossary term first appears in the Government Work Reports,
    which form matched (term, alias or variant) and a flag where the first use looks
    generic. Texts for --kwic and --cooccur are read from CORPUS or the raw data folder
    ($PFLAB_RAW_DATA, else ../shared/data); the counts are embedded.
    """
    check_plot(plot)
    check_out(out)
    paths = list(path or [])
    names = split_list(terms, "terms")
    corpus_key = None if corpus is None else corpus.value
    # texts for --kwic and --cooccur: both built-in corpora unless a corpus is named
    texts_from = corpus_key or (None if paths else "all")
    if glossary:
        reject_options(
            ["path", "corpus", "by", "kwic", "cooccur", "periods", "width", "no_tokens", "plot"],
            "--glossary",
        )
        from pflab.policy.terms import glossary_table

        emit(glossary_table(terms=names), fmt, out=out)
        return
    if kwic is not None:
        reject_options(["terms", "by", "cooccur", "periods", "no_tokens", "plot"], "--kwic")
        from pflab.policy.terms import kwic as find
        from pflab.policy.terms import read_texts

        with progress_callback("reading texts") as progress:
            texts = read_texts(paths, texts_from, progress=progress)
        emit(find(kwic, texts, width=width), fmt, out=out)
        return
    if cooccur is not None:
        reject_options(["no_tokens", "width"], "--cooccur")
        from pflab.policy.terms import cooccurrence, default_glossary, read_texts
        from pflab.policy.terms.cooccur import parse_periods

        if periods is not None:
            reject_options(["by"], "--periods")
        spans = None if periods is None else parse_periods(periods)
        companions = default_glossary()
        if names:
            companions = companions.select(names)
        with progress_callback("reading texts") as progress:
            texts = read_texts(paths, texts_from, progress=progress)
        result = cooccurrence(
            cooccur, texts, companions, periods=spans, by="congress" if by is None else by.value
        )

        def network():  # type: ignore[no-untyped-def]
            from pflab.report.terms import cooccurrence_figure

            return cooccurrence_figure(result)

        emit(result, fmt, out=out, plot=plot, figure=network)
        return
    reject_options(["periods", "width"], "counts (no --kwic or --cooccur)")
    if no_tokens and not paths:
        reject_options(["no_tokens"], "the embedded counts (no CORPUS path)")
    from pflab.policy.terms import TermComparison, track_terms

    with progress_callback("counting terms") as progress:
        counts = track_terms(
            paths,
            corpus_key,
            terms=names,
            by="first" if by is None else by.value,
            tokens=not no_tokens,
            progress=progress,
        )

    def chart():  # type: ignore[no-untyped-def]
        from pflab.report.terms import terms_heatmap, terms_timeline_figure

        if isinstance(counts, TermComparison):
            return terms_timeline_figure(counts)
        return terms_heatmap(counts)

    emit(counts, fmt, out=out, plot=plot, figure=chart)
