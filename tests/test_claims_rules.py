"""Verdict rules on hand-made cases: the intervals, their edges, and the reasons given."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from pflab.claims import (
    CONSISTENT,
    NOT_MEASURABLE,
    NOT_SUPPORTED,
    PARTLY,
    Measurement,
    Rule,
    judge,
)


def _about(number: float, **tolerance: object) -> Rule:
    if tolerance:
        return Rule.model_validate({"relation": "about", "number": number, "tolerance": tolerance})
    return Rule(relation="about", number=number)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (30.4, CONSISTENT),  # issue 12: China's share of world MVA in 2021
        (27.0, CONSISTENT),  # the edges belong to the interval
        (33.0, CONSISTENT),
        (26.99, PARTLY),
        (22.5, PARTLY),
        (37.5, PARTLY),
        (22.49, NOT_SUPPORTED),
        (37.51, NOT_SUPPORTED),
        (0.0, NOT_SUPPORTED),
    ],
)
def test_about_uses_ten_and_twenty_five_percent_by_default(value: float, expected: str) -> None:
    assert _about(30).verdict(value) == expected


def test_manufactured_exports_share_is_partly_consistent_with_about_twenty() -> None:
    rule = _about(20)
    assert rule.intervals() == ((18.0, 22.0), (15.0, 25.0))
    assert rule.verdict(17.6) == PARTLY  # issue 12: WTO 2018
    assert rule.verdict(18.9) == CONSISTENT  # WTO 2015


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3.46, CONSISTENT), (3.0, CONSISTENT), (12.0, CONSISTENT), (2.99, PARTLY),
     (2.25, PARTLY), (2.24, NOT_SUPPORTED), (0.53, NOT_SUPPORTED)],
)  # fmt: skip
def test_over_is_consistent_from_the_number_up(value: float, expected: str) -> None:
    assert Rule(relation="over", number=3).verdict(value) == expected


def test_under_mirrors_over() -> None:
    rule = Rule(relation="under", number=4)
    assert [rule.verdict(v) for v in (1.0, 4.0, 4.9, 5.0, 5.01)] == [
        CONSISTENT, CONSISTENT, PARTLY, PARTLY, NOT_SUPPORTED,
    ]  # fmt: skip


def test_close_to_zero_takes_an_absolute_tolerance() -> None:
    rule = _about(0, consistent=0.5, partly=1.0, absolute=True)
    assert rule.intervals() == ((-0.5, 0.5), (-1.0, 1.0))
    verdicts = [rule.verdict(v) for v in (0.0, -0.5, 0.4, 0.9, -1.0, 2.0, -1.8)]
    assert verdicts == [CONSISTENT, CONSISTENT, CONSISTENT, PARTLY, PARTLY, NOT_SUPPORTED,
                        NOT_SUPPORTED]  # fmt: skip


def test_relative_tolerance_scales_with_the_number() -> None:
    rule = _about(1, consistent=0.2, partly=0.5)
    assert rule.intervals() == ((0.8, 1.2), (0.5, 1.5))
    negative = _about(-2)
    (lo, hi), _ = negative.intervals()
    assert math.isclose(lo, -2.2) and math.isclose(hi, -1.8)


def test_at_least_reads_thresholds() -> None:
    rule = Rule(relation="at_least", consistent=10, partly=5)
    assert [rule.verdict(v) for v in (13.6, 10.0, 9.9, 5.0, 4.9)] == [
        CONSISTENT, CONSISTENT, PARTLY, PARTLY, NOT_SUPPORTED,
    ]  # fmt: skip
    assert rule.describe() == "consistent ≥ 10; partly ≥ 5; else not supported"


def test_describe_writes_the_intervals() -> None:
    assert _about(30).describe() == "consistent 27 to 33; partly 22.5 to 37.5; else not supported"
    assert Rule(relation="over", number=3).describe().startswith("consistent ≥ 3; partly ≥ 2.25")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"relation": "about"}, "needs the claim's number"),
        ({"relation": "about", "number": 0}, "absolute tolerance"),
        ({"relation": "at_least", "consistent": 10}, "both thresholds"),
        ({"relation": "at_least", "consistent": 5, "partly": 10}, "partly threshold"),
        ({"relation": "at_least", "consistent": 10, "partly": 5, "number": 3}, "not a number"),
        ({"relation": "over", "number": 3, "consistent": 4, "partly": 2}, "not thresholds"),
        ({"relation": "about", "number": 3, "tolerance": {"consistent": 0.3, "partly": 0.1}},
         "must be at least"),
        ({"relation": "about", "number": 3, "tolerance": {"consistent": -0.1}}, "greater than"),
        ({"relation": "roughly", "number": 3}, "Input should be"),
        ({"relation": "about", "number": 3, "tolerence": {}}, "Extra inputs"),
    ],
)  # fmt: skip
def test_malformed_rules_are_rejected(spec: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Rule.model_validate(spec)


def test_a_verdict_needs_a_finite_value() -> None:
    with pytest.raises(ValueError, match="finite"):
        _about(30).verdict(math.nan)


def test_judge_reports_missing_measurements_with_their_reason() -> None:
    missing = Measurement.missing("WIOD 2013", "needs pflab.gvc", period="2011", unit="%")
    assert judge(_about(30), missing) == (NOT_MEASURABLE, "needs pflab.gvc")


def test_judge_explains_and_flags_a_range_that_crosses_an_edge() -> None:
    inside = Measurement(source="s", period="2021", value=30.4, unit="%", shown="30.4 %",
                         low=30.31, high=30.56, range_basis="rounding")  # fmt: skip
    verdict, reason = judge(_about(30), inside)
    assert verdict == CONSISTENT
    assert reason == "30.4 % is in the consistent range (27 to 33)"
    crossing = Measurement(source="s", period="2020", value=22.5, unit="%", shown="22.5 %",
                           low=22.5, high=26.2, range_basis="partial sectors")  # fmt: skip
    verdict, reason = judge(Rule(relation="at_least", consistent=25, partly=15), crossing)
    assert verdict == PARTLY
    assert "outside the consistent range (≥ 25) but in the partly consistent range (≥ 15)" in reason
    assert "partial sectors: 22.5 to 26.2" in reason and "partly consistent / consistent" in reason
