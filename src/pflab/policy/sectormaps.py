"""Sector maps: what share of each input-output sector a programme's activities make up.

A programme names industries ("new materials", "high-end equipment"); an input-output
table has sectors that hold them in part ("special chemical products" holds new
materials and ordinary chemicals). A sector map gives, for each sector of the NBS
153-product classification (the tables of 2018 and 2020), the share :math:`s_i` of the
sector's output that belongs to the programme, with a low-high range and the *basis* of
the share: the official classification's class list (the sector is covered wholly or
not at all), official sub-sector output, or a stated judgement, each with its sources.

The maps live beside the registry (``pflab/policy/registry/maps/``): ``maps.yaml`` lists
them (id, titles, status, the registry entries they serve) and each map is a CSV with
one row per part (a registry entry: the programme or one of its parts) and sector.
Shares are fixed from their basis before any comparison with an official aggregate and
are never fitted to it; :mod:`pflab.policy.validation` then compares the two.

Loading checks every row: shares are numbers with ``0 <= low <= share <= high <= 1``;
a basis and at least one source key (of ``registry/sources.yaml``) are given; the code is
a sector of the scheme; the part is one of the map's programmes or a descendant of one;
the parts' shares of one sector add up to at most 1; and each registry entry is served
by at most one map. Errors name the file, the row and the column.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from pflab.data.concordance import load_concordance
from pflab.errors import (
    DataFormatError,
    DataNotFoundError,
    DataValidationError,
    LookupFailedError,
)
from pflab.policy.registry import Registry, load_registry

__all__ = ["MAP_COLUMNS", "MAP_STATUSES", "SectorMap", "SectorMaps", "load_sector_maps"]

#: Columns of a map file, in order.
MAP_COLUMNS = ("part", "code", "share", "low", "high", "basis", "sources")

#: ``official``: mapped class by class from the classification's own list with its
#: partial-class marks; ``unofficial``: mapped at IO-sector level with judgement shares.
MAP_STATUSES = ("official", "unofficial")

MAPS_FOLDER = "maps"
MANIFEST = "maps.yaml"


@dataclass(frozen=True)
class SectorMap:
    """One validated sector map.

    Attributes
    ----------
    id, title, title_zh
        Its id and names (``"sei_2018"``, "Strategic emerging industries …").
    status
        ``official`` or ``unofficial`` (see :data:`MAP_STATUSES`).
    scheme
        The sector scheme of its codes (``"nbs153"``).
    programmes
        The registry entries it measures (the programme and the plans that share its
        definition, e.g. the SEI decision, the 2016 plan and the 2018 classification).
    note
        How it was built and what it leaves out.
    frame
        One row per part and sector: ``part``, ``code``, ``share``, ``low``, ``high``,
        ``basis``, ``sources`` (space-separated source keys).
    file
        The CSV file it was read from.
    """

    id: str
    title: str
    title_zh: str
    status: str
    scheme: str
    programmes: tuple[str, ...]
    note: str
    frame: pd.DataFrame
    file: str

    @property
    def parts(self) -> tuple[str, ...]:
        """The registry entries that have rows, in file order."""
        return tuple(dict.fromkeys(self.frame["part"]))

    def rows_for(self, entry_ids: set[str] | None = None) -> pd.DataFrame:
        """The rows of the given parts (default: every row), a fresh copy."""
        frame = self.frame if entry_ids is None else self.frame[self.frame["part"].isin(entry_ids)]
        return frame.copy()


@dataclass(frozen=True)
class SectorMaps:
    """Every sector map, with look-ups by id and by the registry entry they serve."""

    maps: Mapping[str, SectorMap]
    origin: str

    def __iter__(self) -> Iterator[SectorMap]:
        return iter(self.maps.values())

    def __len__(self) -> int:
        return len(self.maps)

    def get(self, map_id: str) -> SectorMap:
        """The map with this id."""
        if map_id not in self.maps:
            raise LookupFailedError("sector map", map_id, list(self.maps))
        return self.maps[map_id]

    def serving(self, entry_id: str) -> SectorMap | None:
        """The map that lists ``entry_id`` among its programmes, if any."""
        for sector_map in self.maps.values():
            if entry_id in sector_map.programmes:
                return sector_map
        return None

    def with_part(self, entry_id: str) -> SectorMap | None:
        """The map that has rows for ``entry_id`` as a part, if any."""
        for sector_map in self.maps.values():
            if entry_id in sector_map.parts:
                return sector_map
        return None


def load_sector_maps(folder: str | Path | None = None) -> SectorMaps:
    """Load and validate the sector maps.

    Parameters
    ----------
    folder
        A registry folder holding ``sources.yaml``, the family files and ``maps/``.
        Default: the registry shipped inside pflab (loaded once and cached).

    Raises
    ------
    pflab.errors.DataNotFoundError
        If the folder or its ``maps/maps.yaml`` is missing.
    pflab.errors.DataValidationError
        If a map or a row breaks a rule of the module docstring; the message names the
        file, the row and the column.
    """
    if folder is None:
        return _shipped()
    root = Path(folder)
    return _load(root, load_registry(root))


@cache
def _shipped() -> SectorMaps:
    root = resources.files("pflab.policy").joinpath("registry")
    with resources.as_file(root) as path:
        return _load(Path(path), load_registry())


def _read_manifest(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise DataNotFoundError(f"{path}: the sector-map manifest is missing")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataFormatError(f"not valid YAML: {exc}", path=path) from None
    if not isinstance(data, dict) or not isinstance(data.get("maps"), list):
        raise DataFormatError("expected a mapping with a 'maps' list", path=path)
    return data


def _load(root: Path, registry: Registry) -> SectorMaps:
    folder = root / MAPS_FOLDER
    manifest_path = folder / MANIFEST
    data = _read_manifest(manifest_path)
    scheme = str(data.get("scheme", ""))
    try:
        codes = set(load_concordance(scheme).codes)
    except LookupFailedError as exc:
        raise DataValidationError(
            f"field 'scheme': {scheme!r} is not a sector scheme ({exc})", path=manifest_path
        ) from None
    ids = {p.id for p in registry}
    maps: dict[str, SectorMap] = {}
    served: dict[str, str] = {}
    for i, item in enumerate(data["maps"]):
        where = f"map #{i + 1}"
        if not isinstance(item, dict):
            raise DataFormatError(f"{where}: expected a mapping", path=manifest_path)
        missing = [k for k in ("id", "title", "status", "file", "programmes") if k not in item]
        if missing:
            raise DataValidationError(f"{where}: missing {', '.join(missing)}", path=manifest_path)
        map_id = str(item["id"])
        if map_id in maps:
            raise DataValidationError(f"map {map_id!r} is listed twice", path=manifest_path)
        if item["status"] not in MAP_STATUSES:
            raise DataValidationError(
                f"map {map_id!r}, field 'status': {item['status']!r}; expected one of "
                f"{', '.join(MAP_STATUSES)}",
                path=manifest_path,
            )
        programmes = tuple(str(p) for p in item["programmes"])
        for prog in programmes:
            if prog not in ids:
                raise DataValidationError(
                    f"map {map_id!r}, field 'programmes': {prog!r} is not a registry entry",
                    path=manifest_path,
                )
            if prog in served:
                raise DataValidationError(
                    f"map {map_id!r}, field 'programmes': {prog!r} is already measured by "
                    f"map {served[prog]!r}",
                    path=manifest_path,
                )
            served[prog] = map_id
        allowed = set(programmes) | {d.id for p in programmes for d in registry.descendants(p)}
        frame = _read_rows(folder / str(item["file"]), codes, allowed, registry)
        maps[map_id] = SectorMap(
            id=map_id,
            title=str(item["title"]),
            title_zh=str(item.get("title_zh", "")),
            status=str(item["status"]),
            scheme=scheme,
            programmes=programmes,
            note=" ".join(str(item.get("note", "")).split()),
            frame=frame,
            file=str(item["file"]),
        )
    return SectorMaps(maps=maps, origin=str(folder))


def _number(text: str, path: Path, line: int, column: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise DataValidationError(
            f"{text!r} is not a number", path=path, row=line, column=column
        ) from None
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        raise DataValidationError(
            f"{text!r}: a share must lie between 0 and 1", path=path, row=line, column=column
        )
    return value


def _read_rows(path: Path, codes: set[str], allowed: set[str], registry: Registry) -> pd.DataFrame:
    if not path.is_file():
        raise DataNotFoundError(f"{path}: sector map file not found")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = tuple(reader.fieldnames or ())
        if header != MAP_COLUMNS:
            raise DataFormatError(
                f"columns {list(header)}; expected {list(MAP_COLUMNS)}", path=path, row=1
            )
        records = []
        seen: set[tuple[str, str]] = set()
        for line, row in enumerate(reader, start=2):
            part, code = row["part"].strip(), row["code"].strip()
            if part not in allowed:
                raise DataValidationError(
                    f"{part!r} is neither a programme of this map nor a part of one "
                    f"({', '.join(sorted(allowed))})",
                    path=path,
                    row=line,
                    column="part",
                )
            if code not in codes:
                raise DataValidationError(
                    f"{code!r} is not a sector code of the scheme", path=path, row=line,
                    column="code",
                )  # fmt: skip
            if (part, code) in seen:
                raise DataValidationError(
                    f"part {part!r} has sector {code!r} twice", path=path, row=line, column="code"
                )
            seen.add((part, code))
            share = _number(row["share"], path, line, "share")
            low = _number(row["low"], path, line, "low")
            high = _number(row["high"], path, line, "high")
            if not low <= share <= high:
                raise DataValidationError(
                    f"expected low <= share <= high, got {low} <= {share} <= {high}",
                    path=path,
                    row=line,
                    column="share",
                )
            basis = " ".join((row["basis"] or "").split())
            if not basis:
                raise DataValidationError(
                    "every share needs its basis", path=path, row=line, column="basis"
                )
            keys = (row["sources"] or "").split()
            if not keys:
                raise DataValidationError(
                    "every share needs a source", path=path, row=line, column="sources"
                )
            unknown = [k for k in keys if k not in registry.sources]
            if unknown:
                raise DataValidationError(
                    f"sources {unknown} are not in sources.yaml", path=path, row=line,
                    column="sources",
                )  # fmt: skip
            records.append(
                {
                    "part": part,
                    "code": code,
                    "share": share,
                    "low": low,
                    "high": high,
                    "basis": basis,
                    "sources": " ".join(keys),
                }
            )
    frame = pd.DataFrame.from_records(records, columns=list(MAP_COLUMNS))
    if frame.empty:
        raise DataValidationError("the map has no rows", path=path)
    totals = frame.groupby("code")["share"].sum()
    over = totals[totals > 1.0 + 1e-9]
    if len(over):
        code = str(over.index[0])
        raise DataValidationError(
            f"the parts' shares of sector {code!r} add up to {over.iloc[0]:g} > 1",
            path=path,
            column="share",
        )
    return frame
