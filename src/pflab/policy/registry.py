"""Load, validate and query the registry of China's technology and industrial policies.

The registry is data: one YAML file per family of programmes in
``pflab/policy/registry/`` plus ``sources.yaml``, the catalogue of cited sources. Loading
checks each file against :mod:`pflab.policy.schema` and then the registry as a whole:
ids unique, aliases unambiguous, every link (parent, predecessor, successor, related,
``sectors_from``) and every cited source key resolves, a successor does not start
before its predecessor, and parents form no cycle. Any failure is a
:class:`pflab.errors.DataValidationError` naming the file, the entry and the field.

>>> from pflab.policy import load_registry
>>> reg = load_registry()
>>> reg.get("MIC2025").name_zh
'中国制造2025'
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from pydantic import ValidationError

from pflab.data.isic import is_isic_code, isic_division
from pflab.errors import (
    DataFormatError,
    DataNotFoundError,
    DataValidationError,
    LookupFailedError,
    ParameterError,
)
from pflab.policy.schema import KINDS, FamilyFile, Programme, Sector, SourceRef
from pflab.policy.validate import SOURCES_FILE, check_registry, fold

__all__ = ["Family", "Registry", "load_registry", "normalise_sector_query"]


@dataclass(frozen=True)
class Family:
    """A family of entries (one registry file), drawn as one lane of the timeline."""

    id: str
    title_en: str
    title_zh: str
    order: int
    file: str


@dataclass(frozen=True)
class Registry:
    """The validated registry with its query methods.

    Build it with :func:`load_registry`. Entries are :class:`pflab.policy.schema.Programme`
    objects in the order of their families and files.
    """

    programmes: tuple[Programme, ...]
    families: tuple[Family, ...]
    sources: Mapping[str, SourceRef]
    origin: str
    _strong: dict[str, Programme] = field(repr=False, compare=False, default_factory=dict)
    _weak: dict[str, list[Programme]] = field(repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        # ids and aliases are unique (checked at load); English and Chinese names may be
        # shared (MIC2025's "new materials" and the SEI's), so they resolve only if unique
        strong: dict[str, Programme] = {}
        weak: dict[str, list[Programme]] = {}
        for entry in self.programmes:
            for name in (entry.id, *entry.aliases):
                strong.setdefault(fold(name), entry)
            for label in (entry.name_en, entry.name_zh):
                if label:
                    weak.setdefault(fold(label), []).append(entry)
        object.__setattr__(self, "_strong", strong)
        object.__setattr__(self, "_weak", weak)

    # -- container protocol ------------------------------------------------------------

    def __iter__(self) -> Iterator[Programme]:
        return iter(self.programmes)

    def __len__(self) -> int:
        return len(self.programmes)

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        key = fold(name)
        return key in self._strong or len(self._weak.get(key, ())) == 1

    # -- look-ups ------------------------------------------------------------------------

    def get(self, name: str) -> Programme:
        """The entry with this id, alias, English or Chinese name (case-insensitive).

        Raises
        ------
        pflab.errors.LookupFailedError
            If no entry has that name; the message lists the closest names.
        """
        key = fold(name)
        if key in self._strong:
            return self._strong[key]
        weak = self._weak.get(key, [])
        if len(weak) == 1:
            return weak[0]
        if weak:
            raise LookupFailedError("programme (ambiguous name)", name, [p.id for p in weak])
        known = [*self._strong, *self._weak]
        close = difflib.get_close_matches(key, known, n=8, cutoff=0.5)
        shown = [self._strong[c].id if c in self._strong else self._weak[c][0].id for c in close]
        raise LookupFailedError("programme", name, list(dict.fromkeys(shown))[:5])

    def family(self, family_id: str) -> Family:
        """The family with this id."""
        for fam in self.families:
            if fam.id == family_id.strip().lower():
                return fam
        raise LookupFailedError("family", family_id, [f.id for f in self.families])

    def children(self, name: str) -> list[Programme]:
        """Entries whose parent is the named entry."""
        parent = self.get(name).id
        return [p for p in self.programmes if p.parent == parent]

    def descendants(self, name: str) -> list[Programme]:
        """Children, grandchildren and so on of the named entry."""
        found: list[Programme] = []
        for child in self.children(name):
            found += [child, *self.descendants(child.id)]
        return found

    def predecessors_of(self, name: str) -> list[Programme]:
        """Entries that precede this one, whichever side recorded the link."""
        entry = self.get(name)
        ids = set(entry.predecessors) | {p.id for p in self if entry.id in p.successors}
        return [p for p in self if p.id in ids]

    def successors_of(self, name: str) -> list[Programme]:
        """Entries that succeed this one, whichever side recorded the link."""
        entry = self.get(name)
        ids = set(entry.successors) | {p.id for p in self if entry.id in p.predecessors}
        return [p for p in self if p.id in ids]

    def sources_of(self, name: str) -> list[SourceRef]:
        """Every source the entry cites, in catalogue order."""
        keys = self.get(name).cited_keys()
        return [s for k, s in self.sources.items() if k in keys]

    # -- sectors -------------------------------------------------------------------------

    def sectors_of(self, name: str) -> tuple[Sector, ...]:
        """The entry's target sectors: its own, its descendants' and its items', and
        those of the entries named in ``sectors_from`` (recursively), one per code."""
        seen: dict[str, Sector] = {}
        self._collect_sectors(self.get(name), seen, set())
        return tuple(seen.values())

    def _collect_sectors(self, entry: Programme, seen: dict[str, Sector], done: set[str]) -> None:
        if entry.id in done:
            return
        done.add(entry.id)
        for sector in (*entry.sectors, *(s for item in entry.items for s in item.sectors)):
            seen.setdefault(sector.isic, sector)
        for child in self.children(entry.id):
            self._collect_sectors(child, seen, done)
        for other in entry.sectors_from:
            self._collect_sectors(self.get(other), seen, done)

    def divisions_of(self, name: str) -> list[str]:
        """The sorted two-digit ISIC divisions of :meth:`sectors_of`."""
        return sorted({s.division for s in self.sectors_of(name)})

    # -- filters -------------------------------------------------------------------------

    def active_in(self, year: int) -> list[Programme]:
        """Entries in force in ``year``: started (or announced) by then and not yet ended."""
        return [
            p for p in self if p.start_year <= year and (p.end_year is None or p.end_year >= year)
        ]

    def by_sector(self, code: str) -> list[Programme]:
        """Entries targeting an ISIC Rev.4 section, division, group or class.

        ``code`` may be ``"C"`` (a section), ``"26"``, ``"261"``, ``"2610"`` or a WIOD-style
        ``"C26"``. An entry matches when one of its codes (:meth:`sectors_of`) contains or
        lies inside the query: a query ``"26"`` finds an entry targeting ``"2610"`` and a
        query ``"2610"`` finds one targeting all of ``"26"``.
        """
        query = normalise_sector_query(code)
        found = []
        for entry in self:
            codes = [s.isic for s in self.sectors_of(entry.id)]
            if query.isalpha():
                from pflab.data.isic import section_of

                hit = any(section_of(c[:2]) == query for c in codes)
            else:
                hit = any(c.startswith(query) or query.startswith(c) for c in codes)
            if hit:
                found.append(entry)
        return found

    def by_kind(self, kind: str) -> list[Programme]:
        """Entries of a kind (``strategy``, ``plan``, ``programme``, ``list``, ``fund``,
        ``institution``), counting secondary kinds."""
        wanted = kind.strip().lower()
        if wanted not in KINDS:
            raise ParameterError(
                "kind", f"{kind!r} is not a kind; choose one of {', '.join(KINDS)}"
            )
        return [p for p in self if wanted in p.kinds]

    def by_family(self, family_id: str) -> list[Programme]:
        """Entries of one family."""
        fam = self.family(family_id).id
        return [p for p in self if p.family == fam]

    def select(
        self,
        *,
        active_in: int | None = None,
        sector: str | None = None,
        kind: str | None = None,
        family: str | None = None,
    ) -> list[Programme]:
        """Entries passing every given filter (see the single-filter methods)."""
        chosen = list(self)
        for keep in (
            None if active_in is None else self.active_in(active_in),
            None if sector is None else self.by_sector(sector),
            None if kind is None else self.by_kind(kind),
            None if family is None else self.by_family(family),
        ):
            if keep is not None:
                ids = {p.id for p in keep}
                chosen = [p for p in chosen if p.id in ids]
        return chosen

    # -- frames --------------------------------------------------------------------------

    def to_frame(self, entries: list[Programme] | None = None) -> pd.DataFrame:
        """One row per entry: id, family, names, kind, dates, parent, divisions."""
        rows = []
        for p in self.programmes if entries is None else entries:
            rows.append(
                {
                    "id": p.id,
                    "family": p.family,
                    "name_en": p.name_en,
                    "name_zh": p.name_zh,
                    "kind": p.kind,
                    "start": p.dates.first.date,
                    "end": None if p.dates.end is None else p.dates.end.date,
                    "start_year": p.start_year,
                    "end_year": p.end_year,
                    "parent": p.parent,
                    "scope": p.scope,
                    "isic": " ".join(self.divisions_of(p.id)),
                    "targets": len(p.targets),
                    "facts": len(p.facts),
                    "confidence": p.confidence,
                }
            )
        frame = pd.DataFrame(rows)
        frame["end_year"] = frame["end_year"].astype("Int64")
        return frame

    def targets_frame(self, entries: list[Programme] | None = None) -> pd.DataFrame:
        """One row per quantitative or dated target, with its outcome where known."""
        rows = []
        for p in self.programmes if entries is None else entries:
            for t in p.targets:
                rows.append(
                    {
                        "id": p.id,
                        "indicator": t.indicator,
                        "year": t.year,
                        "comparator": t.comparator,
                        "value": t.value,
                        "unit": t.unit,
                        "text": t.text,
                        "base_year": t.base_year,
                        "base_value": t.base_value,
                        "outcome_year": None if t.outcome is None else t.outcome.year,
                        "outcome_value": None if t.outcome is None else t.outcome.value,
                        "outcome": None if t.outcome is None else t.outcome.text,
                        "met": None if t.outcome is None else t.outcome.met,
                        "outcome_note": None if t.outcome is None else t.outcome.note,
                        "outcome_sources": None
                        if t.outcome is None
                        else " ".join(t.outcome.sources),
                        "confidence": t.confidence,
                        "note": t.note,
                        "sources": " ".join(t.sources),
                    }
                )
        return pd.DataFrame(rows, columns=_TARGET_COLUMNS)

    def facts_frame(self, entries: list[Programme] | None = None) -> pd.DataFrame:
        """One row per fact (a measured or decided number that is not a target)."""
        rows = [
            {
                "id": p.id,
                "indicator": f.indicator,
                "year": f.year,
                "value": f.value,
                "unit": f.unit,
                "text": f.text,
                "confidence": f.confidence,
                "note": f.note,
                "sources": " ".join(f.sources),
            }
            for p in (self.programmes if entries is None else entries)
            for f in p.facts
        ]
        frame = pd.DataFrame(rows, columns=_FACT_COLUMNS)
        frame["year"] = frame["year"].astype("Int64")
        return frame


_TARGET_COLUMNS = [
    "id",
    "indicator",
    "year",
    "comparator",
    "value",
    "unit",
    "text",
    "base_year",
    "base_value",
    "outcome_year",
    "outcome_value",
    "outcome",
    "met",
    "outcome_note",
    "outcome_sources",
    "confidence",
    "note",
    "sources",
]
_FACT_COLUMNS = [
    "id",
    "indicator",
    "year",
    "value",
    "unit",
    "text",
    "confidence",
    "note",
    "sources",
]


def normalise_sector_query(code: str) -> str:
    """Turn ``"C26"``, ``"c"``, ``"26"`` or ``"2610"`` into an ISIC code or section.

    Raises
    ------
    pflab.errors.ParameterError
        If the code is not an ISIC Rev.4 section, division, group or class.
    """
    text = str(code).strip().upper()
    if len(text) >= 3 and text[0].isalpha() and text[1:].isdigit():
        text = text[1:]  # WIOD-style "C26": section letter + division
    if not is_isic_code(text):
        raise ParameterError("sector", f"{code!r} is not an ISIC Rev.4 section or code")
    if not text.isalpha():
        isic_division(text)
    return text


# ---------------------------------------------------------------------------------------
# loading


def load_registry(folder: str | Path | None = None) -> Registry:
    """Load and validate the registry.

    Parameters
    ----------
    folder
        A folder of registry YAML files (``sources.yaml`` and one file per family).
        Default: the registry shipped inside pflab (loaded once and cached).

    Raises
    ------
    pflab.errors.DataFormatError
        If a file is not valid YAML.
    pflab.errors.DataValidationError
        If an entry breaks the schema or a registry-wide rule; the message names the
        file, the entry id and the field.
    """
    if folder is None:
        return _shipped()
    return _load(Path(folder))


@cache
def _shipped() -> Registry:
    root = resources.files("pflab.policy").joinpath("registry")
    with resources.as_file(root) as path:
        return _load(Path(path))


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10x faster


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = None if mark is None else mark.line + 1
        raise DataFormatError(f"not valid YAML: {exc}", path=path, row=line) from None


def _pydantic_error(
    path: Path, exc: ValidationError, raw: Any = None, entry: str | None = None
) -> DataValidationError:
    """Turn pydantic's first error into one line naming file, entry and field.

    ``raw`` is the parsed family file (the entry is then found from the error's
    location ``entries.<n>``); ``entry`` names it directly otherwise.
    """
    first = exc.errors()[0]
    loc = list(first["loc"])
    if entry is None:
        entry = "(file)"
        if len(loc) >= 2 and loc[0] == "entries" and isinstance(loc[1], int):
            index = loc[1]
            try:
                entry = repr(str(raw["entries"][index]["id"]))
            except (KeyError, IndexError, TypeError):
                entry = f"#{index + 1}"
            loc = loc[2:]
    where = ".".join(str(part) for part in loc) or "(entry)"
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = f"unknown field {loc[-1]!r} (a typo, or a comma inside a [..] or {{..}} value?)"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return DataValidationError(f"entry {entry}, field {where!r}: {message}{more}", path=path)


def _load(folder: Path) -> Registry:
    if not folder.is_dir():
        raise DataNotFoundError(f"{folder}: registry folder not found")
    source_path = folder / SOURCES_FILE
    if not source_path.is_file():
        raise DataNotFoundError(f"{source_path}: the source catalogue is missing")
    sources = _load_sources(source_path)
    families: list[Family] = []
    entries: list[tuple[Programme, Path]] = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == SOURCES_FILE:
            continue
        raw = _read_yaml(path)
        try:
            parsed = FamilyFile.model_validate(raw)
        except ValidationError as exc:
            raise _pydantic_error(path, exc, raw=raw) from None
        families.append(
            Family(parsed.family, parsed.title_en, parsed.title_zh, parsed.order, path.name)
        )
        for entry in parsed.entries:
            if entry.family and entry.family != parsed.family:
                raise DataValidationError(
                    f"entry {entry.id!r}, field 'family': {entry.family!r} differs from the "
                    f"file's family {parsed.family!r}",
                    path=path,
                )
            entries.append((entry.model_copy(update={"family": parsed.family}), path))
    if not entries:
        raise DataValidationError("no registry family files found", path=folder)
    families.sort(key=lambda f: (f.order, f.id))
    check_registry(entries, sources, [f.id for f in families])
    order = {f.id: f.order for f in families}
    ordered = sorted(entries, key=lambda e: order[e[0].family])  # stable: file order within
    return Registry(
        programmes=tuple(p for p, _ in ordered),
        families=tuple(families),
        sources=sources,
        origin=str(folder),
    )


def _load_sources(path: Path) -> dict[str, SourceRef]:
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), list):
        raise DataFormatError("expected a mapping with a 'sources' list", path=path)
    found: dict[str, SourceRef] = {}
    for i, item in enumerate(raw["sources"]):
        try:
            ref = SourceRef.model_validate(item)
        except ValidationError as exc:
            key = item.get("key") if isinstance(item, dict) else None
            label = repr(str(key)) if key else f"#{i + 1}"
            raise _pydantic_error(path, exc, entry=f"(source {label})") from None
        if ref.key in found:
            raise DataValidationError(f"source {ref.key!r} (#{i + 1}) is listed twice", path=path)
        found[ref.key] = ref
    return found
