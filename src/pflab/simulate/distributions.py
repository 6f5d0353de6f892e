"""Probability distributions for uncertain scenario parameters.

Every uncertain parameter of a scenario is one of these distributions. They are drawn
by inverse transform, ``x = F^{-1}(u)`` with ``u`` uniform on (0, 1), so that the
Monte Carlo engine and the sensitivity designs (whose samplers produce points in the
unit hypercube) map uniforms to parameters through the same function, :meth:`ppf`.

A TOML or YAML scenario writes a distribution as a table with a ``dist`` key, or a bare
number for a fixed value::

    rd_elasticity = { dist = "lognormal", p05 = 0.03, p95 = 0.20 }
    lag = { dist = "triangular", low = 1, mode = 2, high = 4 }
    crowd_in = 0.0
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, model_validator
from scipy.special import ndtr, ndtri

__all__ = [
    "Distribution",
    "Fixed",
    "LogNormal",
    "Normal",
    "Triangular",
    "Uniform",
    "as_distribution",
    "scaled",
]

#: Tail probability left out of the range of an unbounded distribution by
#: :meth:`_Base.support` (the range checked against a parameter's bounds).
TAIL = 1e-4

_Z95 = float(ndtri(0.95))


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @property
    def uncertain(self) -> bool:
        """Whether draws vary (every distribution except :class:`Fixed`)."""
        return True

    def ppf(self, u: NDArray[np.float64]) -> NDArray[np.float64]:  # pragma: no cover
        """Quantile function: the value below which a share ``u`` of draws lies."""
        raise NotImplementedError

    def median(self) -> float:
        """The median (used for the deterministic central path)."""
        return float(self.ppf(np.array([0.5]))[0])

    def describe(self) -> str:  # pragma: no cover
        """A short human-readable form, e.g. ``"uniform(0.5, 0.9)"``."""
        raise NotImplementedError

    def support(self) -> tuple[float, float]:
        """The range of draws: exact for bounded laws, the ``TAIL`` and ``1 − TAIL``
        quantiles otherwise."""
        lo, hi = self.ppf(np.array([TAIL, 1.0 - TAIL]))
        return float(lo), float(hi)


class Fixed(_Base):
    """A known value: every draw equals ``value``."""

    dist: Literal["fixed"] = "fixed"
    value: float

    @property
    def uncertain(self) -> bool:
        """A fixed value is not uncertain."""
        return False

    def ppf(self, u: NDArray[np.float64]) -> NDArray[np.float64]:
        """Return ``value`` for every ``u``."""
        return np.full(np.shape(u), self.value, dtype=np.float64)

    def describe(self) -> str:
        """The value."""
        return f"{self.value:g}"

    def support(self) -> tuple[float, float]:
        """``(value, value)``."""
        return self.value, self.value


class Uniform(_Base):
    """Uniform on ``[low, high]``: ``F^{-1}(u) = low + u (high - low)``."""

    dist: Literal["uniform"] = "uniform"
    low: float
    high: float

    @model_validator(mode="after")
    def _check(self) -> Uniform:
        if not self.high > self.low:
            raise ValueError(f"uniform needs high > low; got low={self.low}, high={self.high}")
        return self

    def ppf(self, u: NDArray[np.float64]) -> NDArray[np.float64]:
        """Inverse CDF."""
        return self.low + np.asarray(u, dtype=np.float64) * (self.high - self.low)

    def describe(self) -> str:
        """``uniform(low, high)``."""
        return f"uniform({self.low:g}, {self.high:g})"

    def support(self) -> tuple[float, float]:
        """``(low, high)``."""
        return self.low, self.high


class Triangular(_Base):
    """Triangular on ``[low, high]`` with mode ``mode``.

    ``F^{-1}(u) = low + sqrt(u (high-low)(mode-low))`` for ``u < c`` and
    ``high - sqrt((1-u)(high-low)(high-mode))`` otherwise, ``c = (mode-low)/(high-low)``.
    """

    dist: Literal["triangular"] = "triangular"
    low: float
    mode: float
    high: float

    @model_validator(mode="after")
    def _check(self) -> Triangular:
        if not (self.low <= self.mode <= self.high and self.high > self.low):
            raise ValueError(
                "triangular needs low <= mode <= high and high > low; got "
                f"low={self.low}, mode={self.mode}, high={self.high}"
            )
        return self

    def ppf(self, u: NDArray[np.float64]) -> NDArray[np.float64]:
        """Inverse CDF."""
        u = np.asarray(u, dtype=np.float64)
        span = self.high - self.low
        c = (self.mode - self.low) / span
        left = self.low + np.sqrt(u * span * (self.mode - self.low))
        right = self.high - np.sqrt((1.0 - u) * span * (self.high - self.mode))
        return np.where(u < c, left, right)

    def describe(self) -> str:
        """``triangular(low, mode, high)``."""
        return f"triangular({self.low:g}, {self.mode:g}, {self.high:g})"

    def support(self) -> tuple[float, float]:
        """``(low, high)``."""
        return self.low, self.high


class Normal(_Base):
    """Normal with ``mean`` and ``sd``, optionally truncated to ``[low, high]``.

    Truncation maps ``u`` into ``[Φ(a), Φ(b)]`` before ``Φ^{-1}``, so the draw is exact
    for the truncated law.
    """

    dist: Literal["normal"] = "normal"
    mean: float
    sd: float = Field(gt=0)
    low: float | None = None
    high: float | None = None

    @model_validator(mode="after")
    def _check(self) -> Normal:
        if self.low is not None and self.high is not None and not self.high > self.low:
            raise ValueError(f"normal truncation needs high > low; got {self.low}, {self.high}")
        return self

    def ppf(self, u: NDArray[np.float64]) -> NDArray[np.float64]:
        """Inverse CDF of the (truncated) normal."""
        u = np.asarray(u, dtype=np.float64)
        lo = 0.0 if self.low is None else float(ndtr((self.low - self.mean) / self.sd))
        hi = 1.0 if self.high is None else float(ndtr((self.high - self.mean) / self.sd))
        q = lo + u * (hi - lo)
        out = self.mean + self.sd * ndtri(np.clip(q, 1e-16, 1 - 1e-16))
        if self.low is not None or self.high is not None:
            out = np.clip(
                out,
                -np.inf if self.low is None else self.low,
                np.inf if self.high is None else self.high,
            )
        return np.asarray(out, dtype=np.float64)

    def describe(self) -> str:
        """``normal(mean, sd)`` with the truncation if any."""
        text = f"normal({self.mean:g}, {self.sd:g})"
        if self.low is not None or self.high is not None:
            text += f" on [{'' if self.low is None else f'{self.low:g}'}, "
            text += f"{'' if self.high is None else f'{self.high:g}'}]"
        return text


class LogNormal(_Base):
    """Log-normal given by its 5th and 95th percentiles (``p05``, ``p95``).

    ``ln x ~ N(μ, σ²)`` with ``μ = ½(ln p05 + ln p95)`` (so the median is the geometric
    mean of the two) and ``σ = (ln p95 − ln p05) / (2·1.6449)``.
    """

    dist: Literal["lognormal"] = "lognormal"
    p05: float = Field(gt=0)
    p95: float = Field(gt=0)

    @model_validator(mode="after")
    def _check(self) -> LogNormal:
        if not self.p95 > self.p05:
            raise ValueError(f"lognormal needs p95 > p05; got p05={self.p05}, p95={self.p95}")
        return self

    @property
    def mu(self) -> float:
        """Mean of ``ln x``."""
        return 0.5 * (math.log(self.p05) + math.log(self.p95))

    @property
    def sigma(self) -> float:
        """Standard deviation of ``ln x``."""
        return (math.log(self.p95) - math.log(self.p05)) / (2 * _Z95)

    def ppf(self, u: NDArray[np.float64]) -> NDArray[np.float64]:
        """Inverse CDF."""
        u = np.clip(np.asarray(u, dtype=np.float64), 1e-16, 1 - 1e-16)
        return np.asarray(np.exp(self.mu + self.sigma * ndtri(u)), dtype=np.float64)

    def describe(self) -> str:
        """``lognormal(5%: p05, 95%: p95)``."""
        return f"lognormal(5%: {self.p05:g}, 95%: {self.p95:g})"


Distribution = Annotated[
    Fixed | Uniform | Triangular | Normal | LogNormal, Field(discriminator="dist")
]


def as_distribution(value: Any) -> Any:
    """Turn a bare number into ``{"dist": "fixed", "value": number}`` (pydantic pre-step)."""
    if isinstance(value, bool):
        raise ValueError("expected a number or a distribution table, got a boolean")
    if isinstance(value, int | float):
        return {"dist": "fixed", "value": float(value)}
    return value


def scaled(dist: Any, factor: float) -> Any:
    """The law of ``factor × X`` for ``X ~ dist`` (``factor > 0``), of the same family.

    Used to turn a budget in billion yuan into a share of GDP.
    """
    if factor <= 0:
        raise ValueError(f"scale factor must be positive, got {factor}")
    data = dist.model_dump()
    for key in ("value", "low", "mode", "high", "mean", "sd", "p05", "p95"):
        if data.get(key) is not None:
            data[key] = data[key] * factor
    return type(dist).model_validate(data)
