"""Registry-wide checks run after each file has passed the schema.

Ids unique across files; aliases unique and not another entry's id; every link (parent,
predecessor, successor, related, ``sectors_from``) and every cited source key resolves;
a successor does not start before its predecessor; parents form no cycle. Each failure
is a :class:`pflab.errors.DataValidationError` naming the file, the entry and the field.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path

from pflab.errors import DataValidationError
from pflab.policy.schema import Programme, SourceRef

__all__ = ["check_registry", "fold"]

SOURCES_FILE = "sources.yaml"


def fold(name: str) -> str:
    """A name folded for look-up: no whitespace, case-insensitive."""
    return "".join(name.split()).casefold()


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
        for earlier in entry.predecessors:
            _check_order(by_id[earlier][0], entry, path, "predecessors")
        _check_no_cycle(entry, by_id, path)


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
