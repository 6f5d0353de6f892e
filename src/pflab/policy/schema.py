"""The schema of the policy registry: pydantic models for one programme and its parts.

A registry entry (:class:`Programme`) is a slogan or strategy, a plan, a programme, a
list, a fund or an institution. It carries bilingual names, dates, issuing bodies,
links to its parent, predecessors and successors, a description in pflab's own words,
its target fields and sectors mapped to ISIC Rev.4 codes, quantitative targets and the
sources for all of it. Every model forbids unknown keys, so a typo in a registry file is
an error rather than a silently ignored field.

Facts come with a :data:`Confidence`: ``confirmed`` (seen in a cited official source,
news report, staged primary text or copy of the official text), ``single_source``
(secondary pages only), ``conflict`` (sources disagree; the note says how) or
``unconfirmed`` (recalled or reported without a source at hand; kept visibly flagged,
never presented as fact). Claims that were not loaded at all are listed in
:attr:`Programme.unverified`.

Targets (what a programme aims at) are kept apart from facts (what was measured or
decided: a fund's capital, a claimed output, a spending estimate): a :class:`Target`
may carry its :class:`Outcome`, and a :class:`Fact` stands alone; both name their year
and sources. List items (issuers, fields, aliases, unverified claims) must be whole
phrases: an item that opens or closes inside parentheses, or starts or ends with a
conjunction, is a phrase split at a comma and is rejected.

Dates are partial ISO dates: ``"1861"``, ``"2023-09"`` or ``"2024-01-29"``; comparisons
respect the precision (``"2006"`` is not later than ``"2006-02-09"``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pflab.policy.types import (
    Chinese,
    Id,
    IsicCode,
    ListItem,
    PartialDate,
    SourceKey,
    Text,
    coerce_date,
    date_bounds,
    split_phrase,
)

__all__ = [
    "CONFIDENCE_LEVELS",
    "KINDS",
    "Claim",
    "Confidence",
    "DatePoint",
    "Dates",
    "Document",
    "Fact",
    "FamilyFile",
    "Item",
    "Kind",
    "ListItem",
    "Milestone",
    "Outcome",
    "PartialDate",
    "Programme",
    "Sector",
    "SourceRef",
    "Target",
    "date_bounds",
    "split_phrase",
]

#: The kinds of registry entry.
KINDS: tuple[str, ...] = ("strategy", "plan", "programme", "list", "fund", "institution")
Kind = Literal["strategy", "plan", "programme", "list", "fund", "institution"]

#: How well a fact is supported, strongest first.
CONFIDENCE_LEVELS: tuple[str, ...] = ("confirmed", "single_source", "conflict", "unconfirmed")
Confidence = Literal["confirmed", "single_source", "conflict", "unconfirmed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _scalar_to(field: str) -> Any:
    """A before-validator turning a bare scalar into ``{field: scalar}``."""

    def wrap(value: Any) -> Any:
        return value if isinstance(value, dict) else {field: value}

    return wrap


# ---------------------------------------------------------------------------------------
# small parts


class SourceRef(_Model):
    """A cited source, stored once in ``registry/sources.yaml`` and cited by key.

    Attributes
    ----------
    key
        Short key cited by entries, e.g. ``"P1"`` or ``"L-GWR-2024"``.
    title
        Title as published (Chinese or English).
    kind
        ``official`` (the issuing body's own page or text), ``mirror`` (a copy of official
        text on another site), ``news``, ``reference`` (encyclopaedia), ``secondary``
        (analysis, aggregator), ``corpus`` (a staged primary text read by pflab) or
        ``essay`` (the essay pflab grows from).
    """

    key: SourceKey
    title: Text
    kind: Literal["official", "mirror", "news", "reference", "secondary", "corpus", "essay"]
    publisher: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    note: str | None = None


class _Supported(_Model):
    """A fact with how well it is supported, a note and the sources that say it."""

    confidence: Confidence = "confirmed"
    note: str | None = None
    sources: tuple[SourceKey, ...] = ()


class DatePoint(_Supported):
    """A date with its support; a bare ``"2015-05-19"`` in a file means confirmed."""

    date: PartialDate

    @model_validator(mode="before")
    @classmethod
    def _bare(cls, value: Any) -> Any:
        return _scalar_to("date")(coerce_date(value))

    @property
    def year(self) -> int:
        """The calendar year."""
        return int(self.date[:4])

    @property
    def earliest(self) -> dt.date:
        """First day the date can mean."""
        return date_bounds(self.date)[0]

    @property
    def latest(self) -> dt.date:
        """Last day the date can mean."""
        return date_bounds(self.date)[1]


class Dates(_Model):
    """When an entry was announced, started and ended (``end`` empty: still in force)."""

    announced: DatePoint | None = None
    start: DatePoint | None = None
    end: DatePoint | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Dates:
        if self.start is None and self.announced is None:
            raise ValueError("needs at least 'start' or 'announced'")
        for name in ("start", "announced"):
            first = getattr(self, name)
            if first is not None and self.end is not None and first.earliest > self.end.latest:
                raise ValueError(f"{name} {first.date} is after end {self.end.date}")
        return self

    @property
    def first(self) -> DatePoint:
        """The start, else the announcement."""
        point = self.start or self.announced
        assert point is not None
        return point


class Claim(_Supported):
    """A short fact (e.g. a document number) with its support."""

    value: Text

    @model_validator(mode="before")
    @classmethod
    def _bare(cls, value: Any) -> Any:
        return _scalar_to("value")(value)


class Sector(_Model):
    """A target sector as an ISIC Rev.4 code, with what in the programme maps there.

    A bare ``"26"`` in a file means ``{isic: "26"}``. Codes are divisions (two digits)
    or, where the programme is narrower, groups and classes (``"303"``, ``"2829"``).
    """

    isic: IsicCode
    label: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare(cls, value: Any) -> Any:
        return _scalar_to("isic")(value)

    @property
    def division(self) -> str:
        """The two-digit division."""
        return self.isic[:2]


class Outcome(_Model):
    """What became of a target: the measured value in a year, with its sources.

    ``met`` is ``True``/``False`` only when the outcome is of the target's own year (or
    settles it, e.g. a value below the target two years later for a rising indicator,
    said in ``note``); otherwise it stays ``None``.
    """

    year: int
    value: float | None = None
    text: str | None = None
    met: bool | None = None
    confidence: Confidence = "confirmed"
    note: str | None = None
    sources: tuple[SourceKey, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _said(self) -> Outcome:
        if self.value is None and not self.text:
            raise ValueError("an outcome needs a value or a text")
        return self


class Fact(_Model):
    """A measured or decided number that is not a target: a fund's capital, an output
    claimed at the time, a budget or a spending estimate.

    ``year`` is the year the number refers to; leave it empty only when no source dates
    the number, and say so in ``note``.
    """

    indicator: Text
    year: int | None = None
    value: float | None = None
    unit: str | None = None
    text: str | None = None
    confidence: Confidence = "confirmed"
    note: str | None = None
    sources: tuple[SourceKey, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _said(self) -> Fact:
        if self.value is None and not self.text:
            raise ValueError("a fact needs a value or a text")
        if self.value is not None and not self.unit:
            raise ValueError("a numeric fact needs a unit")
        if self.year is None and not self.note:
            raise ValueError("an undated fact needs a note saying why no year is given")
        return self


class Target(_Model):
    """A quantitative (or dated qualitative) target.

    ``value`` is the number aimed at, read with ``comparator`` (``">="`` for "at least");
    ``text`` describes a qualitative target or the indicator's exact wording.
    """

    indicator: Text
    year: int
    value: float | None = None
    comparator: Literal["=", ">=", "<=", ">", "<", "~"] = "="
    unit: str | None = None
    text: str | None = None
    base_year: int | None = None
    base_value: float | None = None
    outcome: Outcome | None = None
    confidence: Confidence = "confirmed"
    note: str | None = None
    sources: tuple[SourceKey, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _said(self) -> Target:
        if self.value is None and not self.text:
            raise ValueError("a target needs a value or a text")
        if self.value is not None and not self.unit:
            raise ValueError("a numeric target needs a unit")
        return self


class Document(_Model):
    """An official document that issued or defined the entry."""

    title_zh: Chinese
    title_en: str | None = None
    doc_number: Claim | None = None
    issued: DatePoint | None = None
    published: DatePoint | None = None
    issuers: tuple[ListItem, ...] = ()
    url: str | None = None
    sources: tuple[SourceKey, ...] = Field(min_length=1)


class Milestone(_Model):
    """A dated event in an entry's life (a first use, a meeting, a report)."""

    date: PartialDate
    event: Text
    confidence: Confidence = "confirmed"
    sources: tuple[SourceKey, ...] = Field(min_length=1)

    @property
    def year(self) -> int:
        """The calendar year."""
        return int(self.date[:4])


