"""The settings a report section is computed with, validated at the door.

One pydantic model, :class:`ReportParams`, holds every setting a section may use
(economy, peers, eras, method, vintage, table year, programme, shock, scenarios, draws,
Sobol sample size, hindcast origins, seed). The command line fills it from its options,
the web app from the page's URL, and the JSON API from the query string, so a value is
checked once, in one place, and an invalid one is reported under its field name.

Every field is a string, number or literal, so the model is hashable (the web app caches
computations by it) and a page's state fits in its URL.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = [
    "DEFAULT_DRAWS",
    "DEFAULT_ORIGINS",
    "DEFAULT_SOBOL",
    "FIELD_LABELS",
    "MethodName",
    "ReportParams",
    "make_params",
]

#: Monte Carlo draws per scenario in the default report (fits the one-minute budget).
DEFAULT_DRAWS = 2_000
#: Sobol base sample size N of the default report (N·(k+2) model runs).
DEFAULT_SOBOL = 256
#: Hindcast origins of the default report.
DEFAULT_ORIGINS = "2000,2005,2010"

MethodName = Literal["pwt", "fixed-share", "bosworth-collins", "stock", "persons", "raw-labour"]

_ECONOMY = r"^[^\x00-\x1f<>&\"`;{}\\/]{2,60}$"
_CODES = r"^[A-Za-z]{3}(,[A-Za-z]{3}){0,5}$"
_ERA = r"\d{4}-(\d{4}|latest)"
_ERAS = rf"^({_ERA}(,{_ERA}){{0,7}})?$"
_NAME = r"[a-z0-9][a-z0-9_.-]{0,39}"
_NAMES = rf"^{_NAME}(,{_NAME}){{0,5}}$"
_YEARS = r"^\d{4}(,\d{4}){0,7}$"

#: Form labels of the fields (the web app's forms and the report's settings table).
FIELD_LABELS: dict[str, str] = {
    "economy": "Economy",
    "peers": "Peers",
    "eras": "Eras",
    "method": "Method",
    "vintage": "PWT vintage",
    "year": "Table year",
    "programme": "Programme",
    "shock": "Shock (%)",
    "scenarios": "Scenarios",
    "draws": "Draws per scenario",
    "sobol": "Sobol sample size N",
    "origins": "Hindcast origins",
    "seed": "Seed",
}


class ReportParams(BaseModel):
    """Every setting of the report's sections, with its default.

    Attributes
    ----------
    economy
        The economy the report is about: an ISO code, name or alias (``CHN``, ``China``).
    peers
        Economies compared with it, ISO codes separated by commas (up to six).
    eras
        Eras as ``START-END`` or ``START-latest`` separated by commas; empty for the
        standard eras (:data:`pflab.accounting.DEFAULT_ERAS`).
    method
        Growth-accounting method (:data:`pflab.accounting.METHODS`).
    vintage
        Penn World Table vintage.
    year
        Year of the input–output table.
    programme
        A programme id of the policy registry to focus on (empty: all).
    shock
        Productivity gain applied to a programme's sectors, percent.
    scenarios
        Simulation scenarios, built-in names separated by commas.
    draws
        Monte Carlo draws per scenario.
    sobol
        Sobol base sample size N (the model runs N·(k+2) times for k parameters).
    origins
        Hindcast origin years separated by commas.
    seed
        Random seed of every stochastic computation.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    economy: str = Field(
        default="CHN", pattern=_ECONOMY, description="ISO code, name or alias, e.g. CHN or China"
    )
    peers: str = Field(
        default="JPN,KOR,USA", pattern=_CODES, description="ISO codes, comma-separated"
    )
    eras: str = Field(
        default="",
        pattern=_ERAS,
        max_length=120,
        description="e.g. 1979-2007,2008-2017,2018-latest; empty: the standard eras",
    )
    method: MethodName = Field(default="pwt", description="growth-accounting method")
    vintage: Literal["11.0", "10.01"] = Field(
        default="11.0", description="Penn World Table vintage"
    )
    year: int = Field(default=2020, ge=1995, le=2024, description="year of the input-output table")
    programme: str = Field(
        default="", pattern=r"^[A-Za-z0-9_-]{0,40}$", description="programme id (empty: every one)"
    )
    shock: float = Field(default=10.0, gt=-50.0, le=100.0, description="productivity gain, percent")
    scenarios: str = Field(
        default="none,central,grants,guidance-funds",
        pattern=_NAMES,
        description="built-in scenario names, comma-separated",
    )
    draws: int = Field(
        default=DEFAULT_DRAWS, ge=100, le=10_000_000, description="draws per scenario"
    )
    sobol: int = Field(
        default=DEFAULT_SOBOL, ge=8, le=65_536, description="Sobol base sample size N"
    )
    origins: str = Field(
        default=DEFAULT_ORIGINS, pattern=_YEARS, description="hindcast origin years"
    )
    seed: int = Field(default=0, ge=0, le=2**32 - 1, description="random seed")

    @field_validator("peers", "scenarios")
    @classmethod
    def _no_repeats(cls, value: str) -> str:
        items = value.split(",")
        if len(set(items)) != len(items):
            raise ValueError(f"{value!r} names an item twice")
        return value

    @field_validator("peers")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()

    @field_validator("sobol")
    @classmethod
    def _power_of_two(cls, value: int) -> int:
        if value & (value - 1):
            raise ValueError(f"{value} is not a power of two (Sobol sequences need one)")
        return value

    @field_validator("eras")
    @classmethod
    def _ordered(cls, value: str) -> str:
        for start, end in re.findall(r"(\d{4})-(\d{4}|latest)", value):
            if end != "latest" and int(end) < int(start):
                raise ValueError(f"era {start}-{end} ends before it starts")
        return value

    # -- views -------------------------------------------------------------------------

    @property
    def peer_list(self) -> list[str]:
        """The peers as a list of ISO codes."""
        return [p for p in self.peers.split(",") if p]

    @property
    def scenario_list(self) -> list[str]:
        """The scenarios as a list of names."""
        return [s for s in self.scenarios.split(",") if s]

    @property
    def origin_list(self) -> list[int]:
        """The hindcast origins as a list of years."""
        return [int(y) for y in self.origins.split(",") if y]

    @property
    def era_spec(self) -> str | None:
        """The eras as :func:`pflab.accounting.parse_eras` takes them (``None``: default)."""
        return self.eras or None

    def subset(self, fields: tuple[str, ...]) -> tuple[Any, ...]:
        """The values of ``fields``, in order (the cache key of a computation)."""
        return tuple(getattr(self, f) for f in fields)

    def query(self, fields: tuple[str, ...] | None = None) -> dict[str, str]:
        """The values that differ from the defaults, as URL query parameters."""
        names = fields if fields is not None else tuple(type(self).model_fields)
        defaults = type(self)()
        return {
            name: str(getattr(self, name))
            for name in names
            if getattr(self, name) != getattr(defaults, name)
        }


def make_params(**values: Any) -> ReportParams:
    """Build :class:`ReportParams`, turning a validation error into a ``ParameterError``.

    ``None`` values are left at their defaults.

    Raises
    ------
    pflab.errors.ParameterError
        Naming the first invalid field (the CLI shows it under its flag).
    """
    from pydantic import ValidationError

    from pflab.errors import ParameterError

    given = {k: v for k, v in values.items() if v is not None}
    try:
        return ReportParams(**given)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]) if error["loc"] else "params"
        raise ParameterError(name, f"{given.get(name)!r}: {error['msg']}") from None
