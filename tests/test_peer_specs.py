"""Number test suites of other projects, read from ../shared/peer-specs at test time (never
copied here), mapped to the contract's terms by tests/peer_specs.py: every case in scope must be
read right. A case the contract leaves out (ordinals, ages, temperatures, the determiner 一) is
skipped with that reason, so the count shows; any other case out of our scope is read like the
rest, and those we do not read today are listed with their reason in peer_spec_known_failures.toml
and run as strict xfail, so that a fix shows up as a case to promote."""

from __future__ import annotations

import collections
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.normalise import normalise
from extractor.quantities import find_quantities

from .peer_specs import CONVERSIONS, SPECS, all_cases

pytestmark = pytest.mark.skipif(not SPECS.is_dir(), reason="../shared/peer-specs is not beside the checkout")

CASES = all_cases() if SPECS.is_dir() else []
KNOWN_FAILURES = {case["id"]: case["reason"] for case in tomllib.loads(
    (Path(__file__).parent / "peer_spec_known_failures.toml").read_text(encoding="utf-8"))["case"]}
_CONTRACT = ("ordinal", "age", "the determiner 一", "temperature")


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


def _param(case):
    key = f"{case.suite}: {case.id}"
    if key in KNOWN_FAILURES:
        return pytest.param(case, id=key, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[key]))
    return pytest.param(case, id=key)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_peer_case(case):
    if case.out_of_scope and any(word in case.out_of_scope for word in _CONTRACT):
        pytest.skip(f"out of the contract's scope: {case.out_of_scope}")
    value, value_max, unit = read(case)
    assert value == case.value
    if case.value_max is not None:
        assert value_max == case.value_max
    if case.unit is not None:
        assert unit == case.unit


def test_every_known_failure_is_a_case_out_of_scope():
    """The list holds cases out of scope only: an in-scope case must pass, never be listed."""
    out_of_scope = {f"{case.suite}: {case.id}" for case in CASES if case.out_of_scope}
    assert set(KNOWN_FAILURES) <= out_of_scope


def test_most_of_each_number_suite_is_in_scope():
    """Scoping must not empty a suite: the numeral suites are the finder's own business."""
    totals = collections.Counter(case.suite for case in CASES)
    in_scope = collections.Counter(case.suite for case in CASES if not case.out_of_scope)
    for suite in ("recognizers-text Number", "recognizers-text Percent", "duckling Numeral", "cn2an strict",
                  "cn2an normal", "cn2an smart"):
        assert in_scope[suite] >= 0.6 * totals[suite], (suite, in_scope[suite], totals[suite])
