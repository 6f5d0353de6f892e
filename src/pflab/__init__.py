"""pflab, the productive-forces lab.

Measure, map and simulate technology-led growth strategies with real data:

- :mod:`pflab.accounting` — growth accounting on the Penn World Table (is TFP rising?);
- :mod:`pflab.network` — input–output analytics (can sector gains spill over?);
- :mod:`pflab.policy` — China's technology programmes as data, and a term tracker;
- :mod:`pflab.simulate` — Monte Carlo projections of the "new national system";
- :mod:`pflab.data` — readers of official file formats and the embedded datasets.

The most used functions are re-exported here.
"""

__version__ = "0.1.0"

from pflab.accounting import growth_accounting, sensitivity
from pflab.data import load_pwt, read_pwt
from pflab.network import IOTable, domar_weights, load_io, multipliers, shock_analysis
from pflab.policy import load_registry

__all__ = [
    "IOTable",
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
