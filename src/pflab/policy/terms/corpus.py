"""Reading a corpus of dated texts and cleaning it for counting.

A corpus is either a folder of UTF-8 ``.txt`` files with the year in each file name
(``gwr_2024_zh.txt``), or a JSONL file with one record per document holding the text
(``content`` or ``text``) and a ``year``, an ISO ``date`` or a Party ``congress`` number
(the Congress reports carry no year: the number is dated with :data:`CONGRESS_YEARS`).
Records without any of these (the NPC resolutions in the Government Work Report file)
are skipped and reported, never guessed.

Cleaning, in order (:func:`clean_text`):

1. Wikisource boilerplate is cut: the licence block at the end of each page ("本作品是
   中华人民共和国的法律、法规…", "本作品来自1949年10月1日（含）之后的中国共产党文件…",
   "这部作品在1931年1月1日以前…发表…", the community note "注：中文维基文库社群认为…"
   and the "Public domain" / "false" lines), see ``shared/data/SOURCES.md`` §5.
2. Unicode NFKC and removal of zero-width marks (full-width ``＋`` → ``+``, ``８６３`` →
   ``863``).
3. The text is split into paragraphs at blank lines; inside a paragraph, whitespace next
   to a non-ASCII character is removed (Chinese has no spaces, and the Wikisource layout
   breaks lines around every link, which would otherwise split terms). Paragraphs are
   joined with one line break, so no term is counted across a paragraph boundary.
4. Traditional characters with an unambiguous simplified form are converted (the 1954
   work report and the early Congress records are in traditional characters); the
   number converted is reported per document.

Paragraphs that look like section headings (``一、…``, ``（二）…``, ``第三部分…``, short and
without final punctuation) are kept as headings, so a keyword-in-context line can say
which section of a long report it comes from.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from pflab.errors import DataFormatError, DataNotFoundError, ParameterError
from pflab.policy.hanzi import TRADITIONAL_TO_SIMPLIFIED
from pflab.policy.terms.glossary import normalise
from pflab.provenance import Source

__all__ = [
    "CONGRESS_YEARS",
    "Corpus",
    "Document",
    "clean_text",
    "read_corpus",
    "split_paragraphs",
    "year_from_name",
]

#: Year of each National Congress of the Communist Party of China (issue 15; the
#: Congress report file has no year field).
CONGRESS_YEARS: dict[int, int] = {
    1: 1921, 2: 1922, 3: 1923, 4: 1925, 5: 1927, 6: 1928, 7: 1945, 8: 1956, 9: 1969,
    10: 1973, 11: 1977, 12: 1982, 13: 1987, 14: 1992, 15: 1997, 16: 2002, 17: 2007,
    18: 2012, 19: 2017, 20: 2022,
}  # fmt: skip

#: Lines that open the Wikisource licence block; everything from the first one on is cut
#: when it lies in the last :data:`_TAIL` characters of a text.
BOILERPLATE = (
    re.compile(r"本作品(?:是中华人民共和国的|在全世界都属于公有领域|收录于|来自\d{4}年)"),
    re.compile(r"[这這]部作品在\d{4}年\d{1,2}月\d{1,2}日以前"),
    re.compile(r"注：中文维基文库社群认为"),
    re.compile(r"^\s*Public domain\s*$", re.MULTILINE),
)
_TAIL = 3000
_PARAGRAPH = re.compile(r"\n[ \t\u3000\u200b]*\n\s*")
_SPACE_NEAR_CJK = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")
_YEAR_IN_NAME = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_NUMERAL = "一二三四五六七八九十"
_HEADING = re.compile(rf"^(?:[{_NUMERAL}]+、|[（(][{_NUMERAL}]+[）)]|第[{_NUMERAL}]+部分)")
_TOP_HEADING = re.compile(rf"^(?:[{_NUMERAL}]+、|第[{_NUMERAL}]+部分)")
_HEADING_MAX = 60


@dataclass(frozen=True)
class Document:
    """One cleaned document of a corpus.

    Attributes
    ----------
    name
        File name, or ``<file>:<line>`` for a JSONL record.
    year
        The year it belongs to.
    text
        The cleaned text: paragraphs joined by ``"\\n"``.
    title
        Title when the corpus gives one.
    raw_chars
        Length of the text before cleaning.
    boilerplate_chars
        Characters cut as boilerplate.
    converted
        Traditional characters converted to simplified ones.
    congress
        Party Congress number, for a Congress report.
    paragraphs
        Offset in ``text`` where each paragraph starts.
    headings
        ``(offset, heading)`` of each paragraph that is a section heading.
    excluded
        Why the document is left out of comparisons between corpora (``""``: it is not).
    """

    name: str
    year: int
    text: str
    title: str = ""
    raw_chars: int = 0
    boilerplate_chars: int = 0
    converted: int = 0
    congress: int | None = None
    paragraphs: tuple[int, ...] = (0,)
    headings: tuple[tuple[int, str], ...] = ()
    excluded: str = ""

    @property
    def chars(self) -> int:
        """Characters of the cleaned text, line breaks between paragraphs not counted."""
        return len(self.text) - max(len(self.paragraphs) - 1, 0)

    @property
    def label(self) -> str:
        """``"2022 (20th Congress)"`` for a Congress report, else the year."""
        if self.congress is None:
            return str(self.year)
        return f"{self.year} ({_ordinal(self.congress)} Congress)"

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        """``(start, end)`` of the paragraph holding ``offset``."""
        i = bisect.bisect_right(self.paragraphs, offset) - 1
        start = self.paragraphs[max(i, 0)]
        end = self.paragraphs[i + 1] - 1 if i + 1 < len(self.paragraphs) else len(self.text)
        return start, end

    def section_at(self, offset: int) -> str:
        """The section headings above ``offset`` (``"三、… › （二）…"``), or ``""``."""
        top = ""
        sub = ""
        for at, heading in self.headings:
            if at > offset:
                break
            if _TOP_HEADING.match(heading):
                top, sub = heading, ""
            else:
                sub = heading
        return " › ".join(h for h in (top, sub) if h)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class Corpus:
    """Dated, cleaned documents and what was skipped while reading them.

    Attributes
    ----------
    documents
        The documents, by year.
    origin
        Where they were read from.
    skipped
        Records skipped, with the reason.
    name
        Short name (``"gwr"``, ``"congress"`` or the file name).
    label
        What the corpus is, for titles (``"Government Work Reports"``).
    speaker
        Whose voice it is (``"State"``, ``"Party"`` or ``""``).
    """

    documents: tuple[Document, ...]
    origin: str
    skipped: tuple[str, ...] = ()
    name: str = ""
    label: str = ""
    speaker: str = ""

    @property
    def source(self) -> Source:
        """The texts as a cited source: their label and where they were read from."""
        return Source(
            name=self.label or self.name, version="", citation=f"texts read from {self.origin}"
        )

    @property
    def years(self) -> list[int]:
        """The distinct years with at least one document, ascending."""
        return sorted({d.year for d in self.documents})

    def gaps(self, start: int | None = None, end: int | None = None) -> list[int]:
        """Years between ``start`` and ``end`` (default: first and last year) that have no
        document. Gaps are reported, never filled."""
        years = self.years
        if not years:
            return []
        lo = years[0] if start is None else start
        hi = years[-1] if end is None else end
        present = set(years)
        return [y for y in range(lo, hi + 1) if y not in present]

    def exclude(self, reasons: Mapping[int, str]) -> Corpus:
        """A copy with the Congress reports of the given numbers marked as left out of
        comparisons, with the reason."""
        docs = tuple(
            replace(d, excluded=reasons[d.congress])
            if d.congress is not None and d.congress in reasons and not d.excluded
            else d
            for d in self.documents
        )
        return replace(self, documents=docs)

    def to_frame(self) -> pd.DataFrame:
        """One row per document: name, year, Congress, title and the cleaning record."""
        frame = pd.DataFrame(
            [
                {
                    "document": d.name,
                    "year": d.year,
                    "congress": d.congress,
                    "title": d.title,
                    "chars": d.chars,
                    "raw_chars": d.raw_chars,
                    "boilerplate_chars": d.boilerplate_chars,
                    "converted_traditional": d.converted,
                    "excluded": d.excluded,
                }
                for d in self.documents
            ],
            columns=[
                "document", "year", "congress", "title", "chars", "raw_chars",
                "boilerplate_chars", "converted_traditional", "excluded",
            ],
        )  # fmt: skip
        frame["congress"] = frame["congress"].astype("Int64")
        return frame


def split_paragraphs(text: str) -> list[str]:
    """NFKC-normalised paragraphs (split at blank lines) with the spaces next to
    non-ASCII characters removed; empty paragraphs dropped."""
    out = []
    for block in _PARAGRAPH.split(normalise(text)):
        para = _SPACE_NEAR_CJK.sub("", block).strip()
        if para:
            out.append(para)
    return out


@dataclass(frozen=True)
class _Cleaned:
    text: str
    boilerplate: int
    converted: int
    paragraphs: tuple[int, ...] = field(default=(0,))
    headings: tuple[tuple[int, str], ...] = ()


def _clean(text: str) -> _Cleaned:
    cut = len(text)
    tail_start = max(0, len(text) - _TAIL)
    for pattern in BOILERPLATE:
        match = pattern.search(text, tail_start)
        if match is not None:
            cut = min(cut, match.start())
    paragraphs = split_paragraphs(text[:cut])
    converted = 0
    starts: list[int] = []
    headings: list[tuple[int, str]] = []
    pos = 0
    for i, para in enumerate(paragraphs):
        n = sum(1 for ch in para if ch in TRADITIONAL_TO_SIMPLIFIED)
        if n:
            converted += n
            para = "".join(TRADITIONAL_TO_SIMPLIFIED.get(ch, ch) for ch in para)
            paragraphs[i] = para
        starts.append(pos)
        if (
            len(para) <= _HEADING_MAX
            and _HEADING.match(para)
            and not re.search(r"[。；，！？：;,]$", para)
        ):
            headings.append((pos, para))
        pos += len(para) + 1
    return _Cleaned(
        "\n".join(paragraphs), len(text) - cut, converted, tuple(starts) or (0,), tuple(headings)
    )


def clean_text(text: str) -> tuple[str, int, int]:
    """Clean one text for counting (see the module docstring for the steps).

    Returns
    -------
    tuple of (str, int, int)
        The cleaned text (paragraphs joined by ``"\\n"``), the number of boilerplate
        characters cut and the number of traditional characters converted.
    """
    cleaned = _clean(text)
    return cleaned.text, cleaned.boilerplate, cleaned.converted


def year_from_name(name: str) -> int | None:
    """The single four-digit year (1800-2099) in a file name, else ``None``."""
    found = set(_YEAR_IN_NAME.findall(Path(name).stem))
    return int(found.pop()) if len(found) == 1 else None


def _document(
    name: str, year: int, raw: str, title: str = "", congress: int | None = None
) -> Document:
    c = _clean(raw)
    doc = Document(
        name, year, c.text, title, len(raw), c.boilerplate, c.converted, congress,
        c.paragraphs, c.headings,
    )  # fmt: skip
    return doc


def read_corpus(
    path: str | Path,
    *,
    name: str = "",
    label: str = "",
    speaker: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> Corpus:
    """Read a folder of ``.txt`` files or a ``.jsonl`` file of dated texts.

    Parameters
    ----------
    path
        A folder (each ``.txt`` file's name holds exactly one year, e.g.
        ``gwr_2024_zh.txt``) or a JSONL file whose records have ``content`` or ``text``
        and ``year``, an ISO ``date`` or a Party ``congress`` number.
    name, label, speaker
        How the corpus is named in results (default: the file or folder name).
    progress
        Called as ``progress(done, total)`` while documents are cleaned.

    Raises
    ------
    pflab.errors.DataNotFoundError
        If the path does not exist.
    pflab.errors.DataFormatError
        If a file is not UTF-8, a JSONL line is not JSON or lacks a text field, a year is
        not a number, a Congress number is unknown, or a file name holds no single year;
        the message names the file and line.
    pflab.errors.ParameterError
        If no document is found.
    """
    source = Path(path)
    if not source.exists():
        raise DataNotFoundError(f"{source}: corpus not found")
    if source.is_dir():
        corpus = _read_folder(source, progress)
    elif source.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        corpus = _read_jsonl(source, progress)
    else:
        raise ParameterError("path", f"{source}: expected a folder of .txt files or a .jsonl file")
    if not corpus.documents:
        raise ParameterError("path", f"{source}: no dated documents found")
    return replace(corpus, name=name or source.name, label=label or source.name, speaker=speaker)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFormatError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=path
        ) from None


def _read_folder(folder: Path, progress: Callable[[int, int], None] | None) -> Corpus:
    documents = []
    paths = sorted(folder.glob("*.txt"))
    for i, path in enumerate(paths, start=1):
        year = year_from_name(path.name)
        if year is None:
            raise DataFormatError(
                "the file name must hold exactly one year (1800-2099), e.g. report_2024.txt",
                path=path,
            )
        documents.append(_document(path.name, year, _read_text(path)))
        if progress is not None:
            progress(i, len(paths))
    documents.sort(key=lambda d: (d.year, d.name))
    return Corpus(tuple(documents), str(folder))


def _read_jsonl(path: Path, progress: Callable[[int, int], None] | None) -> Corpus:
    documents: list[Document] = []
    skipped: list[str] = []
    lines = _read_text(path).splitlines()
    for number, line in enumerate(lines, start=1):
        if progress is not None:
            progress(number, len(lines))
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFormatError(f"not valid JSON: {exc.msg}", path=path, row=number) from None
        if not isinstance(record, dict):
            raise DataFormatError("expected a JSON object per line", path=path, row=number)
        text = record.get("content", record.get("text"))
        if not isinstance(text, str):
            raise DataFormatError(
                "no text: expected a string field 'content' or 'text'", path=path, row=number
            )
        title = str(record.get("title") or "")
        year = _record_year(record, path, number)
        congress = _record_congress(record, path, number)
        if year is None and congress is not None:
            year = CONGRESS_YEARS[congress]
        if year is None:
            skipped.append(f"line {number}: no year ({title or 'untitled'})")
            continue
        documents.append(_document(f"{path.name}:{number}", year, text, title, congress))
    documents.sort(key=lambda d: (d.year, d.name))
    return Corpus(tuple(documents), str(path), tuple(skipped))


def _record_year(record: dict[str, object], path: Path, number: int) -> int | None:
    value = record.get("year")
    column = "year"
    if value is None and record.get("date") is not None:
        value, column = str(record["date"])[:4], "date"
    if value is None or value == "":
        return None
    try:
        year = int(str(value).strip())
    except ValueError:
        raise DataFormatError(
            f"{value!r} is not a year", path=path, row=number, column=column
        ) from None
    if not 1800 <= year <= 2099:
        raise DataFormatError(f"{year} is outside 1800-2099", path=path, row=number, column=column)
    return year


def _record_congress(record: dict[str, object], path: Path, number: int) -> int | None:
    value = record.get("congress")
    if value is None or value == "":
        return None
    try:
        congress = int(str(value).strip())
    except ValueError:
        raise DataFormatError(
            f"{value!r} is not a Congress number", path=path, row=number, column="congress"
        ) from None
    if congress not in CONGRESS_YEARS:
        raise DataFormatError(
            f"no year known for Congress {congress}; expected 1-{max(CONGRESS_YEARS)}",
            path=path,
            row=number,
            column="congress",
        )
    return congress
