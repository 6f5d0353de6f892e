"""The claims file: the essay's quantitative claims as data, checked before evaluation.

A claims file (YAML; the shipped one is ``pflab/claims/claims.yaml``) has a ``version``,
the ``essay`` it paraphrases, and ``claims``, each with

- ``id`` (lower-case words joined by hyphens), ``topic``;
- ``statement``: the claim in pflab's own words (never the essay's sentences);
- ``claimed``: the claim's number(s) as the essay states them, e.g. ``"about 30 %"``;
- ``period``: the years the claim is about, as pflab reads them;
- ``rule``: the verdict rule, fixed before evaluation (:class:`pflab.claims.rules.Rule`),
  and ``rule_basis``, why it reads the claim that way where the claim has no number;
- ``measures``: one or more ``{measure, label, params, notes}``: a key of
  :data:`pflab.claims.measures.MEASURES`, what it measures in a few words, and its
  parameters;
- ``notes``: where pflab's measure differs from the claim's wording.

Every parameter is checked against its measure's model when the file is loaded; an
error names the file, the claim and the field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pflab.claims.base import Params
from pflab.claims.rules import Rule
from pflab.errors import DataFormatError, DataNotFoundError, DataValidationError, LookupFailedError

__all__ = ["Claim", "ClaimsFile", "MeasureRef", "claims_path", "file_digest", "load_claims"]

_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class MeasureRef(BaseModel):
    """One measure of a claim: a key of the registry and its parameters."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    measure: str
    label: str = ""
    params: dict[str, Any] = Field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def parsed(self) -> Params:
        """The parameters validated against the measure's model."""
        from pflab.claims.measures import MEASURES

        return MEASURES[self.measure].params.model_validate(self.params)


class Claim(BaseModel):
    """One quantitative claim of the essay (see the module docstring)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID)
    topic: str = Field(min_length=1)
    statement: str = Field(min_length=1)
    claimed: str = Field(min_length=1)
    period: str = Field(min_length=1)
    rule: Rule
    rule_basis: str = ""
    measures: tuple[MeasureRef, ...] = Field(min_length=1)
    notes: tuple[str, ...] = ()

    @field_validator("measures")
    @classmethod
    def _known(cls, measures: tuple[MeasureRef, ...]) -> tuple[MeasureRef, ...]:
        from pflab.claims.measures import MEASURES

        for ref in measures:
            if ref.measure not in MEASURES:
                raise ValueError(f"unknown measure {ref.measure!r}; known: {', '.join(MEASURES)}")
            try:
                ref.parsed()
            except ValidationError as exc:
                first = exc.errors()[0]
                name = ".".join(str(p) for p in first["loc"]) or "(params)"
                message = str(first["msg"]).removeprefix("Value error, ")
                if first["type"] == "extra_forbidden":
                    message = "not a parameter of this measure"
                raise ValueError(
                    f"measure {ref.measure!r}, parameter {name!r}: {message}"
                ) from None
        return measures


class ClaimsFile(BaseModel):
    """A whole claims file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str
    essay: str = Field(min_length=1)
    claims: tuple[Claim, ...] = Field(min_length=1)

    @field_validator("claims")
    @classmethod
    def _unique(cls, claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
        seen: set[str] = set()
        for claim in claims:
            if claim.id in seen:
                raise ValueError(f"claim id {claim.id!r} appears twice")
            seen.add(claim.id)
        return claims

    def get(self, ids: Sequence[str]) -> tuple[Claim, ...]:
        """The claims with these ids, in the order given.

        Raises
        ------
        pflab.errors.LookupFailedError
            For an id the file does not hold (with the closest ids).
        """
        import difflib

        by_id = {c.id: c for c in self.claims}
        chosen = []
        for wanted in ids:
            if wanted not in by_id:
                close = difflib.get_close_matches(wanted, list(by_id), n=4, cutoff=0.3)
                raise LookupFailedError("claim", wanted, close or list(by_id))
            chosen.append(by_id[wanted])
        return tuple(chosen)


def claims_path() -> Path:
    """The shipped claims file."""
    return Path(str(resources.files("pflab.claims").joinpath("claims.yaml")))


def _error(path: Path, exc: ValidationError, raw: Any) -> DataValidationError:
    first = exc.errors()[0]
    loc = list(first["loc"])
    entry = "(file)"
    if len(loc) >= 2 and loc[0] == "claims" and isinstance(loc[1], int):
        try:
            entry = repr(str(raw["claims"][loc[1]]["id"]))
        except (KeyError, IndexError, TypeError):
            entry = f"#{loc[1] + 1}"
        loc = loc[2:]
    where = ".".join(str(part) for part in loc) or "(entry)"
    message = str(first["msg"]).removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = f"unknown field {loc[-1]!r}"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return DataValidationError(f"claim {entry}, field {where!r}: {message}{more}", path=path)


def _parse(path: Path) -> ClaimsFile:
    if not path.is_file():
        raise DataNotFoundError(f"{path}: claims file not found")
    text = path.read_text(encoding="utf-8")
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFormatError(
            f"not valid YAML: {exc}", path=path, row=None if mark is None else mark.line + 1
        ) from None
    try:
        return ClaimsFile.model_validate(raw)
    except ValidationError as exc:
        raise _error(path, exc, raw) from None


@cache
def _shipped() -> ClaimsFile:
    return _parse(claims_path())


def load_claims(path: str | Path | None = None) -> ClaimsFile:
    """Load and check a claims file (default: the shipped one, loaded once).

    Raises
    ------
    pflab.errors.DataNotFoundError
        If the file does not exist.
    pflab.errors.DataFormatError
        If it is not valid YAML.
    pflab.errors.DataValidationError
        If a claim breaks the schema, names an unknown measure or gives a parameter its
        measure does not take; the message names the file, the claim and the field.
    """
    if path is None:
        return _shipped()
    return _parse(Path(path))


def file_digest(path: str | Path | None = None) -> str:
    """SHA-256 of a claims file (the shipped one by default), recorded in provenance."""
    target = claims_path() if path is None else Path(path)
    return hashlib.sha256(target.read_bytes()).hexdigest()
