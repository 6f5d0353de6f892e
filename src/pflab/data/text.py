"""Text of downloaded statistics files whose encoding varies between exports."""

from __future__ import annotations

from pathlib import Path

__all__ = ["read_text"]


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (a byte-order mark is dropped), else Latin-1.

    Official portals changed encodings over the years (older WTO Stats exports are
    Latin-1, World Bank files UTF-8 with a BOM); every byte string is valid Latin-1, so
    the fallback never fails, and UTF-8 is tried first because it rejects most Latin-1.
    """
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")
