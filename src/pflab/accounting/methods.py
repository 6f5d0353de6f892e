"""Growth-accounting methods: which capital measure, which shares, which labour input.

A :class:`Method` fixes every choice that changes the measured TFP growth. The named
presets in :data:`METHODS` cover the variants used in the literature; any field can be
overridden, e.g. ``get_method("fixed-share", capital_share=0.35)``.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from pflab.errors import ParameterError

__all__ = ["METHODS", "Method", "get_method", "method_grid"]

CapitalMeasure = Literal["services", "stock"]

_CAPITAL_VARIABLE = {"services": "rkna", "stock": "rnna"}


@dataclass(frozen=True)
class Method:
    """The choices behind one TFP measurement.

    Output is ``Y = A · K^(1−α) · (E · H · h)^α`` with ``E`` persons engaged, ``H`` average
    hours, ``h`` the human-capital index and ``α`` the labour share. TFP growth is the
    residual ``Δln A = Δln Y − (1−α)·Δln K − α·(Δln E + Δln H + Δln h)``.

    Parameters
    ----------
    name
        Preset name, or ``"custom"``.
    capital
        ``"services"`` (PWT ``rkna``, capital services) or ``"stock"`` (``rnna``).
    capital_share
        ``None`` uses PWT's labour share ``labsh`` averaged over the two years of each
        growth interval (a Törnqvist index); a number fixes the capital share
        ``1 − α`` for every year (0.4 in Bosworth and Collins 2008).
    hours
        Include average hours worked (``avh``) where the data has them. Years without
        hours data count hours growth as zero and are flagged.
    human_capital
        Include the human-capital index ``hc``.
    """

    name: str = "custom"
    capital: CapitalMeasure = "services"
    capital_share: float | None = None
    hours: bool = True
    human_capital: bool = True

    def __post_init__(self) -> None:
        if self.capital not in _CAPITAL_VARIABLE:
            raise ParameterError("capital", f"expected 'services' or 'stock', got {self.capital!r}")
        if self.capital_share is not None and not 0.0 < float(self.capital_share) < 1.0:
            raise ParameterError(
                "capital_share",
                f"expected a share strictly between 0 and 1, got {self.capital_share!r}",
            )

    @property
    def capital_variable(self) -> str:
        """The PWT column holding the capital measure."""
        return _CAPITAL_VARIABLE[self.capital]

    @property
    def label(self) -> str:
        """A compact label listing every choice, e.g. ``services·labsh·hours·hc``."""
        share = "labsh" if self.capital_share is None else f"α_K={self.capital_share:g}"
        parts = [self.capital, share]
        parts.append("hours" if self.hours else "persons")
        parts.append("hc" if self.human_capital else "no-hc")
        return "·".join(parts)

    def describe(self) -> str:
        """One sentence a reader understands without the code."""
        capital = (
            "capital services (rkna)"
            if self.capital == "services"
            else ("the capital stock (rnna)")
        )
        share = (
            "PWT's labour share averaged over adjacent years (Törnqvist)"
            if self.capital_share is None
            else f"a fixed capital share of {self.capital_share:g}"
        )
        labour = "persons engaged"
        if self.hours:
            labour += " × average hours (where available)"
        if self.human_capital:
            labour += " × human capital (hc)"
        return (
            f"TFP as the residual of GDP (rgdpna) after {capital} and {labour}, "
            f"weighted by {share}."
        )

    def to_dict(self) -> dict[str, Any]:
        """Every setting, for provenance records."""
        return asdict(self)


#: Named presets.
METHODS: dict[str, Method] = {
    # Reproduces PWT's own rtfpna: Feenstra, Inklaar & Timmer (2015).
    "pwt": Method("pwt"),
    # PWT inputs with a fixed capital share instead of labsh.
    "fixed-share": Method("fixed-share", capital_share=0.4),
    # Bosworth & Collins (2008): capital stock, share 0.4, workers × education.
    "bosworth-collins": Method("bosworth-collins", capital="stock", capital_share=0.4, hours=False),
    # Capital stock instead of services, PWT shares.
    "stock": Method("stock", capital="stock"),
    # Persons engaged without hours.
    "persons": Method("persons", hours=False),
    # Raw labour: persons only, no hours and no human capital.
    "raw-labour": Method("raw-labour", hours=False, human_capital=False),
}


def get_method(method: str | Method = "pwt", **overrides: Any) -> Method:
    """Return a preset (or the given method) with ``overrides`` applied.

    Parameters
    ----------
    method
        A name from :data:`METHODS` or a :class:`Method`.
    **overrides
        Any :class:`Method` field, e.g. ``capital="stock"``. ``None`` values are ignored.

    Raises
    ------
    pflab.errors.ParameterError
        For an unknown preset name or an invalid field value.
    """
    if isinstance(method, Method):
        base = method
    else:
        key = str(method).strip().lower()
        if key not in METHODS:
            raise ParameterError(
                "method", f"unknown method {method!r}; choose one of {', '.join(METHODS)}"
            )
        base = METHODS[key]
    changes = {k: v for k, v in overrides.items() if v is not None}
    unknown = sorted(set(changes) - set(Method.__dataclass_fields__) - {"name"})
    if unknown:
        raise ParameterError(unknown[0], "not a growth-accounting method setting")
    if not changes:
        return base
    if any(getattr(base, k) != v for k, v in changes.items()):
        changes.setdefault("name", f"{base.name}*")
    return replace(base, **changes)


def method_grid(capital_share: float = 0.4) -> list[Method]:
    """Every combination of the four choices (16 methods), for sensitivity tables.

    Parameters
    ----------
    capital_share
        The fixed capital share used by the fixed-share half of the grid.
    """
    grid = []
    for capital, share, hours, hc in itertools.product(
        ("services", "stock"), (None, capital_share), (True, False), (True, False)
    ):
        method = Method("custom", capital, share, hours, hc)  # type: ignore[arg-type]
        named = next((n for n, m in METHODS.items() if replace(m, name="custom") == method), None)
        grid.append(replace(method, name=named or method.label))
    return grid
