"""pflab, the productive-forces lab.

Measure, map and simulate technology-led growth strategies with real data. Growth
accounting on the Penn World Table lives in :mod:`pflab.accounting`, the data layer in
:mod:`pflab.data`; the most used functions are re-exported here.
"""

__version__ = "0.1.0"

from pflab.accounting import growth_accounting, sensitivity
from pflab.data import load_pwt, read_pwt

__all__ = [
    "__version__",
    "growth_accounting",
    "load_pwt",
    "read_pwt",
    "sensitivity",
]
