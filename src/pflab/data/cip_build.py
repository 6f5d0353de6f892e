"""Builder of the embedded CIP 4.0 series (run through ``python -m pflab.build --only cip``).

:func:`build_cip` reads the 13 workbooks of ``../shared/data/cip4/`` with
:func:`pflab.data.cip.read_cip` (which checks every identity first) and writes three
compact datasets through :func:`pflab.data.embedded.write_dataset`:

- ``cip4_industries``: one row per industry and year, the variables of
  :data:`pflab.data.cip.EMBEDDED_VARIABLES` (the classification of workbook 5 and the
  identities checked, with their tolerance, in the sidecar);
- ``cip4_total``: workbook 4's ``Total`` row of each sheet, by year;
- ``cip4_io``: the input–output tables of workbook 1.1, one row per year and supplier,
  one column per using industry.

The licence of CIP 4.0 is not verified: only these derived series are shipped, with the
citation, never the workbooks.
"""

from __future__ import annotations

from pathlib import Path

from pflab.data.cip import CIP_FILES, CIP_VARIABLES, EMBEDDED_VARIABLES, cip_source, read_cip
from pflab.data.cip_validate import TOLERANCE
from pflab.data.embedded import file_digest, write_dataset
from pflab.errors import DataNotFoundError

__all__ = ["build_cip"]

_RAW = "cip4"


def build_cip(raw: Path, out: Path) -> list[Path]:
    """Build ``cip4_industries``, ``cip4_total`` and ``cip4_io`` from the raw workbooks."""
    folder = raw / _RAW
    if not folder.is_dir():
        raise DataNotFoundError(f"{folder}: raw CIP 4.0 folder not found")
    data = read_cip(folder)
    files = [file_digest(folder / name) for name in CIP_FILES.values()]
    common = {
        "source": cip_source().to_dict(),
        "raw": files,
        "raw_path": f"../shared/data/{_RAW}/",
        "built_by": "python -m pflab.build --only cip",
    }
    panel = data.panel[list(EMBEDDED_VARIABLES)].reset_index()
    panel["code"] = panel["code"].astype("int8")
    panel["year"] = panel["year"].astype("int16")
    industries = [
        {"code": int(str(code)), **{str(k): str(v) for k, v in row.items()}}
        for code, row in data.industries.iterrows()
    ]
    written = [
        write_dataset(
            out,
            "cip4_industries",
            panel,
            {
                **common,
                "dataset": "CIP 4.0 growth accounts by industry",
                "industries": industries,
                # the names and the bound, not the measured discrepancies (~1e-16, whose
                # last digits depend on the machine's summation order)
                "identities": {"tolerance": TOLERANCE, "checked": sorted(data.checks)},
                "variables": {
                    name: {"description": d, "unit": u, "sheet": s}
                    for name, (d, u, s) in CIP_VARIABLES.items()
                    if name in EMBEDDED_VARIABLES
                },
                "rows": len(panel),
                "years": [min(data.years), max(data.years)],
            },
        )
    ]
    total = data.total.reset_index()
    total["year"] = total["year"].astype("int16")
    written.append(
        write_dataset(
            out,
            "cip4_total",
            total,
            {**common, "dataset": "CIP 4.0 growth accounts, Total row (whole economy)"},
        )
    )
    io = data.io.copy()
    io.columns = [str(c) for c in io.columns]
    io = io.reset_index()
    io["year"] = io["year"].astype("int16")
    io["supplier"] = io["supplier"].astype("int8")
    written.append(
        write_dataset(
            out,
            "cip4_io",
            io,
            {
                **common,
                "dataset": "CIP 4.0 input-output tables (intermediate flows), 1987-2017",
                "unit": "million current yuan; rows = supplying industry, columns = using "
                "industry (CIP codes)",
            },
        )
    )
    return written
