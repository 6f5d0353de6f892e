"""The result protocol: one shape, lossless CSV and JSON, escaped renderings."""

from __future__ import annotations

import io
import json
from dataclasses import FrozenInstanceError, dataclass

import numpy as np
import pandas as pd
import pytest
from rich.console import Console

from pflab._version import __version__
from pflab.provenance import Provenance, Source
from pflab.result import Column, Result, View, json_value, table_records

SOURCE = Source(name="Toy data", version="1.0", citation="A. Author (2020), Toy.")


@dataclass(frozen=True, kw_only=True)
class Toy(Result):
    """Two tables: sectors (named index) and a tidy summary."""

    frame: pd.DataFrame
    extra: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"sectors": self.frame.copy(), "summary": self.extra.copy()}

    def views(self) -> list[View]:
        return [
            View(
                "sectors",
                (Column("sector", "Code"), Column("value", "Value", ".3f"), Column("label")),
            ),
            View("summary"),
        ]


def toy() -> Toy:
    frame = pd.DataFrame(
        {
            "value": [1 / 3, 2.0e-17, np.nan, 123456789.123456789],
            "flag": [True, False, True, False],
            "label": ["[conflict] a", "<b>b</b>", "c, d", 'quote "e"'],
        },
        index=pd.Index(["A01", "B", "C10-12", "D"], name="sector"),
    )
    extra = pd.DataFrame({"k": ["x", "y"], "n": [1, 2]})
    return Toy(
        title="Toy result [with brackets]",
        provenance=Provenance(method="toy", sources=(SOURCE,), parameters={"seed": 7}),
        notes=("Values in [units].", "A <note> & more."),
        columns={"value": "a number, no unit"},
        frame=frame,
        extra=extra,
    )


def test_result_is_frozen() -> None:
    result = toy()
    with pytest.raises(FrozenInstanceError):
        result.title = "changed"  # type: ignore[misc]


def test_to_frame_is_the_first_table() -> None:
    result = toy()
    pd.testing.assert_frame_equal(result.to_frame(), result.tables()["sectors"])


@pytest.mark.parametrize("table", ["sectors", "summary"])
def test_csv_reads_back_equal_to_json_and_frame(table: str) -> None:
    result = toy()
    text = result.to_csv(table)
    assert text.startswith(f"# pflab {__version__} | Toy result")
    from_csv = pd.read_csv(io.StringIO(text), skiprows=1)
    from_json = pd.DataFrame(json.loads(result.to_json())["tables"][table])
    expected = table_records(result.tables()[table])
    pd.testing.assert_frame_equal(from_csv, expected, check_dtype=False)
    pd.testing.assert_frame_equal(from_json, expected, check_dtype=False)


def test_csv_keeps_full_precision() -> None:
    text = toy().to_csv()
    back = pd.read_csv(io.StringIO(text), skiprows=1)
    assert back["value"].iloc[0] == 1 / 3
    assert back["value"].iloc[1] == 2.0e-17
    assert back["value"].iloc[3] == 123456789.123456789


def test_to_dict_shape_and_provenance() -> None:
    d = toy().to_dict()
    assert d["schema"] == "pflab.result/1"
    assert d["kind"] == "Toy"
    assert d["pflab_version"] == __version__
    assert d["notes"] == ["Values in [units].", "A <note> & more."]
    assert d["provenance"]["sources"][0]["citation"] == SOURCE.citation
    assert d["provenance"]["parameters"]["seed"] == 7
    assert "seed 7" in d["stamp"] and "Toy data 1.0" in d["stamp"]
    assert d["tables"]["sectors"][2]["value"] is None  # NaN is null, never NaN
    json.dumps(d, allow_nan=False)


def test_html_escapes_every_string() -> None:
    html = toy()._repr_html_()
    assert "<b>b</b>" not in html
    assert "&lt;b&gt;b&lt;/b&gt;" in html
    assert "A &lt;note&gt; &amp; more." in html


def test_rich_keeps_brackets_literal() -> None:
    buffer = io.StringIO()
    Console(file=buffer, width=200, color_system=None).print(toy())
    text = buffer.getvalue()
    assert "[conflict] a" in text
    assert "Toy result [with brackets]" in text
    assert "Values in [units]." in text


def test_summary_text_uses_views_and_formats() -> None:
    text = toy().summary()
    assert text.splitlines()[0] == "Toy result [with brackets]"
    assert "0.333" in text and "0.3333333" not in text
    assert "—" in text  # the missing value
    assert "Source: Toy data 1.0: A. Author (2020), Toy." in text


def test_json_value_handles_numpy_and_missing() -> None:
    assert json_value(np.float32(0.5)) == 0.5
    assert json_value(np.int64(3)) == 3
    assert json_value(float("inf")) is None
    assert json_value(pd.NA) is None
    assert json_value({"a": (1, np.nan)}) == {"a": [1, None]}


def test_unknown_table_is_a_clear_error() -> None:
    from pflab.errors import ParameterError

    with pytest.raises(ParameterError, match="sectors, summary"):
        toy().to_csv("nope")
