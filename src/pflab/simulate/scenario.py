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
from pflab.simulate.bounds import check_bounds
from pflab.simulate.distributions import Distribution, Fixed, as_distribution, scaled
from pflab.simulate.names import BUILTIN_SCENARIOS, BaselineKind

__all__ = [
    "BUILTIN_SCENARIOS",
    "NOMINAL_GDP_2024_BN",
    "Baseline",
    "Budget",
    "Goal",
    "LongRun",
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


def _holds_distribution(annotation: Any) -> bool:
    args = get_args(annotation)
    return Fixed in args or any(_holds_distribution(a) for a in args)


def _dist_fields(model: type[BaseModel]) -> list[str]:
    return [n for n, f in model.model_fields.items() if _holds_distribution(f.annotation)]


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

    Give the budget either as ``amount_bn_yuan`` — billion yuan a year at 2024 prices,
    converted to a share of GDP with 2024 nominal GDP (:data:`NOMINAL_GDP_2024_BN`) — or
    directly as ``share_of_gdp``; it is spent each year from ``start`` to ``end``
    (inclusive) as that share of the year's GDP. ``crowding_out`` is the share of the
    state's money that displaces other investment (the rest comes out of consumption);
    ``basis`` says where the amount comes from.
    """

    share_of_gdp: Distribution | None = None
    amount_bn_yuan: Distribution | None = None
    crowding_out: Distribution = Fixed(value=0.5)
    start: int = 2024
    end: int | None = None
    basis: str = ""

    @model_validator(mode="before")
    @classmethod
    def _no_source(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and "source" in data:
            raise ValueError(
                "'source' was replaced by crowding_out (the share of the budget that "
                "displaces investment: 1 for the old 'investment', 0 for 'taxes')"
            )
        return data

    @model_validator(mode="after")
    def _one_way(self) -> Budget:
        if self.share_of_gdp is not None and self.amount_bn_yuan is not None:
            raise ValueError("give share_of_gdp or amount_bn_yuan, not both")
        return self

    def share(self) -> Any:
        """The budget as a distribution of shares of GDP (0 when none is given)."""
        if self.amount_bn_yuan is not None:
            return scaled(self.amount_bn_yuan, 1.0 / NOMINAL_GDP_2024_BN)
        return self.share_of_gdp if self.share_of_gdp is not None else Fixed(value=0.0)


#: China's nominal GDP in 2024, billion yuan (National Bureau of Statistics, 17 January 2025:
#: 134,908.4 bn yuan), used to express budgets in yuan as shares of GDP.
NOMINAL_GDP_2024_BN = 134_908.4

Weights = list[str] | dict[str, float]


class Targeting(_Model):
    """Which sectors receive the budget, and what share of each.

    Exactly one of

    - ``programme``: a policy-registry id or alias such as ``"future_industries_2024"``,
      or a list of them (their union); each resolves to a share of every table sector
      with a low-high range through :func:`pflab.policy.programme_weights`, the weights
      ``policy exposure`` and ``network --shock`` use (:mod:`pflab.simulate.targets`);
    - ``isic``: ISIC Rev.4 sections, divisions, groups or classes (whole sectors);
    - ``sectors``: codes of the calibration table, a list (whole sectors) or a table
      ``{code = share}`` of partial shares in (0, 1];
    - ``rule``: ``"top-domar"`` (the ``count`` sectors with the largest Domar weights),
      ``"top-distortion-centrality"`` (Liu 2019's ξ under a uniform input wedge
      ``wedge``) or ``"all"``.

    ``bound`` picks the programme shares used: ``"share"`` (central, default), ``"low"``
    or ``"high"`` (the ends of each share's range). ``exclude`` lists programmes whose
    sectors are left out: every sector in which one of them has a positive share (at the
    high end of its range), so that a services scenario is disjoint from the industrial
    lists sector by sector. ``weighting`` sets the prior split before selection:
    ``"rd-stock"`` (default: by the absorbable knowledge of the targeted parts),
    ``"value-added"``, ``"equal"`` or ``"domar"``.
    """

    programme: str | list[str] | None = None
    isic: list[str] | None = None
    sectors: Weights | None = None
    rule: Literal["top-domar", "top-distortion-centrality", "all"] | None = None
    count: int | None = Field(default=None, ge=1)
    wedge: float = Field(default=0.2, ge=0.0)
    bound: Literal["share", "low", "high"] = "share"
    exclude: list[str] = []
    weighting: Literal["rd-stock", "value-added", "equal", "domar"] = "rd-stock"

    @field_validator("sectors")
    @classmethod
    def _shares(cls, value: Weights | None) -> Weights | None:
        if isinstance(value, dict):
            bad = {k: v for k, v in value.items() if not 0.0 < v <= 1.0}
            if bad:
                raise ValueError(f"sector shares must lie in (0, 1]; got {bad}")
        return value

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

    @property
    def programmes(self) -> list[str]:
        """The targeted programmes (empty unless targeting by programme)."""
        if self.programme is None:
            return []
        return [self.programme] if isinstance(self.programme, str) else list(self.programme)


class Mechanism(_WithDistributions):
    """How money reaches sectors.

    Parameters
    ----------
    name
        Label, e.g. ``"competitive grants"``.
    share_productive
        Share of the budget that reaches productive use (1 − leakage).
    selection
        Correlation ρ between the allocator's signal and each sector's true return
        (−1 … 1; 0 = blind, negative = picks losers).
    lag
        Years from spending to usable knowledge (≥ 1; fractional values interpolate).
    crowd_in
        Private money added per unit of effective public money (taken from private
        investment).
    rd_share
        Share of the effective money spent on R&D; the rest is capital formation in the
        targeted sectors (fabs, plants).
    capital_efficiency
        Productive capital per yuan of that capital formation.
    """

    name: str = "none"
    share_productive: Distribution = Fixed(value=1.0)
    selection: Distribution = Fixed(value=0.0)
    lag: Distribution = Fixed(value=1.0)
    crowd_in: Distribution = Fixed(value=0.0)
    rd_share: Distribution = Fixed(value=1.0)
    capital_efficiency: Distribution = Fixed(value=1.0)


#: Parameter names of earlier versions and what replaced them.
_RENAMED = {
    "tfp_drift": "the baseline's trend ([baseline] kind) plus tfp_trend_shift",
    "rd_elasticity": "rd_elasticity_high_tech, rd_elasticity_manufacturing, "
    "rd_elasticity_services and rd_elasticity_primary",
    "population_growth": "a population path in the calibration (docs/simulate.md)",
}


class ModelParameters(_WithDistributions):
    """Every model parameter; defaults in ``builtins/defaults.toml`` (see docs/simulate.md).

    Rates are fractions per year (0.01 = 1 % a year).
    """

    tfp_trend_shift: Distribution
    labour_share: Distribution
    depreciation: Distribution
    investment_rate: Distribution
    investment_rate_2050_ratio: Distribution
    labour_growth: Distribution
    human_capital_growth: Distribution
    sector_noise_sd: Distribution
    sector_noise_correlation: Distribution
    substitution_elasticity: Distribution
    rd_elasticity_high_tech: Distribution
    rd_elasticity_manufacturing: Distribution
    rd_elasticity_services: Distribution
    rd_elasticity_primary: Distribution
    return_dispersion: Distribution
    research_productivity_decline: Distribution
    knowledge_depreciation: Distribution
    knowledge_pool_share: Distribution
    baseline_rd_intensity: Distribution
    baseline_rd_growth: Distribution
    absorptive_half: Distribution
    breakthrough_probability: Distribution
    breakthrough_tail: Distribution
    breakthrough_min: Distribution
    breakthrough_cap: Distribution
    breakthrough_max_probability: Distribution
    allocation_concentration: Distribution

    @model_validator(mode="before")
    @classmethod
    def _renamed(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            for old, new in _RENAMED.items():
                if old in data:
                    raise ValueError(f"{old!r} was replaced by {new}")
        return data


class Baseline(_Model):
    """How the no-policy TFP trend is set (docs/simulate.md, "Baseline").

    ``kind``: ``"consensus"`` (calibrated so the no-policy median GDP growth follows
    the IMF 2024 Article IV and Conference Board projections), ``"pwt-trend"`` (the mean
    TFP residual on PWT 11.0 over the ``window`` years to the base year) or
    ``"adjusted"`` (a low-TFP view: CIP 4.0's aggregate TFP growth over the ``window``
    years to 2017, CIP's last) or ``"adjusted-pwt10"`` (the residual on PWT 10.01, China on
    Wu-adjusted GDP, over its last ``window`` years).
    """

    kind: BaselineKind = "consensus"
    window: int = Field(default=15, ge=5, le=40)


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
    """The input–output table that gives Domar weights and value-added shares.

    Default: China's NBS table of 2020 at 153 sectors (the table the official sector
    maps target); WIOD (2000–2014, 56 sectors) and OECD (1995–2018, 45) work the same way.
    """

    source: Literal["wiod", "nbs", "oecd"] = "nbs"
    year: int = 2020


class LongRun(_Model):
    """Elasticities of the nested-CES network for changes after the short run.

    Default Cobb–Douglas (θ = σ = ε = 1, where the second-order term vanishes): long-run
    substitution between intermediate inputs is above one in Peter and Ruane (NBER
    w31233), the short-run values near zero [judgement: the midpoint].
    """

    theta: float = Field(default=1.0, gt=0)
    sigma: float = Field(default=1.0, gt=0)
    epsilon: float = Field(default=1.0, gt=0)


class SecondOrder(_Model):
    """Elasticities of the nested-CES network behind ``aggregation = "second-order"``.

    Defaults are :data:`pflab.network.DEFAULT_ELASTICITIES` (final demand θ, primary
    input vs intermediate bundle σ, within the bundle ε; see docs/network.md), which are
    short-run (annual) values: they apply to the first ``short_run_years`` projected
    years and ``long_run`` to changes after them. ``factors`` is ``"mobile"`` (one
    economy-wide primary factor) or ``"specific"``.
    """

    theta: float = Field(default=DEFAULT_ELASTICITIES["theta"], gt=0)
    sigma: float = Field(default=DEFAULT_ELASTICITIES["sigma"], gt=0)
    epsilon: float = Field(default=DEFAULT_ELASTICITIES["epsilon"], gt=0)
    factors: Literal["mobile", "specific"] = "mobile"
    short_run_years: int = Field(default=10, ge=1)
    long_run: LongRun = LongRun()


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
    baseline: Baseline = Baseline()
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
        check_bounds(self.all_distributions())
        if self.budget.start <= self.base_year:
            raise ValueError(
                f"field 'budget.start': {self.budget.start}; the budget can start at the "
                f"earliest in {self.base_year + 1}, the first projected year"
            )
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
        share = self.budget.share()
        zero = isinstance(share, Fixed) and share.value == 0.0
        return not zero and not self.targeting.empty

    def uncertain(self) -> dict[str, Any]:
        """Every uncertain parameter by its dotted name, in a fixed order."""
        return {k: v for k, v in self.all_distributions().items() if v.uncertain}

    def all_distributions(self) -> dict[str, Any]:
        """Every parameter (fixed or not) by its dotted name; the budget as a share of GDP."""
        out: dict[str, Any] = {
            "budget.share_of_gdp": self.budget.share(),
            "budget.crowding_out": self.budget.crowding_out,
        }
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
            message = str(first["msg"]).removeprefix("Value error, ")
            raise DataValidationError(f"{where}{message}{more}", path=path or "scenario") from None

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


#: Table → (keys that name a way of doing it, keys that belong to a way). A child that
#: names a way replaces the parent's way (and drops the keys tied to it).
_WAYS = {
    "targeting": (
        ("programme", "isic", "sectors", "rule"),
        ("programme", "isic", "sectors", "rule", "count", "wedge"),
    ),
    "budget": (("share_of_gdp", "amount_bn_yuan"), ("share_of_gdp", "amount_bn_yuan", "basis")),
}


def _without_parent_targets(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """The parent's fields, minus its way of targeting (or of giving the budget) if the
    child names another one: a child's ``programme``, ``isic``, ``sectors`` or ``rule``
    replaces the parent's, and so does a child's ``share_of_gdp`` or ``amount_bn_yuan``."""
    out = dict(base)
    for table, (names, tied) in _WAYS.items():
        mine, theirs = over.get(table), base.get(table)
        if (
            isinstance(mine, Mapping)
            and isinstance(theirs, Mapping)
            and any(k in mine for k in names)
        ):
            out[table] = {k: v for k, v in theirs.items() if k not in tied}
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
