"""Number test suites of other projects, read from ../shared/peer-specs at test time (never
copied here), mapped to the contract's terms by tests/peer_specs.py: every case in scope must be
read right; a case out of scope is skipped with the contract's reason, so the count shows."""

from __future__ import annotations

import collections
from decimal import Decimal

import pytest

from extractor.normalise import normalise
from extractor.quantities import find_quantities

from .peer_specs import CONVERSIONS, SPECS, all_cases

pytestmark = pytest.mark.skipif(not SPECS.is_dir(), reason="../shared/peer-specs is not beside the checkout")

CASES = all_cases() if SPECS.is_dir() else []


def read(case) -> tuple[Decimal | None, Decimal | None, str | None]:
    """What the quantity finder reads in a probe, on normalised text as the pipeline gives it,
    converted to the suite's unit where the suite has one (grams, cents, metres)."""
    found = find_quantities(normalise(case.probe).text)
    if len(found) != 1:
        return None, None, None
    quantity = found[0]
    value = quantity.value
    if case.convert:
        factor = CONVERSIONS.get(case.convert, {}).get(quantity.unit)
        if factor is None:
            return None, None, quantity.unit
        value *= Decimal(factor)
    return value, quantity.value_max, quantity.unit


@pytest.mark.parametrize("case", CASES, ids=[f"{case.suite}: {case.id}" for case in CASES])
def test_peer_case(case):
    if case.out_of_scope:
        pytest.skip(f"out of scope: {case.out_of_scope}")
    value, value_max, unit = read(case)
    assert value == case.value
    if case.value_max is not None:
        assert value_max == case.value_max
    if case.unit is not None:
        assert unit == case.unit


def test_most_of_each_number_suite_is_in_scope():
    """Scoping must not empty a suite: the numeral suites are the finder's own business."""
    totals = collections.Counter(case.suite for case in CASES)
    in_scope = collections.Counter(case.suite for case in CASES if not case.out_of_scope)
    for suite in ("recognizers-text Number", "recognizers-text Percent", "duckling Numeral", "cn2an strict",
                  "cn2an normal", "cn2an smart"):
        assert in_scope[suite] >= 0.6 * totals[suite], (suite, in_scope[suite], totals[suite])
