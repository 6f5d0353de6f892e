"""Every public computation returns a Result: a walk over every subpackage's public names.

A public class that offers ``to_frame()`` must be a :class:`pflab.result.Result`; a public
function whose return annotation is a class with ``to_frame()`` must return a Result. A
function that returns a plain frame, series or array is a helper, not a result, and is
allowed. Representative results of each layer are then rendered through every path of the
protocol (text, HTML, JSON, CSV per table) to check the shared renderer holds for them.
"""

from __future__ import annotations

import importlib
import inspect
import io
import json
import typing

import pandas as pd
import pytest

from pflab.result import Result, table_records

SUBPACKAGES = [
    "pflab.accounting",
    "pflab.data",
    "pflab.data.iotables",
    "pflab.gvc",
    "pflab.network",
    "pflab.policy",
    "pflab.policy.terms",
    "pflab.simulate",
    "pflab.tables",
    "pflab.world",
]


def _optional(name: str) -> list[str]:
    try:
        importlib.import_module(name)
    except ImportError:
        return []
    return [name]


PACKAGES = SUBPACKAGES + _optional("pflab.claims")


#: Data containers — inputs that analyses take, not results of a computation. Each offers a
#: frame view of its data but has no title, notes or provenance of a computation of its own.
DATA_CONTAINERS = {
    "IOTable": "an input-output table (its Source travels with it)",
    "MRIOTable": "a multi-regional table",
    "Registry": "the programme registry as loaded and validated",
    "Corpus": "a corpus of dated texts",
    "SectorStructure": "the simulator's calibrated sector structure",
}


def _is_data(cls: type) -> bool:
    return cls.__name__ in DATA_CONTAINERS or issubclass(cls, pd.DataFrame | pd.Series)


def _public(package: str) -> list[tuple[str, object]]:
    module = importlib.import_module(package)
    return [(name, getattr(module, name)) for name in module.__all__]


def _returned_class(function: object) -> type | None:
    try:
        hints = typing.get_type_hints(function)
    except (NameError, TypeError):  # an unresolvable hint is reported below, not hidden
        return None
    returned = hints.get("return")
    return returned if inspect.isclass(returned) else None


@pytest.mark.parametrize("package", PACKAGES)
def test_public_classes_with_frames_are_results(package: str) -> None:
    offenders = [
        name
        for name, obj in _public(package)
        if inspect.isclass(obj)
        and hasattr(obj, "to_frame")
        and not issubclass(obj, Result)
        and not _is_data(obj)
    ]
    assert not offenders, f"{package}: {offenders} offer to_frame() but are not Results"


@pytest.mark.parametrize("package", PACKAGES)
def test_public_functions_return_results_not_ad_hoc_objects(package: str) -> None:
    offenders = []
    unresolved = []
    for name, obj in _public(package):
        if not inspect.isfunction(obj):
            continue
        try:
            typing.get_type_hints(obj)
        except (NameError, TypeError):
            unresolved.append(name)
            continue
        returned = _returned_class(obj)
        if returned is None or issubclass(returned, Result) or _is_data(returned):
            continue
        if hasattr(returned, "to_frame") or hasattr(returned, "summary"):
            offenders.append(f"{name} -> {returned.__name__}")
    assert not offenders, f"{package}: these return result-like objects that are not Results"
    assert not unresolved, f"{package}: return annotations that do not resolve: {unresolved}"


def _representatives() -> list[tuple[str, object]]:
    from pflab.accounting import growth_accounting
    from pflab.network import load_io, position
    from pflab.policy import build_timeline, programme_weights
    from pflab.world import world_share

    table = load_io("CHN", 2018, sectors=42)
    return [
        ("eras", lambda: growth_accounting("CHN").eras()),
        ("position", lambda: position(table)),
        ("weights", lambda: programme_weights("SEI", table)),
        ("timeline", lambda: build_timeline()),
        ("world_share", lambda: world_share("CHN", "mva")),
    ]


@pytest.mark.parametrize("label,build", _representatives(), ids=lambda v: str(v)[:20])
def test_representative_results_render_through_every_path(label: str, build) -> None:  # type: ignore[no-untyped-def]
    result = build()
    assert isinstance(result, Result), label
    assert result.title and result.provenance.sources, label
    assert isinstance(result.notes, tuple), label
    text = result.summary()
    assert text.splitlines()[0] == result.title.replace("\n", " ") or result.title in text
    assert "<script" not in result._repr_html_()
    payload = json.loads(result.to_json())
    assert payload["schema"] == "pflab.result/1" and payload["kind"] == type(result).__name__
    for name, frame in result.tables().items():
        expected = table_records(frame)
        for column in expected.columns:
            cells = expected[column].dropna()
            assert not cells.map(lambda v: isinstance(v, list | tuple | dict | set)).any(), (
                f"{label}.{name}.{column} holds non-scalar cells"
            )
        back = pd.read_csv(io.StringIO(result.to_csv(name)), skiprows=1, dtype=str)
        assert list(back.columns) == list(expected.columns), (label, name)
        assert len(back) == len(expected), (label, name)
        assert len(payload["tables"][name]) == len(expected), (label, name)
