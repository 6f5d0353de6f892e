"""Moved: :class:`IOTable` lives in the table core, :mod:`pflab.tables.iotable`.

This module re-exports it so that ``from pflab.data.iotables.table import IOTable``
keeps working; new code imports ``from pflab.tables import IOTable``.
"""

from pflab.tables.iotable import IOTable

__all__ = ["IOTable"]
