"""Registry-wide checks run after each file has passed the schema.

Ids unique across files; aliases unique and not another entry's id; every link (parent,
predecessor, successor, related, ``sectors_from``) and every cited source key resolves;
a successor does not start before its predecessor; two funding programmes linked as
predecessor and successor did not run side by side (the earlier one ended by the later
one's start, with three years' overlap allowed for a hand-over; programmes that ran in
parallel, such as 863 and 973, are ``related``); parents form no cycle; a target,
outcome or fact marked ``confirmed`` cites at least one official source, news report,
staged primary text or copy of the official text (secondary pages alone make it
``single_source``). Each failure is a :class:`pflab.errors.DataValidationError` naming
the file, the entry and the field.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path

from pflab.errors import DataValidationError
from pflab.policy.schema import Programme, SourceRef

__all__ = ["EVIDENCE_KINDS", "check_registry", "fold"]

SOURCES_FILE = "sources.yaml"

#: Source kinds that can carry a ``confirmed`` claim on their own.
EVIDENCE_KINDS = frozenset({"official", "news", "corpus", "mirror"})

#: Years a predecessor programme may overlap its successor (a hand-over).
HANDOVER_YEARS = 3


def fold(name: str) -> str:
    """A name folded for look-up: case-insensitive, without whitespace, hyphens or
    underscores (``"future-industries"``, ``"Future industries"`` and
    ``"future_industries"`` are one name)."""
    return "".join(name.replace("-", " ").replace("_", " ").split()).casefold()


def _fail(path: Path, entry: str, field_name: str, message: str) -> DataValidationError:
    return DataValidationError(f"entry {entry!r}, field {field_name!r}: {message}", path=path)


def check_registry(
    entries: list[tuple[Programme, Path]],
    sources: Mapping[str, SourceRef],
    family_ids: list[str],
) -> None:
    """Run the registry-wide checks (see the module docstring)."""
    fam_ids = family_ids
    if len(set(fam_ids)) != len(fam_ids):
        dup = sorted({f for f in fam_ids if fam_ids.count(f) > 1})
        raise DataValidationError(f"family ids used by more than one file: {dup}")
    by_id: dict[str, tuple[Programme, Path]] = {}
    for entry, path in entries:
        if entry.id in by_id:
            other = by_id[entry.id][1].name
            raise _fail(path, entry.id, "id", f"id is also used in {other}")
        by_id[entry.id] = (entry, path)
    names: dict[str, str] = {fold(entry.id): entry.id for entry, _ in entries}
    for entry, path in entries:
        for name in entry.aliases:
            owner = names.setdefault(fold(name), entry.id)
            if owner != entry.id:
                raise _fail(
                    path, entry.id, "aliases", f"alias {name!r} is already taken by {owner!r}"
                )
    for entry, path in entries:
        links = {
            "parent": [entry.parent] if entry.parent else [],
            "predecessors": list(entry.predecessors),
            "successors": list(entry.successors),
            "related": list(entry.related),
            "sectors_from": list(entry.sectors_from),
        }
        for field_name, targets in links.items():
            for target in targets:
                if target not in by_id:
                    close = difflib.get_close_matches(target, list(by_id), n=3)
                    hint = f"; did you mean {', '.join(close)}?" if close else ""
                    raise _fail(
                        path, entry.id, field_name, f"links to unknown entry {target!r}{hint}"
                    )
        for key in sorted(entry.cited_keys()):
            if key not in sources:
                raise _fail(path, entry.id, "sources", f"cites {key!r}, not in {SOURCES_FILE}")
        for later in entry.successors:
            _check_order(entry, by_id[later][0], path, "successors")
            _check_not_parallel(entry, by_id[later][0], path, "successors")
        for earlier in entry.predecessors:
            _check_order(by_id[earlier][0], entry, path, "predecessors")
            _check_not_parallel(by_id[earlier][0], entry, path, "predecessors")
        _check_no_cycle(entry, by_id, path)
        _check_evidence(entry, sources, path)


def _check_order(first: Programme, second: Programme, path: Path, field_name: str) -> None:
    entry = first if field_name == "successors" else second
    if first.dates.first.earliest > second.dates.first.latest:
        raise _fail(
            path,
            entry.id,
            field_name,
            f"{second.id!r} (from {second.dates.first.date}) starts before its predecessor "
            f"{first.id!r} (from {first.dates.first.date})",
        )


def _check_not_parallel(first: Programme, second: Programme, path: Path, field_name: str) -> None:
    """Two programmes linked as predecessor and successor must not have run side by side."""
    if first.kind != "programme" or second.kind != "programme":
        return
    entry = first if field_name == "successors" else second
    start = second.dates.first.year
    end = first.dates.end
    if end is None or end.year > start + HANDOVER_YEARS:
        ran = "still runs" if end is None else f"ran until {end.date}"
        raise _fail(
            path,
            entry.id,
            field_name,
            f"{first.id!r} {ran}, alongside {second.id!r} (from {second.dates.first.date}); "
            "programmes that ran in parallel are 'related', not predecessor and successor",
        )


def _check_evidence(entry: Programme, sources: Mapping[str, SourceRef], path: Path) -> None:
    """A confirmed target, outcome or fact cites an official, news, corpus or mirror source."""
    claims: list[tuple[str, str, tuple[str, ...]]] = []
    for i, target in enumerate(entry.targets):
        claims.append((f"targets.{i}", target.confidence, target.sources))
        if target.outcome is not None:
            outcome = target.outcome
            claims.append((f"targets.{i}.outcome", outcome.confidence, outcome.sources))
    for i, fact in enumerate(entry.facts):
        claims.append((f"facts.{i}", fact.confidence, fact.sources))
    for field_name, confidence, keys in claims:
        if confidence != "confirmed":
            continue
        kinds = {sources[k].kind for k in keys if k in sources}
        if not kinds & EVIDENCE_KINDS:
            raise _fail(
                path,
                entry.id,
                field_name,
                f"marked confirmed but cites only {', '.join(sorted(kinds))} sources "
                f"({', '.join(keys)}); cite an official source, a news report, a staged "
                "primary text or a copy of the official text, or mark it single_source",
            )


def _check_no_cycle(
    entry: Programme, by_id: Mapping[str, tuple[Programme, Path]], path: Path
) -> None:
    seen = {entry.id}
    parent = entry.parent
    while parent is not None:
        if parent in seen:
            raise _fail(path, entry.id, "parent", f"parent chain loops back to {parent!r}")
        seen.add(parent)
        parent = by_id[parent][0].parent
