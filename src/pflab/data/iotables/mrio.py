"""Moved: :class:`MRIOTable` lives in the table core, :mod:`pflab.tables.mrio`.

This module re-exports it so that ``from pflab.data.iotables.mrio import MRIOTable``
keeps working; new code imports ``from pflab.tables import MRIOTable``.
"""

from pflab.tables.mrio import MRIOTable

__all__ = ["MRIOTable"]
