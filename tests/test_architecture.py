"""Layers import one way, the CLI is an adapter, and the root package is cheap to import."""

from __future__ import annotations

import subprocess
import sys
import tomllib

from test_static import ROOT, _tool

SRC = ROOT / "src"


def test_import_contracts_are_kept() -> None:
    done = subprocess.run(
        [_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def _private_modules() -> set[str]:
    modules = set()
    for path in (SRC / "pflab").rglob("_*.py"):
        if path.name in ("__init__.py", "__main__.py"):
            continue
        parts = path.relative_to(SRC).with_suffix("").parts
        modules.add(".".join(parts))
    return modules


def test_cli_contract_lists_every_private_module_of_other_layers() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    cli = next(c for c in contracts if c.get("source_modules") == ["pflab.cli"])
    expected = {
        m for m in _private_modules() if not m.startswith("pflab.cli.") and m != "pflab._version"
    }
    missing = expected - set(cli["forbidden_modules"])
    assert not missing, f"add to the CLI contract's forbidden_modules: {sorted(missing)}"


def test_every_subpackage_is_in_a_layer() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")[
        "layers"
    ]
    named = {m.strip() for layer in layers for m in layer.split("|")}
    top = {
        f"pflab.{p.name}" if p.is_dir() else f"pflab.{p.stem}"
        for p in (SRC / "pflab").iterdir()
        if (p.is_dir() and (p / "__init__.py").exists())
        or (p.suffix == ".py" and p.name != "__init__.py")
    }
    assert top - named == set(), f"modules outside every layer: {sorted(top - named)}"


def test_import_pflab_loads_neither_scipy_nor_plotly() -> None:
    code = (
        "import sys, pflab; heavy = [m for m in ('scipy', 'plotly', 'pandas') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", f"import pflab loaded {done.stdout.strip()}"


def test_lazy_root_exports_resolve() -> None:
    import pflab

    for name in pflab.__all__:
        assert getattr(pflab, name) is not None, name
