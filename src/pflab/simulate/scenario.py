"""Scenarios as validated data: what the state spends, on which sectors, through which
mechanism, and every uncertain parameter as a distribution.

A scenario is a TOML or YAML file (or a built-in name: ``none``, ``central``,
``grants``, ``guidance-funds``, ``services-first``). A file may start from a built-in
with ``extends = "central"`` and override only what differs; tables merge key by key,
except that a ``[targeting]`` naming a ``programme``, ``isic``, ``sectors`` or ``rule``
replaces the parent's way of targeting.
Model parameters not given take the documented defaults of
``pflab/simulate/builtins/defaults.toml`` (sources in ``docs/simulate.md``).

Example::

    extends = "grants"
    name = "grants-big"
    [budget]
    share_of_gdp = { dist = "uniform", low = 0.01, high = 0.03 }
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pflab.errors import DataFormatError, DataNotFoundError, DataValidationError, LookupFailedError
from pflab.network import DEFAULT_ELASTICITIES
from pflab.simulate.distributions import Distribution, Fixed, as_distribution
from pflab.simulate.names import BUILTIN_SCENARIOS

__all__ = [
    "BUILTIN_SCENARIOS",
    "Budget",
    "Goal",
    "Mechanism",
    "ModelParameters",
    "Scenario",
    "SecondOrder",
    "SectorSource",
    "Targeting",
    "load_scenario",
    "load_scenarios",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _dist_fields(model: type[BaseModel]) -> list[str]:
    return [n for n, f in model.model_fields.items() if Fixed in get_args(f.annotation)]


class _WithDistributions(_Model):
    @model_validator(mode="before")
    @classmethod
    def _numbers_are_fixed(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            names = set(_dist_fields(cls))
            return {k: (as_distribution(v) if k in names else v) for k, v in data.items()}
        return data


class Budget(_WithDistributions):
    """The state's budget for the new national system.

    ``share_of_gdp`` of each year's GDP is spent from ``start`` to ``end`` (inclusive);
    ``source = "investment"`` takes it out of gross capital formation (slower capital
    accumulation), ``"taxes"`` out of consumption (no effect on capital in this model).
    """

    share_of_gdp: Distribution = Fixed(value=0.0)
    source: Literal["investment", "taxes"] = "investment"
    start: int = 2024
    end: int | None = None


class Targeting(_Model):
    """Which sectors receive the budget.

    Exactly one of

    - ``programme``: a policy-registry id or alias such as ``"future_industries_2024"``
      (:func:`pflab.policy.load_registry`); its ISIC Rev.4 target codes (its own, its
      sub-entries' and items') are mapped to the table's sectors through the table's
      concordance;
    - ``isic``: ISIC Rev.4 sections, divisions, groups or classes, mapped the same way;
    - ``sectors``: codes of the calibration table's own scheme (e.g. WIOD ``"C26"``);
    - ``rule``: ``"top-domar"`` (the ``count`` sectors with the largest Domar weights),
      ``"top-distortion-centrality"`` (the ``count`` sectors with the largest distortion
      centrality of Liu 2019 under a uniform input wedge ``wedge``, from
      :func:`pflab.network.distortion_centrality`) or ``"all"``.

    ``weighting`` sets the prior split before selection: ``"rd-stock"`` (default: in
    proportion to each sector's baseline knowledge stock, so money goes where research
    capacity is), ``"value-added"``, ``"equal"`` or ``"domar"``.
    """

    programme: str | None = None
    isic: list[str] | None = None
    sectors: list[str] | None = None
    rule: Literal["top-domar", "top-distortion-centrality", "all"] | None = None
    count: int | None = Field(default=None, ge=1)
    wedge: float = Field(default=0.2, ge=0.0)
    weighting: Literal["rd-stock", "value-added", "equal", "domar"] = "rd-stock"

    @model_validator(mode="after")
    def _one_way(self) -> Targeting:
        given = [k for k in ("programme", "isic", "sectors", "rule") if getattr(self, k)]
        if len(given) > 1:
            raise ValueError(f"give one of programme, isic, sectors or rule; got {given}")
        if self.rule in ("top-domar", "top-distortion-centrality") and self.count is None:
            raise ValueError(f"rule {self.rule!r} needs count (how many sectors)")
        return self

    @property
    def empty(self) -> bool:
        """True when no sector is targeted."""
        return not any((self.programme, self.isic, self.sectors, self.rule))


class Mechanism(_WithDistributions):
    """How money reaches sectors.

    Parameters
    ----------
    name
        Label, e.g. ``"competitive grants"``.
    share_productive
        Share of the budget that reaches productive R&D (1 − leakage).
    selection
        Correlation ρ between the allocator's signal and each sector's true return
        (−1 … 1; 0 = blind, negative = picks losers).
    lag
        Years from spending to usable knowledge (≥ 1; fractional values interpolate).
    crowd_in
        Private money added per unit of effective public money (taken from private
        investment).
    """

    name: str = "none"
    share_productive: Distribution = Fixed(value=1.0)
    selection: Distribution = Fixed(value=0.0)
    lag: Distribution = Fixed(value=1.0)
    crowd_in: Distribution = Fixed(value=0.0)


class ModelParameters(_WithDistributions):
    """Every model parameter; defaults in ``builtins/defaults.toml`` (see docs/simulate.md).

    Rates are fractions per year (0.01 = 1 % a year).
    """

    tfp_drift: Distribution
    labour_share: Distribution
    depreciation: Distribution
    investment_rate: Distribution
    investment_rate_2050_ratio: Distribution
    labour_growth: Distribution
    human_capital_growth: Distribution
    population_growth: Distribution
    sector_noise_sd: Distribution
    sector_noise_correlation: Distribution
    substitution_elasticity: Distribution
    rd_elasticity: Distribution
    return_dispersion: Distribution
    research_productivity_decline: Distribution
    knowledge_depreciation: Distribution
    knowledge_pool_share: Distribution
    baseline_rd_intensity: Distribution
    baseline_rd_growth: Distribution
    breakthrough_probability: Distribution
    breakthrough_tail: Distribution
    breakthrough_min: Distribution
    breakthrough_cap: Distribution
    breakthrough_max_probability: Distribution
    allocation_concentration: Distribution


class Goal(_Model):
    """A target whose probability is reported: ``output`` in ``year`` at least
    ``at_least`` times its observed level in ``relative_to``.

    Example: doubling 2020 GDP per capita by 2035 is ``output = "gdp_per_capita"``,
    ``year = 2035``, ``relative_to = 2020``, ``at_least = 2``.
    """

    name: str
    output: Literal["gdp", "gdp_per_capita", "tfp"]
    year: int
    relative_to: int
    at_least: float = Field(gt=0)


class SectorSource(_Model):
    """The input–output table that gives Domar weights and value-added shares."""

    source: Literal["wiod", "nbs", "oecd"] = "wiod"
    year: int = 2014


class SecondOrder(_Model):
    """Elasticities of the nested-CES network behind ``aggregation = "second-order"``.

    Defaults are :data:`pflab.network.DEFAULT_ELASTICITIES` (final demand θ, primary
    input vs intermediate bundle σ, within the bundle ε; see docs/network.md);
    ``factors`` is ``"mobile"`` (one economy-wide primary factor) or ``"specific"``.
    """

    theta: float = Field(default=DEFAULT_ELASTICITIES["theta"], gt=0)
    sigma: float = Field(default=DEFAULT_ELASTICITIES["sigma"], gt=0)
    epsilon: float = Field(default=DEFAULT_ELASTICITIES["epsilon"], gt=0)
    factors: Literal["mobile", "specific"] = "mobile"


class Scenario(_Model):
    """A complete, validated scenario (see the module docstring for the file format)."""

    name: str
    title: str = ""
    description: str = ""
    economy: str = "CHN"
    base_year: int = 2023
    horizon: int = 2050
    pwt_vintage: str = "11.0"
    sectors: SectorSource = SectorSource()
    aggregation: Literal["first-order", "second-order"] = "first-order"
    second_order: SecondOrder = SecondOrder()
    budget: Budget = Budget()
    targeting: Targeting = Targeting()
    mechanism: Mechanism = Mechanism()
    parameters: ModelParameters
    goals: list[Goal] = []
    windows: list[str] = ["2024-2035", "2036-2050"]

    @field_validator("windows")
    @classmethod
    def _windows(cls, value: list[str]) -> list[str]:
        for w in value:
            parts = w.split("-")
            if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
                raise ValueError(f"window {w!r}: expected FIRST-LAST, e.g. 2024-2035")
            if int(parts[0]) > int(parts[1]):
                raise ValueError(f"window {w!r}: first year after last year")
        return value

    @model_validator(mode="after")
    def _years(self) -> Scenario:
        if self.horizon <= self.base_year:
            raise ValueError(f"horizon {self.horizon} must be after base_year {self.base_year}")
        for w in self.window_years():
            if w[0] <= self.base_year or w[1] > self.horizon:
                raise ValueError(
                    f"window {w[0]}-{w[1]} must lie within {self.base_year + 1}-{self.horizon}"
                )
        for g in self.goals:
            if not self.base_year < g.year <= self.horizon:
                raise ValueError(f"goal {g.name!r}: year {g.year} outside the projection")
            if g.relative_to > self.base_year:
                raise ValueError(
                    f"goal {g.name!r}: relative_to {g.relative_to} must be an observed year "
                    f"(≤ base_year {self.base_year})"
                )
        return self

    def window_years(self) -> list[tuple[int, int]]:
        """The reporting windows as ``(first, last)`` year pairs."""
        return [(int(a), int(b)) for a, b in (w.split("-") for w in self.windows)]

    @property
    def years(self) -> list[int]:
        """Projected years, ``base_year + 1 … horizon``."""
        return list(range(self.base_year + 1, self.horizon + 1))

    @property
    def has_policy(self) -> bool:
        """Whether any money is spent on any sector."""
        share = self.budget.share_of_gdp
        zero = isinstance(share, Fixed) and share.value == 0.0
        return not zero and not self.targeting.empty

    def uncertain(self) -> dict[str, Any]:
        """Every uncertain parameter by its dotted name, in a fixed order."""
        out: dict[str, Any] = {}
        out["budget.share_of_gdp"] = self.budget.share_of_gdp
        for name in _dist_fields(Mechanism):
            out[f"mechanism.{name}"] = getattr(self.mechanism, name)
        for name in _dist_fields(ModelParameters):
            out[name] = getattr(self.parameters, name)
        return {k: v for k, v in out.items() if v.uncertain}

    def all_distributions(self) -> dict[str, Any]:
        """Every parameter (fixed or not) by its dotted name."""
        out: dict[str, Any] = {"budget.share_of_gdp": self.budget.share_of_gdp}
        for name in _dist_fields(Mechanism):
            out[f"mechanism.{name}"] = getattr(self.mechanism, name)
        for name in _dist_fields(ModelParameters):
            out[name] = getattr(self.parameters, name)
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable form (round-trips through :meth:`from_dict`)."""
        return self.model_dump(mode="json")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, path: str | None = None) -> Scenario:
        """Validate a mapping; errors name the file (``path``) and the field."""
        try:
            return cls.model_validate(dict(data))
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"] if not str(p).startswith("function"))
            n = exc.error_count()
            more = f" (and {n - 1} more problem{'s' if n > 2 else ''})" if n > 1 else ""
            where = f"field {loc!r}: " if loc else ""
            raise DataValidationError(
                f"{where}{first['msg']}{more}", path=path or "scenario"
            ) from None

    def fingerprint(self) -> str:
        """A stable hash of the scenario's content (name included)."""
        text = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------------------------------
