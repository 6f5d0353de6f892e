"""The sector side of the simulation: Domar weights, value-added shares, R&D intensity,
and the network quantities the simulator takes from :mod:`pflab.network`.

:class:`SectorStructure` holds what the model needs per sector. It is built from an
input–output table by :meth:`SectorStructure.from_io_table`: codes, names, gross output
and value added from the :class:`~pflab.data.iotables.IOTable`, each sector's ISIC Rev.4
codes from the table's concordance (:func:`pflab.data.concordance.load_concordance`), and,
on request, the Baqaee–Farhi Hessian (:meth:`SectorStructure.hessian`) and Liu's distortion
centrality (:meth:`SectorStructure.distortion_centrality`). Tests may build one by hand.

Domar weight of sector i: ``D_i = gross output_i / Σ value added`` (Hulten 1978), the
weights of :func:`pflab.network.domar_weights`; value-added share ``v_i = VA_i / Σ VA``.

R&D intensity by ISIC Rev.4 division follows the five groups of the OECD taxonomy of
economic activities by R&D intensity (Galindo-Rueda and Verger 2016, OECD STI Working
Paper 2016/04). The group of each division and the representative intensity of each
group are approximate and flagged [UNCONFIRMED] in docs/simulate.md; they set only how
the economy's baseline R&D stock is split across sectors.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from pflab.data.concordance import Concordance, load_concordance
from pflab.data.iotables import IOTable
from pflab.data.isic import divisions, is_isic_code
from pflab.errors import DataValidationError, LookupFailedError, ParameterError
from pflab.network import CESEconomy, distortion_centrality, domar_jacobian
from pflab.provenance import Source

__all__ = [
    "ELASTICITY_GROUPS",
    "RD_GROUP_INTENSITY",
    "SectorStructure",
    "elasticity_group",
    "rd_group",
]

#: Representative R&D intensity (R&D / value added) of each OECD group [UNCONFIRMED].
RD_GROUP_INTENSITY: dict[str, float] = {
    "high": 0.25,
    "medium-high": 0.08,
    "medium": 0.025,
    "medium-low": 0.008,
    "low": 0.002,
}

_GROUPS: dict[str, tuple[str, ...]] = {
    "high": ("21", "26", "72"),
    "medium-high": ("20", "27", "28", "29", "30", "62", "63"),
    "medium": ("22", "23", "24", "32", "33", "58"),
    "medium-low": (
        "05",
        "06",
        "07",
        "08",
        "09",
        "10",
        "11",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "25",
        "31",
        "61",
        "69",
        "70",
        "71",
        "73",
        "74",
        "75",
    ),
}

#: Relative baseline TFP drift by ISIC section [judgement]: manufacturing faster than the
#: economy, energy and state-dominated activities slowest (Wu 2016, China Industrial
#: Productivity database; Brandt, Van Biesebroeck and Zhang 2012).
DRIFT_BY_SECTION: dict[str, float] = {"A": 1.0, "B": 0.5, "C": 1.5, "D": 0.5, "E": 0.5, "F": 0.7}
DRIFT_SERVICES = 0.8


def rd_group(division: str) -> str:
    """OECD R&D-intensity group of an ISIC Rev.4 division (``"low"`` if unlisted)."""
    for group, members in _GROUPS.items():
        if division in members:
            return group
    return "low"


#: Sector groups with their own R&D elasticity (parameter ``rd_elasticity_<group>``).
ELASTICITY_GROUPS: tuple[str, ...] = ("high_tech", "manufacturing", "services", "primary")


def elasticity_group(division: str) -> str:
    """R&D-elasticity group of an ISIC Rev.4 division.

    ``high_tech``: the OECD high and medium-high R&D-intensity divisions (20, 21, 26–30,
    62, 63, 72); ``manufacturing``: the rest of 10–33; ``services``: 45–99;
    ``primary``: agriculture, mining, utilities and construction (01–43).
    """
    if rd_group(division) in ("high", "medium-high"):
        return "high_tech"
    number = int(division)
    if 10 <= number <= 33:
        return "manufacturing"
    return "services" if number >= 45 else "primary"


@dataclass(frozen=True)
class SectorStructure:
    """Per-sector data of the simulation.

    Parameters
    ----------
    codes, names
        Sector codes and names in the table's own scheme.
    isic
        For each sector, its ISIC Rev.4 codes (divisions, groups or classes), the primary
        first; from the table's concordance when built by :meth:`from_io_table`.
    gross_output, value_added
        Levels in the table's unit.
    label
        E.g. ``"WIOD national input-output tables, CHN 2014 (wiod56)"``.
    source
        Citation of the table.
    table
        The input–output table the structure was built from (needed for the network
        quantities: second-order aggregation and distortion centrality).
    """

    codes: tuple[str, ...]
    names: tuple[str, ...]
    isic: tuple[tuple[str, ...], ...]
    gross_output: NDArray[np.float64]
    value_added: NDArray[np.float64]
    label: str = "hand-built"
    source: Source | None = None
    table: IOTable | None = field(default=None, compare=False, repr=False)
    dropped: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        n = len(self.codes)
        for name in ("names", "isic"):
            if len(getattr(self, name)) != n:
                raise DataValidationError(
                    f"{len(self.codes)} sector codes but {len(getattr(self, name))} {name}",
                    path=self.label,
                )
        for code, mapped in zip(self.codes, self.isic, strict=True):
            bad = [c for c in mapped if not is_isic_code(c) or c.isalpha()]
            if not mapped or bad:
                raise DataValidationError(
                    f"sector {code}: expected ISIC Rev.4 divisions, groups or classes, "
                    f"got {list(mapped)}",
                    path=self.label,
                )
        for name in ("gross_output", "value_added"):
            arr = np.asarray(getattr(self, name), dtype=np.float64)
            if arr.shape != (n,):
                raise DataValidationError(
                    f"{n} sector codes but {name} has shape {arr.shape}", path=self.label
                )
            if not np.all(np.isfinite(arr)) or np.any(arr < 0):
                bad = [self.codes[i] for i in np.flatnonzero(~(np.isfinite(arr) & (arr >= 0)))]
                raise DataValidationError(
                    f"{name} must be finite and non-negative; bad sectors: {bad[:5]}",
                    path=self.label,
                )
            object.__setattr__(self, name, arr)
        if self.value_added.sum() <= 0:
            raise DataValidationError("total value added is not positive", path=self.label)
        if len(set(self.codes)) != n:
            raise DataValidationError("duplicate sector codes", path=self.label)

    @property
    def n(self) -> int:
        """Number of sectors."""
        return len(self.codes)

    @property
    def domar(self) -> NDArray[np.float64]:
        """Domar weights ``x_i / Σ VA``."""
        return np.asarray(self.gross_output / self.value_added.sum())

    @property
    def va_share(self) -> NDArray[np.float64]:
        """Value-added shares ``VA_i / Σ VA``."""
        return np.asarray(self.value_added / self.value_added.sum())

    @property
    def divisions(self) -> tuple[tuple[str, ...], ...]:
        """The two-digit ISIC Rev.4 divisions of each sector (from :attr:`isic`)."""
        return tuple(tuple(dict.fromkeys(c[:2] for c in codes)) for codes in self.isic)

    @property
    def manufacturing(self) -> NDArray[np.bool_]:
        """True for sectors whose divisions are all in ISIC section C (10–33)."""
        return np.array([all(10 <= int(d) <= 33 for d in ds) for ds in self.divisions])

    @property
    def rd_intensity(self) -> NDArray[np.float64]:
        """R&D / VA by sector: mean over its divisions of the OECD group intensity."""
        return np.array(
            [np.mean([RD_GROUP_INTENSITY[rd_group(d)] for d in ds]) for ds in self.divisions]
        )

    @property
    def rd_share(self) -> NDArray[np.float64]:
        """Share of the economy's R&D stock held by each sector (∝ VA × intensity)."""
        w = self.value_added * self.rd_intensity
        return np.asarray(w / w.sum())

    @property
    def group(self) -> tuple[str, ...]:
        """R&D-elasticity group of each sector, from its primary (first) ISIC division."""
        return tuple(elasticity_group(ds[0]) for ds in self.divisions)

    @property
    def drift_weight(self) -> NDArray[np.float64]:
        """Relative baseline TFP drift β_i (see :data:`DRIFT_BY_SECTION`)."""
        table = divisions()["section"]
        out = []
        for ds in self.divisions:
            secs = [str(table.get(d, "S")) for d in ds]
            out.append(np.mean([DRIFT_BY_SECTION.get(s, DRIFT_SERVICES) for s in secs]))
        return np.array(out)

    @cached_property
    def concordance(self) -> Concordance:
        """The structure's sectors and ISIC codes as a :class:`~pflab.data.concordance.Concordance`.

        For a structure built from a table these are the rows of the table scheme's
        concordance, so queries follow the same overlap rule as
        :func:`pflab.data.sectors_for_isic`.
        """
        frame = pd.DataFrame(
            {"name": self.names, "name_zh": "", "isic": list(self.isic)},
            index=pd.Index(self.codes, name="code"),
        )
        scheme = self.table.scheme if self.table is not None else self.label
        return Concordance(scheme=scheme, label=self.label, version="", frame=frame)

    def select_isic(self, isic: Sequence[str]) -> list[int]:
        """Indices of the sectors whose ISIC codes overlap any of ``isic`` (sections,
        divisions, groups or classes; one code a prefix of the other).

        Raises
        ------
        pflab.errors.LookupFailedError
            If a code is not an ISIC Rev.4 code.
        """
        return self.index(self.concordance.sectors_for(list(isic)))

    def index(self, codes: Sequence[str]) -> list[int]:
        """Indices of sector codes; unknown codes raise with the closest matches."""
        pos = {c: i for i, c in enumerate(self.codes)}
        out = []
        for c in codes:
            if c not in pos:
                close = difflib.get_close_matches(c, self.codes, n=3)
                raise LookupFailedError(f"sector of {self.label}", c, close)
            out.append(pos[c])
        return out

    # -- network quantities (need the table) ---------------------------------------------

    def _table(self, purpose: str) -> IOTable:
        if self.table is None:
            raise ParameterError(
                "sectors",
                f"{purpose} needs the input–output table, and {self.label} was built "
                "without one; use SectorStructure.from_io_table",
            )
        return self.table

    def hessian(
        self,
        *,
        theta: float,
        sigma: float,
        epsilon: float,
        factors: Literal["mobile", "specific"] = "mobile",
    ) -> NDArray[np.float64]:
        """Hessian of log GDP in sector log-productivity (gross-output TFP), N × N.

        ``H = κ ∂λ̃/∂log A`` from the nested-CES network calibrated to the table
        (Baqaee and Farhi 2019, *Econometrica* 87(4), Proposition 3): the Domar Jacobian
        of :func:`pflab.network.domar_jacobian` in final-expenditure units, times
        κ = E / GDP (:attr:`pflab.network.CESEconomy.kappa`) for GDP units, so that

            Δ ln GDP ≈ Σ_i D_i a_i + ½ aᵀ H a,   D = gross output / GDP,

        as in :func:`pflab.network.second_order` (times κ). Rows and columns of sectors
        without gross output (which the CES network drops) are zero.

        Parameters
        ----------
        theta, sigma, epsilon
            Elasticities of final demand, between primary input and the intermediate
            bundle, and within the bundle.
        factors
            ``"mobile"`` (one economy-wide primary factor) or ``"specific"``.
        """
        table = self._table("second-order aggregation")
        economy = CESEconomy.from_table(
            table, theta=theta, sigma=sigma, epsilon=epsilon, factors=factors
        )
        pos = {c: i for i, c in enumerate(self.codes)}
        keep = [j for j, c in enumerate(economy.codes) if c in pos]
        idx = [pos[economy.codes[j]] for j in keep]
        out = np.zeros((self.n, self.n))
        out[np.ix_(idx, idx)] = (economy.kappa * domar_jacobian(economy))[np.ix_(keep, keep)]
        return out

    def distortion_centrality(self, wedge: float) -> NDArray[np.float64]:
        """Liu's (2019) distortion centrality ξ_i under a uniform input wedge χ.

        ξ_i = μ_i / γ_i, the social value of a marginal subsidy dollar to sector i
        (:func:`pflab.network.distortion_centrality`; Liu 2019, *QJE* 134(4),
        Definition 2). NaN for sectors without gross output.
        """
        table = self._table("distortion centrality")
        xi = distortion_centrality(table, wedge).frame["xi"]
        return np.asarray(xi.reindex(list(self.codes)).to_numpy(dtype=np.float64))

    def to_frame(self) -> pd.DataFrame:
        """One row per sector: code, name, ISIC, Domar weight, VA share, R&D intensity."""
        return pd.DataFrame(
            {
                "code": self.codes,
                "name": self.names,
                "isic": [" ".join(d) for d in self.isic],
                "domar": self.domar,
                "va_share": self.va_share,
                "manufacturing": self.manufacturing,
                "rd_intensity": self.rd_intensity,
                "rd_share": self.rd_share,
                "drift_weight": self.drift_weight,
                "group": self.group,
            }
        )

    @classmethod
    def from_io_table(cls, table: IOTable) -> SectorStructure:
        """Build from an input–output table (e.g. :func:`pflab.network.load_io`).

        Each sector's ISIC Rev.4 codes are its row of the concordance of the table's
        scheme (``pflab/data/classifications/concordance_<scheme>.csv``). Sectors without
        gross output or value added (e.g. nine of WIOD's China 2014 sectors, which China's
        accounts do not separate) are dropped and listed in :attr:`dropped`.

        Raises
        ------
        pflab.errors.LookupFailedError
            If the scheme has no concordance or a table code is not in it.
        pflab.errors.DataValidationError
            If a sector has negative gross output or value added.
        """
        concordance = load_concordance(table.scheme)
        gross = table.gross_output.to_numpy(dtype=np.float64)
        value = table.value_added.to_numpy(dtype=np.float64)
        keep = (gross > 0) & (value > 0)
        codes = [c for c, k in zip(table.codes, keep, strict=True) if k]
        return cls(
            codes=tuple(codes),
            names=tuple(n for n, k in zip(table.names, keep, strict=True) if k),
            isic=tuple(concordance.isic_of(c) for c in codes),
            gross_output=gross[keep],
            value_added=value[keep],
            label=f"{table.source.name}, {table.label}",
            source=table.source,
            table=table,
            dropped=tuple(c for c, k in zip(table.codes, keep, strict=True) if not k),
        )
