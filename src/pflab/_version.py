"""The pflab version, in a module that imports nothing (read by provenance and the CLI)."""

__version__ = "0.2.0"