# loading


def _builtin_text(name: str) -> str:
    entry = resources.files("pflab.simulate").joinpath("builtins").joinpath(f"{name}.toml")
    return entry.read_text(encoding="utf-8")


@cache
def _defaults() -> dict[str, Any]:
    return tomllib.loads(_builtin_text("defaults"))


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        # a distribution table replaces the whole old value, other tables merge
        if (
            isinstance(value, Mapping)
            and "dist" not in value
            and isinstance(out.get(key), Mapping)
            and "dist" not in out[key]
        ):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


_TARGET_WAYS = ("programme", "isic", "sectors", "rule", "count", "wedge")


def _without_parent_targets(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """The parent's fields, minus its way of targeting if the child names another one
    (a child's ``programme``, ``isic``, ``sectors`` or ``rule`` replaces the parent's)."""
    out = dict(base)
    mine, theirs = over.get("targeting"), base.get("targeting")
    names_a_way = isinstance(mine, Mapping) and any(k in mine for k in _TARGET_WAYS[:4])
    if names_a_way and isinstance(theirs, Mapping):
        out["targeting"] = {k: v for k, v in theirs.items() if k not in _TARGET_WAYS}
    return out


def _read_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataNotFoundError(f"{path}: cannot read scenario file ({exc.strerror})") from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif suffix in (".yaml", ".yml"):
            data = yaml.safe_load(text)
        else:
            raise DataFormatError("expected a .toml, .yaml or .yml scenario file", path=path)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise DataFormatError(f"not valid {suffix[1:].upper()}: {exc}", path=path) from None
    if not isinstance(data, dict):
        raise DataFormatError("expected a table of scenario fields at the top level", path=path)
    return data


def _resolve(spec: str, seen: tuple[str, ...] = ()) -> tuple[dict[str, Any], str]:
    if spec in seen:
        raise DataValidationError(f"'extends' loops: {' -> '.join((*seen, spec))}", path=spec)
    path = Path(spec)
    if spec in BUILTIN_SCENARIOS:
        raw, origin = tomllib.loads(_builtin_text(spec)), f"built-in scenario {spec!r}"
    elif path.suffix.lower() in (".toml", ".yaml", ".yml") or path.exists():
        raw, origin = _read_file(path), str(path)
    else:
        import difflib

        close = difflib.get_close_matches(spec, BUILTIN_SCENARIOS, n=3, cutoff=0.4)
        raise LookupFailedError("scenario (built-in name or .toml/.yaml file)", spec, close)
    if spec not in BUILTIN_SCENARIOS and "name" not in raw:
        raw["name"] = path.stem  # a file's own name, not the one it extends
    parent = raw.pop("extends", None)
    if parent is not None:
        if not isinstance(parent, str):
            raise DataValidationError(
                "field 'extends': expected a scenario name or path", path=origin
            )
        if parent not in BUILTIN_SCENARIOS and not Path(parent).is_absolute():
            candidate = path.parent / parent
            parent = str(candidate) if candidate.exists() else parent
        base, _ = _resolve(parent, (*seen, spec))
        raw = _merge(_without_parent_targets(base, raw), raw)
    return raw, origin


def load_scenario(spec: str | Path | Scenario | Mapping[str, Any]) -> Scenario:
    """Load and validate a scenario.

    Parameters
    ----------
    spec
        A built-in name (see :data:`BUILTIN_SCENARIOS`), a ``.toml`` / ``.yaml`` path, a
        mapping of fields, or a :class:`Scenario` (returned unchanged).

    Raises
    ------
    pflab.errors.LookupFailedError
        For an unknown name.
    pflab.errors.DataFormatError
        For a file that cannot be parsed.
    pflab.errors.DataValidationError
        For a field with a wrong value; the message names the file and the field.
    """
    if isinstance(spec, Scenario):
        return spec
    if isinstance(spec, Mapping):
        raw, origin = dict(spec), "scenario"
    else:
        raw, origin = _resolve(str(spec))
    params = _merge(_defaults().get("parameters", {}), raw.get("parameters", {}) or {})
    raw = {**raw, "parameters": params}
    raw.setdefault("name", Path(str(spec)).stem if not isinstance(spec, Mapping) else "custom")
    return Scenario.from_dict(raw, path=origin)


def load_scenarios(specs: list[Any] | tuple[Any, ...]) -> list[Scenario]:
    """Load several scenarios; duplicate names are made unique.

    The first scenario of a name keeps it; a later one takes its file's stem when that is
    free, else ``"<name> (2)"``, ``"<name> (3)"`` … (so ``compare central central`` or a
    file that extends ``central`` without a name of its own never collide).
    """
    scens = [load_scenario(s) for s in specs]
    taken: set[str] = set()
    out = []
    for spec, scen in zip(specs, scens, strict=True):
        name = scen.name
        if name in taken:
            stem = Path(str(spec)).stem if isinstance(spec, str | Path) else ""
            candidates = [stem] if stem and stem != name else []
            candidates += [f"{name} ({k})" for k in range(2, len(specs) + 2)]
            name = next(c for c in candidates if c not in taken)
            scen = scen.model_copy(update={"name": name})
        taken.add(name)
        out.append(scen)
    return out
