"""The built-in corpora: the State's Government Work Reports and the Party's Congress
reports.

pflab ships derived counts for both (:mod:`pflab.policy.terms.build`), never the texts.
Keyword in context and co-occurrence need the texts; :func:`read_builtin` reads them from
the raw data folder (``$PFLAB_RAW_DATA``, else ``../shared/data`` beside the checkout)
and says where it looked when they are absent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pflab.errors import DataNotFoundError, ParameterError
from pflab.policy.terms.corpus import Corpus, read_corpus
from pflab.provenance import Source

__all__ = ["BUILTIN", "CONGRESS", "GWR", "BuiltinCorpus", "builtin", "read_builtin"]


@dataclass(frozen=True)
class BuiltinCorpus:
    """A corpus pflab knows: where its raw file lives and how to cite it.

    Attributes
    ----------
    key
        ``"gwr"`` or ``"congress"``.
    label
        What it is, for titles.
    speaker
        ``"State"`` or ``"Party"``.
    raw
        Path of the raw file inside the raw data folder.
    stem
        Stem of the embedded counts (``gwr_terms``).
    source
        The citation.
    excluded
        Congress number → why that record is left out of comparisons.
    """

    key: str
    label: str
    speaker: str
    raw: str
    stem: str
    source: Source
    excluded: Mapping[int, str] = field(default_factory=dict)


GWR = BuiltinCorpus(
    key="gwr",
    label="Government Work Reports",
    speaker="State",
    raw="gov_work_reports/government_work_reports.jsonl",
    stem="gwr_terms",
    source=Source(
        name="Government Work Reports (政府工作报告)",
        version="1954-2025, Wikisource texts (aldohemsn/chinese-political-corpora, file 2e56948)",
        citation=(
            "State Council of the People's Republic of China, Government Work Reports "
            "1954-2025, texts from Chinese Wikisource (Portal: 中华人民共和国国务院政府工作报告) "
            "as compiled in aldohemsn/chinese-political-corpora, government_work_reports.jsonl"
        ),
        url="https://zh.wikisource.org/wiki/Portal:中华人民共和国国务院政府工作报告",
        licence="tagged public domain on Wikisource; the compiling repository states no licence",
        note=(
            "No report for 1989-1991, 1996 or 2020 (gaps are reported, not filled); the 1954 "
            "text is in traditional characters and is converted before counting; 1964 is an "
            "abstract. pflab embeds derived counts only."
        ),
    ),
)

CONGRESS = BuiltinCorpus(
    key="congress",
    label="Party Congress reports",
    speaker="Party",
    raw="gov_work_reports/cpc_congress_reports.jsonl",
    stem="congress_terms",
    source=Source(
        name="CPC National Congress political reports (党的全国代表大会报告)",
        version="congresses 1, 3, 7, 9-20, Wikisource texts "
        "(aldohemsn/chinese-political-corpora, file b136ee1)",
        citation=(
            "Communist Party of China, reports to the National Congresses (1st 1921 to 20th "
            "2022), texts from Chinese Wikisource as compiled in "
            "aldohemsn/chinese-political-corpora, cpc_congress_reports.jsonl"
        ),
        url="https://zh.wikisource.org/",
        licence="tagged public domain on Wikisource; the compiling repository states no licence",
        note=(
            "16 records; the file has no year, so each Congress is dated by its number "
            "(1st 1921 ... 20th 2022). The 1st-Congress records are local groups' reports and "
            "the 7th is a 76-character stub: both are counted but left out of comparisons. "
            "The early records are in traditional characters and are converted. pflab "
            "embeds derived counts only."
        ),
    ),
    excluded={
        1: "local communist groups' reports to the 1st Congress, not a report of the centre",
        7: "a 76-character stub (the page only lists editions of 论联合政府)",
    },
)

#: The built-in corpora by key, the Party's first (the order of comparisons).
BUILTIN: dict[str, BuiltinCorpus] = {"congress": CONGRESS, "gwr": GWR}


def builtin(key: str) -> BuiltinCorpus:
    """The built-in corpus ``gwr`` or ``congress``."""
    try:
        return BUILTIN[key]
    except KeyError:
        raise ParameterError("corpus", f"{key!r}; expected {', '.join(BUILTIN)} or all") from None


def _looked_in() -> str:
    from pflab.data.paths import raw_data_candidates

    return "; ".join(str(p) for p in raw_data_candidates()) or "nowhere"


def read_builtin(
    key: str,
    raw: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Corpus:
    """Read the texts of a built-in corpus from the raw data folder.

    Parameters
    ----------
    key
        ``gwr`` or ``congress``.
    raw
        The raw data folder (default: :func:`pflab.data.paths.raw_data_dir`).
    progress
        Called as ``progress(done, total)`` while reading.

    Raises
    ------
    pflab.errors.DataNotFoundError
        If the raw file is absent; the message names every place looked in.
    """
    from pflab.data.paths import raw_data_dir

    spec = builtin(key)
    folder = raw if raw is not None else raw_data_dir()
    if folder is None:
        raise DataNotFoundError(
            f"the {spec.label} texts are not shipped with pflab and no raw data folder was "
            f"found (looked in: {_looked_in()}); set PFLAB_RAW_DATA to the folder holding "
            f"{spec.raw}, or pass the file as CORPUS"
        )
    path = folder / spec.raw
    if not path.is_file():
        raise DataNotFoundError(
            f"{path}: {spec.label} texts not found (looked in: {folder}); set PFLAB_RAW_DATA "
            f"to the folder holding {spec.raw}, or pass the file as CORPUS"
        )
    corpus = read_corpus(
        path, name=spec.key, label=spec.label, speaker=spec.speaker, progress=progress
    )
    return corpus.exclude(spec.excluded)
