"""Quantity forms met in real notices (each a case of our own, written the way those notices write it)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.quantities import find_quantities


def _read(text: str) -> list[tuple]:
    return [(quantity.value, quantity.value_max, quantity.unit, quantity.comparator) for quantity in find_quantities(text)]


@pytest.mark.parametrize("text, expected", [
    # two figures of one unit joined by a range joiner are one range, never a negative second figure
    ("农宅空置率30%-50%的村开展治理", [(30, 50, "%", "between")]),
    ("补助标准3万元—5万元", [(30000, 50000, "元", "between")]),
    ("同比增长-3.2%", [(Decimal("-3.2"), None, "%", "=")]),
    ("增速由5%-3%回落", [(5, None, "%", "="), (-3, None, "%", "=")]),  # downwards: no range
    # currencies other than the yuan keep their name
    ("实际利用外资2.25亿美元", [(225000000, None, "美元", "=")]),
    # compound and colloquial units
    ("服务企业2万家次", [(20000, None, "家次", "=")]),
    ("改造老旧小区9860平米", [(9860, None, "平米", "=")]),
    # a project's size class is no amount of the task; the count of projects is
    ("引进10亿元以上项目8个", [(8, None, "个", "=")]),
    ("完成投资10亿元以上", [(1000000000, None, "元", ">=")]),
    # a share written as a fraction: the value to ten significant digits, no unit
    ("三分之一以上的行政村建成示范村", [("0.3333333333", None, "", ">=")]),
    ("十分之三的社区", [("0.3", None, "", "=")]),
    ("百分之三十", [(30, None, "%", "=")]),
    ("三分之五", []),
])
def test_real_notice_quantity_forms(text, expected):
    assert _read(text) == [(Decimal(value), None if maximum is None else Decimal(maximum), unit, comparator)
                           for value, maximum, unit, comparator in expected]
