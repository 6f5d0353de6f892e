"""China's technology and industrial policies as data, their size, and the words that carry them.

- :func:`load_registry` loads the validated registry of programmes, slogans, plans,
  lists, funds and institutions from 1861 to 2024 (:class:`Registry` for the queries,
  :mod:`pflab.policy.schema` for the fields); :func:`list_programmes` and
  :func:`show_programme` return the listing and one entry as results.
- :func:`build_timeline` lays the registry out in time (:class:`Timeline`).
- :func:`programme_weights` is the one definition of a programme's sectors: its share of
  each sector of any input-output table, from the sector maps beside the registry
  (:func:`load_sector_maps`), with ranges and the basis of each share.
- :func:`programme_shocks` turns ``"PROGRAMME:PCT"`` into productivity shocks on those
  weights for :func:`pflab.network.shock_analysis`.
- :func:`programme_exposure` / :func:`economy_exposure` measure how large each
  programme's activities are in a table, with the official figure beside them;
  :func:`validate_sector_maps` compares the maps with every official aggregate found.
- :mod:`pflab.policy.terms` counts strategic terms in dated texts such as the Government
  Work Reports (imported on first use: it loads jieba).

The functions that read input-output tables are loaded on first use (PEP 562), so
``import pflab.policy`` does not load the network layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pflab._lazy import lazy_exports
from pflab.policy.detail import ProgrammeDetail, show_programme
from pflab.policy.listing import RegistryListing, list_programmes
from pflab.policy.registry import Family, Registry, load_registry
from pflab.policy.schema import KINDS, Programme
from pflab.policy.sectormaps import SectorMap, SectorMaps, load_sector_maps
from pflab.policy.timeline import Timeline, build_timeline, timeline_frame

if TYPE_CHECKING:
    from pflab.policy.exposure import Exposure, economy_exposure, programme_exposure
    from pflab.policy.shocks import programme_shock, programme_shocks
    from pflab.policy.validation import MapValidation, validate_sector_maps
    from pflab.policy.weights import SectorWeights, programme_weights

_LAZY = {
    "Exposure": "pflab.policy.exposure",
    "MapValidation": "pflab.policy.validation",
    "SectorWeights": "pflab.policy.weights",
    "economy_exposure": "pflab.policy.exposure",
    "programme_exposure": "pflab.policy.exposure",
    "programme_shock": "pflab.policy.shocks",
    "programme_shocks": "pflab.policy.shocks",
    "programme_weights": "pflab.policy.weights",
    "validate_sector_maps": "pflab.policy.validation",
}

__all__ = [
    "KINDS",
    "Exposure",
    "Family",
    "MapValidation",
    "Programme",
    "ProgrammeDetail",
    "Registry",
    "RegistryListing",
    "SectorMap",
    "SectorMaps",
    "SectorWeights",
    "Timeline",
    "build_timeline",
    "economy_exposure",
    "list_programmes",
    "load_registry",
    "load_sector_maps",
    "programme_exposure",
    "programme_shock",
    "programme_shocks",
    "programme_weights",
    "show_programme",
    "timeline_frame",
    "validate_sector_maps",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)
