"""Layout repair with an offset map back to the raw text."""

from __future__ import annotations

import pytest

from extractor.normalise import normalise
from extractor.normalise.characters import CHARACTER_MAP as _CHARACTER_MAP

CASES = [
    # (raw, normalised) — column text broken mid-word and mid-number
    ("新建、改建\n2000个以上零工驿站", "新建、改建2000个以上零工驿站"),
    ("4个市级和50\n个县级零工市场。", "4个市级和50个县级零工市场。"),
    # a page break inside a sentence, with a page number between
    ("3. 提高补助至6000元，加大卫生\n\n— 3 —\n\n健康知识普及力度。", "3.提高补助至6000元，加大卫生健康知识普及力度。"),
    ("3. 全年组织不少于270场次科普、团辅活\n\n动，实现超过1000人次。", "3.全年组织不少于270场次科普、团辅活动，实现超过1000人次。"),
    # spaces inside numbers and between number and unit
    ("组织不少于 3万名大学生，272.81 万人", "组织不少于3万名大学生，272.81万人"),
    ("全 年 新 建 、改 建 农 村 公 路", "全年新建、改建农村公路"),
    # full-width digits and percent, half-width punctuation from web pages
    ("覆盖率达到６５％", "覆盖率达到65%"),
    ("(一)稳就业:新增1,200人,完成率50%", "（一）稳就业：新增1,200人，完成率50%"),
    # a numbered heading stays apart from its body; a bare year in a graphic stays alone
    ("一、开展职业技能培训\n\n持续推进技能河南建设。", "一、开展职业技能培训\n持续推进技能河南建设。"),
    ("2024\n10项民生实事扩容上新\n2025", "2024\n10项民生实事扩容上新\n2025"),
    ("1 提升就业服务保障能力\n这是第四年。", "1 提升就业服务保障能力\n这是第四年。"),
    # Kangxi radicals from PDF fonts read as the ideographs they stand for
    ("⼀、开展职业技能培训\n全年培训⼗万⼈次。", "一、开展职业技能培训\n全年培训十万人次。"),
    # a byline at the end of a report
    ("完成线上咨询1万人次以上。 记者 侯爱敏", "完成线上咨询1万人次以上。"),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_repairs(raw, expected):
    assert normalise(raw).text == expected


@pytest.mark.parametrize("raw, expected", CASES)
def test_offsets_point_back_to_the_same_characters(raw, expected):
    normalised = normalise(raw)
    assert len(normalised.offsets) == len(normalised.text) + 1
    for index, character in enumerate(normalised.text):
        source = raw[normalised.offsets[index]]
        if character == "\n":
            assert source == "\n"
        elif source.isascii() and source.isalnum():
            assert source == character
        else:
            mapped = _CHARACTER_MAP.get(source, source)
            assert character in (source, mapped) or character in "（）：；，。%.-/！？ \t"


def test_running_heads_repeated_on_every_page_are_dropped():
    page = "某某市人民政府公报\n一、任务{n}\n新建学校{n}所。\n"
    raw = "".join(page.format(n=n) for n in range(1, 5))
    assert "公报" not in normalise(raw).text


def test_raw_span_maps_back():
    raw = "全 年培训\n7300人以上。"
    normalised = normalise(raw)
    start = normalised.text.index("7300")
    raw_start, raw_end = normalised.raw_span(start, start + 7)
    assert raw[raw_start:raw_end] == "7300人以上"


def test_a_word_end_cut_by_a_fixed_width_wrap_under_every_item_is_no_running_head():
    """055 wrapped at 22 columns cut 各区县（市）人民|政府 under three items: the three 政府 lines
    were dropped as a running head, and the units lost their last word."""
    item = "{n}、建设任务{n}\n新建口袋公园50个。\n责任单位：市住房城乡建设局，各区县（市）人民\n政府\n"
    raw = "".join(item.format(n=n) for n in "一二三四")
    assert normalise(raw).text.count("各区县（市）人民政府") == 4


def test_a_label_cut_from_its_words_by_the_line_end_runs_on():
    # An OCR'd news column: …剂次。(9) ends a line, its task on the next (the 9th item lost its title).
    from extractor.normalise import normalise

    text = normalise("关于民生实事的通知\n(8)为老年人免费接种流感疫苗4万剂次。(9)\n完成农村污水处理设施改造100座。\n").text
    assert text.splitlines()[1] == "（8）为老年人免费接种流感疫苗4万剂次。（9）完成农村污水处理设施改造100座。"
    kept = normalise("关于民生实事的通知\n(8)为老年人免费接种流感疫苗4万剂次。\n(9)完成农村污水处理设施改造100座。\n").text
    assert len(kept.splitlines()) == 3
