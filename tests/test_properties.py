"""Property-based tests (hypothesis): whatever the input, each stage returns output that keeps
the contract, or raises the project's own clean error. Nothing hangs, nothing else is raised."""

from __future__ import annotations

import json
import math
from importlib import resources

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.base.errors import NoticeError
from extractor.normalise import normalise
from extractor.pipeline import extract_bytes
from extractor.quantities import find_quantities

SCHEMA = jsonschema.Draft202012Validator(
    json.loads(resources.files("extractor.output").joinpath("schema.json").read_text(encoding="utf-8")))

PIECES = ["一、", "（二）", "3.", "4、", "（5）", "①", "一是", "二是", "01", "\n", "\n\n", "。", "，", "；", "：",
          "（", "）", "〔", "〕", "、", "责任单位：", "牵头单位：", "配合单位：", "市教育局", "各县（市、区）政府",
          "新建", "学校", "全年", "不少于", "以上", "左右", "完成年度目标任务的", "分别", "各", "万", "亿", "个",
          "人次", "%", "公里", "元", "百分之", "二十", "六千", "—", "-", "至", "2024年", "12355", "第四",
          "附件", "抄送：", "— 3 —", "\t", " ", "\u3000", "\x00", "\x0c", "\r\n", "𠀀", "٣", "①②③"]
notice_like = st.lists(st.one_of(st.sampled_from(PIECES), st.integers(0, 10**6).map(str),
                                 st.text(min_size=1, max_size=6)), max_size=120).map("".join)
hostile_text = st.one_of(
    st.text(max_size=400),
    notice_like,
    st.integers(1, 3000).map(lambda n: "1" * n + "个"),                       # 1,000-digit numbers
    st.integers(1, 2000).map(lambda n: "（" * n + "新建学校3所" + "）" * (n // 2)),  # unbalanced nesting
    st.integers(1, 3000).map(lambda n: "".join(f"{i}.新建学校{i}所。\n" for i in range(1, n))),  # thousands of items
    st.integers(1000, 100_000).map(lambda n: "新建学校3所，" * (n // 7)),    # 100,000-character lines
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.data_too_large])


@SETTINGS
@given(hostile_text)
def test_normaliser_keeps_its_offset_map(text):
    normalised = normalise(text)
    assert len(normalised.offsets) == len(normalised.text) + 1
    assert all(0 <= offset <= len(text) for offset in normalised.offsets)
    assert all(a < b for a, b in zip(normalised.offsets[:-2], normalised.offsets[1:-1]))


@SETTINGS
@given(hostile_text)
def test_quantity_finder_returns_finite_grounded_values(text):
    for quantity in find_quantities(text):
        assert 0 <= quantity.start <= quantity.number_start < quantity.end <= len(text)
        assert math.isfinite(float(quantity.value))
        if quantity.value_max is not None:
            assert quantity.value_max >= quantity.value


@SETTINGS
@given(st.one_of(hostile_text.map(lambda text: text.encode("utf-8")), st.binary(max_size=600)))
def test_extract_keeps_the_contract_or_fails_cleanly(data):
    try:
        document = extract_bytes(data, "property.txt")
    except NoticeError as error:
        assert str(error).startswith("property.txt: ")
        return
    SCHEMA.validate(document)
    text = normalise(data.decode(document["source"]["encoding"].replace("utf-8-sig", "utf-8-sig"))).text
    for item in document["items"]:
        assert text[item["span"][0]:item["span"][1]] == item["text"]
        for target in item["targets"]:
            assert text[target["span"][0]:target["span"][1]] == target["raw"]
            assert math.isfinite(target["value"])


def test_thousands_of_items():
    """3,000 numbered lines: labels run to three digits, so items 1…999 are read and the rest
    is their text; nothing hangs and the output keeps the contract."""
    text = "".join(f"{number}.新建学校{number}所。\n" for number in range(1, 3001))
    document = extract_bytes(text.encode("utf-8"), "many.txt")
    SCHEMA.validate(document)
    assert [item["id"] for item in document["items"]] == [str(number) for number in range(1, 1000)]
    assert document["items"][998]["targets"][0]["value"] == 999
