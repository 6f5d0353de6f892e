"""The simulator's public surface: results in the one protocol, a light names module for
the command line (its public names are pinned in tests/test_public_api.py)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd

import pflab.simulate
from pflab.result import Result

# The simulator's public names are pinned with every package's in tests/test_public_api.py.


def test_function_names_are_not_shadowed_by_submodules() -> None:
    # a lazy package attribute and a submodule of the same name would collide once the
    # submodule is imported
    import pflab.simulate.comparison
    import pflab.simulate.sensitivity_analysis

    assert callable(pflab.simulate.compare) and callable(pflab.simulate.sensitivity)


def test_names_module_loads_no_numpy() -> None:
    code = (
        "import sys; from pflab.simulate.names import BUILTIN_SCENARIOS, BACKENDS; "
        "print(','.join(m for m in ('numpy', 'pandas', 'pydantic') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_builtin_scenarios_are_the_files() -> None:
    from importlib import resources

    folder = resources.files("pflab.simulate").joinpath("builtins")
    files = {e.name[:-5] for e in folder.iterdir() if e.name.endswith(".toml")}
    assert set(pflab.simulate.BUILTIN_SCENARIOS) == files - {"defaults"}
    assert pflab.simulate.BUILTIN_SCENARIOS[0] == "none"


def test_results_follow_the_protocol() -> None:
    rng = np.random.default_rng(0)
    x = pd.DataFrame(rng.random((400, 2)), columns=["a", "b"])
    box = pflab.simulate.prim(x, (x["a"] > 0.5).to_numpy())
    res = pflab.simulate.simulate("none", draws=32, chunk_size=32)
    for result in (box, res, res.by_year()):
        assert isinstance(result, Result)
        assert result.title and result.tables()
        assert result.to_dict()["schema"] == "pflab.result/1"
        assert result.summary().splitlines()[0] == result.views()[0].title