class Item(_Model):
    """A named item on a list (e.g. "humanoid robots" under future manufacturing).

    ``name_zh`` is left empty when the Chinese wording was not seen in a source.
    """

    name_en: Text
    name_zh: Chinese | None = None
    sectors: tuple[Sector, ...] = ()
    confidence: Confidence = "confirmed"
    note: str | None = None
    sources: tuple[SourceKey, ...] = Field(min_length=1)


# ---------------------------------------------------------------------------------------
# the entry


class Programme(_Model):
    """One registry entry: a slogan or strategy, plan, programme, list, fund or institution.

    Attributes
    ----------
    id
        Stable lowercase snake-case id, e.g. ``"mic2025"``.
    family
        The family (registry file) it belongs to; set by the loader.
    short_en
        A short English name for tables and charts when ``name_en`` is long.
    aliases
        Other names it is looked up by, e.g. ``"MIC2025"``, ``"中国制造2025"``.
    terms
        The Chinese words the term tracker counts for this entry: the first is the
        glossary term, the others variants counted with it (``"自强运动"``, ``"洋务运动"``).
    term_en
        English rendering of the glossary term when it differs from ``name_en``.
    sectors
        Its own target sectors; :meth:`pflab.policy.Registry.sectors_of` adds those of its
        children and of the entries named in ``sectors_from``.
    scope
        ``sectors`` (targets named industries), ``economy_wide`` (no sector target),
        ``cross_cutting`` (a governance model or slogan that inherits targets through
        ``sectors_from``).
    targets, facts
        Goals (with their outcomes where known) and, apart from them, measured or
        decided numbers such as a fund's capital or a spending estimate.
    unverified
        Claims seen in secondary mentions that were *not* loaded as fact.
    """

    id: Id
    family: str = ""
    name_en: Text
    short_en: str | None = None
    name_zh: Chinese | None = None
    pinyin: str | None = None
    aliases: tuple[ListItem, ...] = ()
    terms: tuple[Chinese, ...] = ()
    term_en: str | None = None
    kind: Kind
    also_kinds: tuple[Kind, ...] = ()
    dates: Dates
    issuers: tuple[ListItem, ...] = ()
    parent: Id | None = None
    predecessors: tuple[Id, ...] = ()
    successors: tuple[Id, ...] = ()
    related: tuple[Id, ...] = ()
    description: Text
    fields: tuple[ListItem, ...] = ()
    scope: Literal["sectors", "economy_wide", "cross_cutting"] = "sectors"
    sectors: tuple[Sector, ...] = ()
    sectors_from: tuple[Id, ...] = ()
    items: tuple[Item, ...] = ()
    targets: tuple[Target, ...] = ()
    facts: tuple[Fact, ...] = ()
    documents: tuple[Document, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    outcome: str | None = None
    confidence: Confidence = "confirmed"
    unverified: tuple[ListItem, ...] = ()
    sources: tuple[SourceKey, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Programme:
        if self.name_zh is None and not self.unverified:
            raise ValueError("an entry without a Chinese name must say why under 'unverified'")
        links = [self.parent, *self.predecessors, *self.successors, *self.related]
        if self.id in links or self.id in self.sectors_from:
            raise ValueError(f"entry {self.id!r} links to itself")
        if self.kind in self.also_kinds:
            raise ValueError(f"also_kinds repeats the kind {self.kind!r}")
        if self.scope == "economy_wide" and (self.sectors or self.sectors_from):
            raise ValueError("an economy-wide entry cannot also list target sectors")
        return self

    @property
    def label(self) -> str:
        """The short English name, else the English name."""
        return self.short_en or self.name_en

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kind and any secondary kinds."""
        return (self.kind, *self.also_kinds)

    @property
    def start_year(self) -> int:
        """Year of the start (or, failing that, the announcement)."""
        return self.dates.first.year

    @property
    def end_year(self) -> int | None:
        """Year of the end, ``None`` if still in force."""
        return None if self.dates.end is None else self.dates.end.year

    def names(self) -> list[str]:
        """Every name the entry is found by: id, English, Chinese, aliases."""
        found = [self.id, self.name_en, *self.aliases]
        if self.name_zh:
            found.append(self.name_zh)
        return found

    def cited_keys(self) -> set[str]:
        """Every source key cited anywhere in the entry."""
        keys = set(self.sources)
        for point in (self.dates.announced, self.dates.start, self.dates.end):
            if point is not None:
                keys.update(point.sources)
        for target in self.targets:
            keys.update(target.sources)
            if target.outcome is not None:
                keys.update(target.outcome.sources)
        for fact in self.facts:
            keys.update(fact.sources)
        for doc in self.documents:
            keys.update(doc.sources)
            for point in (doc.issued, doc.published):
                if point is not None:
                    keys.update(point.sources)
            if doc.doc_number is not None:
                keys.update(doc.doc_number.sources)
        for item in self.items:
            keys.update(item.sources)
        for milestone in self.milestones:
            keys.update(milestone.sources)
        return keys


class FamilyFile(_Model):
    """One registry file: a family of related entries, drawn as one timeline lane."""

    family: Id
    title_en: Text
    title_zh: Chinese
    order: int
    entries: tuple[Programme, ...] = Field(min_length=1)
