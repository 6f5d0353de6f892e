"""Reading a corpus of dated texts and cleaning it for counting.

A corpus is either a folder of UTF-8 ``.txt`` files with the year in each file name
(``gwr_2024_zh.txt``), or a JSONL file with one record per document holding the text
(``content`` or ``text``) and a ``year`` or ``date`` field. Records without a year (the
NPC resolutions in the Government Work Report file) are skipped and reported, never
guessed.

Cleaning, in order (:func:`clean_text`):

1. Wikisource boilerplate is cut: the licence block at the end of each page ("本作品是
   中华人民共和国的法律、法规…", the community note "注：中文维基文库社群认为…" and the
   "Public domain" / "false" lines), see ``shared/data/SOURCES.md`` §5.
2. Unicode NFKC and removal of zero-width marks (full-width ``＋`` → ``+``).
3. Whitespace next to a non-ASCII character is removed. Chinese has no spaces, and the
   Wikisource layout breaks lines around every link, which would otherwise split terms.
4. Traditional characters with an unambiguous simplified form are converted (the 1954
   report is in traditional characters); the number converted is reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pflab.errors import DataFormatError, DataNotFoundError, ParameterError
from pflab.policy.hanzi import TRADITIONAL_TO_SIMPLIFIED
from pflab.policy.terms.glossary import normalise

__all__ = ["Corpus", "Document", "clean_text", "read_corpus", "year_from_name"]

#: Lines that open the Wikisource licence block; everything from the first one on is cut
#: when it lies in the last :data:`_TAIL` characters of a text.
BOILERPLATE = (
    re.compile(r"本作品(?:是中华人民共和国的|在全世界都属于公有领域|收录于)"),
    re.compile(r"注：中文维基文库社群认为"),
    re.compile(r"^\s*Public domain\s*$", re.MULTILINE),
)
_TAIL = 3000
_SPACE_NEAR_CJK = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")
_YEAR_IN_NAME = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


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
        The cleaned text.
    title
        Title when the corpus gives one.
    raw_chars
        Length of the text before cleaning.
    boilerplate_chars
        Characters cut as boilerplate.
    converted
        Traditional characters converted to simplified ones.
    """

    name: str
    year: int
    text: str
    title: str = ""
    raw_chars: int = 0
    boilerplate_chars: int = 0
    converted: int = 0


@dataclass(frozen=True)
class Corpus:
    """Dated, cleaned documents and what was skipped while reading them."""

    documents: tuple[Document, ...]
    origin: str
    skipped: tuple[str, ...] = ()

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

    def to_frame(self) -> pd.DataFrame:
        """One row per document: name, year, title and the cleaning record."""
        return pd.DataFrame(
            [
                {
                    "document": d.name,
                    "year": d.year,
                    "title": d.title,
                    "chars": len(d.text),
                    "raw_chars": d.raw_chars,
                    "boilerplate_chars": d.boilerplate_chars,
                    "converted_traditional": d.converted,
                }
                for d in self.documents
            ],
            columns=[
                "document", "year", "title", "chars", "raw_chars", "boilerplate_chars",
                "converted_traditional",
            ],
        )  # fmt: skip


def clean_text(text: str) -> tuple[str, int, int]:
    """Clean one text for counting (see the module docstring for the steps).

    Returns
    -------
    tuple of (str, int, int)
        The cleaned text, the number of boilerplate characters cut and the number of
        traditional characters converted.
    """
    cut = len(text)
    tail_start = max(0, len(text) - _TAIL)
    for pattern in BOILERPLATE:
        match = pattern.search(text, tail_start)
        if match is not None:
            cut = min(cut, match.start())
    removed = len(text) - cut
    body = normalise(text[:cut])
    body = _SPACE_NEAR_CJK.sub("", body).strip()
    converted = sum(1 for ch in body if ch in TRADITIONAL_TO_SIMPLIFIED)
    if converted:
        body = "".join(TRADITIONAL_TO_SIMPLIFIED.get(ch, ch) for ch in body)
    return body, removed, converted


def year_from_name(name: str) -> int | None:
    """The single four-digit year (1800-2099) in a file name, else ``None``."""
    found = set(_YEAR_IN_NAME.findall(Path(name).stem))
    return int(found.pop()) if len(found) == 1 else None


def _document(name: str, year: int, raw: str, title: str = "") -> Document:
    text, removed, converted = clean_text(raw)
    return Document(name, year, text, title, len(raw), removed, converted)


def read_corpus(path: str | Path) -> Corpus:
    """Read a folder of ``.txt`` files or a ``.jsonl`` file of dated texts.

    Parameters
    ----------
    path
        A folder (each ``.txt`` file's name holds exactly one year, e.g.
        ``gwr_2024_zh.txt``) or a JSONL file whose records have ``content`` or ``text``
        and ``year`` (or an ISO ``date``).

    Raises
    ------
    pflab.errors.DataNotFoundError
        If the path does not exist.
    pflab.errors.DataFormatError
        If a file is not UTF-8, a JSONL line is not JSON or lacks a text field, a year is
        not a number, or a file name holds no single year; the message names the file
        and line.
    pflab.errors.ParameterError
        If no document is found.
    """
    source = Path(path)
    if not source.exists():
        raise DataNotFoundError(f"{source}: corpus not found")
    if source.is_dir():
        corpus = _read_folder(source)
    elif source.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        corpus = _read_jsonl(source)
    else:
        raise ParameterError(
            "CORPUS", f"{source}: expected a folder of .txt files or a .jsonl file"
        )
    if not corpus.documents:
        raise ParameterError("CORPUS", f"{source}: no dated documents found")
    return corpus


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFormatError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=path
        ) from None


def _read_folder(folder: Path) -> Corpus:
    documents = []
    for path in sorted(folder.glob("*.txt")):
        year = year_from_name(path.name)
        if year is None:
            raise DataFormatError(
                "the file name must hold exactly one year (1800-2099), e.g. report_2024.txt",
                path=path,
            )
        documents.append(_document(path.name, year, _read_text(path)))
    documents.sort(key=lambda d: (d.year, d.name))
    return Corpus(tuple(documents), str(folder))


def _read_jsonl(path: Path) -> Corpus:
    documents: list[Document] = []
    skipped: list[str] = []
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
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
        if year is None:
            skipped.append(f"line {number}: no year ({title or 'untitled'})")
            continue
        documents.append(_document(f"{path.name}:{number}", year, text, title))
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
