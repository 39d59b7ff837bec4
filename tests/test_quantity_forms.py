"""Forms notices use that the quantity finder misread or missed (the quantities issue): each
sentence with the one quantity it must yield (value, upper bound, unit, comparator), or none
where a value cannot be read with confidence — nothing is better than a wrong number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.quantities import find_quantities

FORMS = [
    # 余/多 before the magnitude
    ("投入资金500余万元", "5000000", None, "元", ">"),
    ("惠及1000多万人", "10000000", None, "人", ">"),
    ("改造二十余万户", "200000", None, "户", ">"),
    # Chinese decimals outside 百分之
    ("提高零点五个百分点", "0.5", None, "百分点", "="),
    ("新建绿道十五点七公里", "15.7", None, "公里", "="),
    # signs
    ("同比增长-3.2%", "-3.2", None, "%", "="),
    ("下降负0.2个百分点", "-0.2", None, "百分点", "="),
    # 千分之, ‰, 百分之 with Arabic digits, 百分之百
    ("孕产妇死亡率控制在千分之三以内", "3", None, "‰", "<="),
    ("婴儿死亡率低于5‰", "5", None, "‰", "<="),
    ("覆盖率达到百分之22", "22", None, "%", ">="),
    ("实现百分之百覆盖", "100", None, "%", "="),
    # ranges that open with a Chinese numeral, and no descending range
    ("每村配备一至两名网格员", "1", "2", "名", "between"),
    # mixed notation, full-width thousands comma
    ("新增就业3万4000人", "34000", None, "人", "="),
    ("投入2千零30万元", "20300000", None, "元", "="),
    ("培训4，565人次", "4565", None, "人次", "="),
    # long Chinese numerals
    ("募集一亿一千一百一十一万一千一百一十一元", "111111111", None, "元", "="),
    # a numeral that ends where its unit starts
    ("新增装机一百千瓦", "100", None, "千瓦", "="),
    # qualifiers with 有 and 了
    ("至少有300人参加", "300", None, "人", ">="),
    ("参训人数超过了5000人", "5000", None, "人", ">"),
    # money written 人民币
    ("投资1000万人民币", "10000000", None, "人民币", "="),
    # measure words
    ("发放大米500克", "500", None, "克", "="),
    ("发放大米10千克", "10", None, "千克", "="),
    ("节约用电2万度", "20000", None, "度", "="),
    ("发放食用油5斤", "5", None, "斤", "="),
    ("降雨量达到300厘米", "300", None, "厘米", ">="),
    ("满意度九成以上", "90", None, "%", ">="),
    # A share written as a fraction (issue 23): the value to ten significant digits, no unit.
    ("减少三分之一", "0.3333333333", None, "", "="),
    ("占比16分之5", "0.3125", None, "", "="),
]


@pytest.mark.parametrize("text, value, value_max, unit, comparator", FORMS, ids=[form[0] for form in FORMS])
def test_form_yields_its_quantity(text, value, value_max, unit, comparator):
    found = find_quantities(text)
    assert len(found) == 1, [(q.value, q.unit) for q in found]
    quantity = found[0]
    assert quantity.value == Decimal(value)
    assert quantity.value_max == (Decimal(value_max) if value_max else None)
    assert (quantity.unit, quantity.comparator) == (unit, comparator)




@pytest.mark.parametrize("text", ["五到三个", "三分之五"])
def test_no_number_rather_than_a_wrong_one(text):
    assert find_quantities(text) == []
