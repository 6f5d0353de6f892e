"""pflab, the productive-forces lab.

Measure, map and simulate technology-led growth strategies with real data:

- :mod:`pflab.accounting` — growth accounting on the Penn World Table (is TFP rising?);
- :mod:`pflab.network` — input–output analytics (can sector gains spill over?);
- :mod:`pflab.policy` — China's technology programmes as data, and a term tracker;
- :mod:`pflab.simulate` — Monte Carlo projections of the "new national system";
- :mod:`pflab.data` — readers of official file formats and the embedded datasets;
- :mod:`pflab.tables` — the immutable input–output tables shared by readers and analytics.

The most used functions are re-exported here. They are loaded on first use (PEP 562), so
``import pflab`` is cheap and loads neither scipy nor plotly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pflab._lazy import lazy_exports
from pflab._version import __version__

if TYPE_CHECKING:
    from pflab.accounting import growth_accounting, sensitivity
    from pflab.data import load_pwt, read_pwt
    from pflab.errors import PflabError
    from pflab.network import domar_weights, load_io, multipliers, shock_analysis
    from pflab.policy import load_registry
    from pflab.provenance import Provenance, Source
    from pflab.result import Result
    from pflab.tables import IOTable

#: Public name → the module that defines it.
_LAZY = {
    "IOTable": "pflab.tables",
    "PflabError": "pflab.errors",
    "Provenance": "pflab.provenance",
    "Result": "pflab.result",
    "Source": "pflab.provenance",
    "domar_weights": "pflab.network",
    "growth_accounting": "pflab.accounting",
    "load_io": "pflab.network",
    "load_pwt": "pflab.data",
    "load_registry": "pflab.policy",
    "multipliers": "pflab.network",
    "read_pwt": "pflab.data",
    "sensitivity": "pflab.accounting",
    "shock_analysis": "pflab.network",
}

__all__ = [
    "IOTable",
    "PflabError",
    "Provenance",
    "Result",
    "Source",
    "__version__",
    "domar_weights",
    "growth_accounting",
    "load_io",
    "load_pwt",
    "load_registry",
    "multipliers",
    "read_pwt",
    "sensitivity",
    "shock_analysis",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)
