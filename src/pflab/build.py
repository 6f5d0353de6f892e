"""Build the embedded datasets from the raw source files.

Run from a checkout, with the raw files of ``../shared/data`` present::

    python -m pflab.build                # every dataset
    python -m pflab.build --only pwt     # one family
    python -m pflab.build --raw DIR --out DIR

This orchestrator sits above every layer: each builder lives beside the data it builds
(:mod:`pflab.data.pwt_build`, :mod:`pflab.data.iotables.build`,
:mod:`pflab.policy.terms.build`, …) and writes through
:func:`pflab.data.embedded.write_dataset`, so no layer imports a higher one. The build is
deterministic: the same raw files give byte-identical JSON sidecars and equal frames,
which the test suite checks. An interrupted build leaves nothing half-written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from pflab.data.cip_build import build_cip
from pflab.data.embedded import EMBEDDED_DIR
from pflab.data.iotables.build import build_io
from pflab.data.iotables.wiot2013_build import build_wiot2013
from pflab.data.paths import raw_data_dir
from pflab.data.pwt_build import build_pwt
from pflab.data.world_build import build_maddison, build_wdi, build_wto
from pflab.errors import DataNotFoundError, ParameterError, PflabError
from pflab.policy.terms.build import build_congress_terms, build_gwr_terms

__all__ = ["BUILDERS", "build", "main"]

#: Dataset family → builder(raw_dir, out_dir) returning the files written.
BUILDERS: dict[str, Callable[[Path, Path], list[Path]]] = {
    "pwt": build_pwt,
    "gwr_terms": build_gwr_terms,
    "congress_terms": build_congress_terms,
    "io": build_io,
    "wdi_mva": build_wdi,
    "wto": build_wto,
    "maddison": build_maddison,
    "wiot2013": build_wiot2013,
    "cip": build_cip,
}


def build(
    raw: Path | None = None, out: Path = EMBEDDED_DIR, only: list[str] | None = None
) -> list[Path]:
    """Build the embedded datasets.

    Parameters
    ----------
    raw
        The raw data folder (default: :func:`pflab.data.paths.raw_data_dir`).
    out
        Where to write (default: the package's ``embedded`` folder).
    only
        Families to build (default: all of :data:`BUILDERS`).

    Raises
    ------
    pflab.errors.DataNotFoundError
        If there is no raw data folder.
    pflab.errors.ParameterError
        If ``only`` names a family without a builder.
    """
    names = only or list(BUILDERS)
    unknown = [n for n in names if n not in BUILDERS]
    if unknown:
        raise ParameterError("only", f"no builder for {unknown}; known: {', '.join(BUILDERS)}")
    raw = raw or raw_data_dir()
    if raw is None:
        raise DataNotFoundError(
            "no raw data folder: set PFLAB_RAW_DATA or place ../shared/data beside the checkout"
        )
    written: list[Path] = []
    for name in names:
        written += BUILDERS[name](raw, out)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point of ``python -m pflab.build``."""
    parser = argparse.ArgumentParser(prog="python -m pflab.build", description=__doc__)
    parser.add_argument("--raw", type=Path, default=None, help="raw data folder")
    parser.add_argument("--out", type=Path, default=EMBEDDED_DIR, help="output folder")
    parser.add_argument("--only", action="append", help="dataset family (repeatable)")
    args = parser.parse_args(argv)
    try:
        for path in build(args.raw, args.out, args.only):
            print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)")
    except PflabError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
