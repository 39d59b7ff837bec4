"""Lead-ins and run-in structure in the text of a notice (not its tables): a lead-in that counts a
group of the tasks (已建成投用5项：, 有3个项目进展较快，…其中：A；B；C。) adds a level over its list;
a run-in list in one paragraph may start high and skip numbers; 一是/二是 inside a labelled paragraph
are its sub-items. Every text here is made up in the form of real notices."""

from __future__ import annotations

from extractor.pipeline import extract_bytes


def _extract(text: str) -> dict:
    return extract_bytes(text.encode("utf-8"), "case.txt")


def _outline(document: dict) -> list[tuple]:
    return [(item["section"], item["path"], item["title"]) for item in document["items"]]


# A lead-in with a count over a list adds a level.

STATUS_GROUPS_OVER_NUMBERED_LISTS = """某区2023年民生实事项目进展情况
截至12月底，区政府民生实事项目进展顺利，现将完成情况公布如下。
已建成投用2项：
1.新建社区公园项目。
该项目计划投资300万元，建成社区公园2个，已投入使用。
2.改造农贸市场项目。
该项目计划投资500万元，改造农贸市场3个，已完成投资500万元。
正在推进2项：
1.城区停车场建设项目。
该项目计划投资800万元，已完成投资600万元。
2.污水管网改造项目。
计划改造污水管网12公里，已完成8公里。
"""


def test_status_lead_ins_over_numbered_lists_are_a_level():
    document = _extract(STATUS_GROUPS_OVER_NUMBERED_LISTS)
    assert _outline(document) == [(1, [1, 1], "已建成投用2项"), (1, [1, 2], "已建成投用2项"),
                                  (1, [2, 1], "正在推进2项"), (1, [2, 2], "正在推进2项")]
    assert [target["value"] for target in document["items"][3]["targets"]] == [12, 8]


STATUS_GROUPS_OVER_SEMICOLON_LISTS = (
    "今年以来，县政府多次召开专题会议推进民生实事。1-6月份，全县15个民生实事项目累计完成投资3.2亿元。\n"
    "全县15个民生实事项目中，有3个项目进展较快，超过序时进度。其中：城区供水改造工程完成投资1200万元，占年度计划95%；"
    "乡村道路硬化工程完成投资800万元，占年度计划90%；敬老院改造工程完成投资300万元，已完成年度投资计划。"
    "有2个项目基本达到序时进度。其中：文化广场建设完成投资500万元，占年度计划70%；农贸市场改造完成投资260万元，占年度计划68%。"
    "有2个项目推进较慢，具体情况如下：\n"
    "1、城东污水处理厂工程。该项目年度计划投资1亿元，目前仅完成投资1500万元，占年度计划15%。\n"
    "2、县医院门诊楼工程。该项目年度计划投资8000万元，目前完成投资2000万元，占年度计划25%。\n")


def test_counted_lead_ins_over_semicolon_lists_and_a_numbered_list_are_one_level():
    document = _extract(STATUS_GROUPS_OVER_SEMICOLON_LISTS)
    assert _outline(document) == [
        (1, [1, 1], "有3个项目进展较快"), (1, [1, 2], "有3个项目进展较快"), (1, [1, 3], "有3个项目进展较快"),
        (1, [2, 1], "有2个项目基本达到序时进度"), (1, [2, 2], "有2个项目基本达到序时进度"),
        (1, [3, 1], "有2个项目推进较慢"), (1, [3, 2], "有2个项目推进较慢")]
    assert [target["value"] for target in document["items"][0]["targets"]] == [12000000, 95]
    assert [target["value"] for target in document["items"][2]["targets"]] == [3000000]


def test_counted_lead_ins_over_semicolon_lists_without_numbers_are_a_level():
    document = _extract("今年以来，全镇8个民生实事项目进展顺利。\n有3个项目已全面完工。其中：村道硬化完成12公里；"
                        "新建公厕6座；改造路灯300盏。有2个项目正在施工，其中：敬老院改造完成投资60万元；文化广场建设完成主体工程。")
    assert _outline(document) == [(1, [1, 1], "有3个项目已全面完工"), (1, [1, 2], "有3个项目已全面完工"),
                                  (1, [1, 3], "有3个项目已全面完工"), (1, [2, 1], "有2个项目正在施工"),
                                  (1, [2, 2], "有2个项目正在施工")]


def test_a_notice_announcing_its_list_adds_no_level():
    document = _extract("某县人民政府关于做好2024年民生实事工作的通知\n各乡镇人民政府，县直各单位：\n"
                        "为切实办好民生实事，现将有关事项通知如下：\n1.新建幼儿园3所。\n2.改造老旧小区20个。\n"
                        "3.新增城镇就业3000人。\n")
    assert [item["path"] for item in document["items"]] == [[1], [2], [3]]


def test_the_list_of_the_whole_programme_adds_no_level():
    document = _extract("县人大代表投票选出10件民生实事。按照得票多少，确定以下3项为县政府2024年度民生实事项目：\n"
                        "1新建城区公厕12座；\n2建设5所普惠性幼儿园；\n3实施老旧小区改造工程。\n")
    assert [item["path"] for item in document["items"]] == [[1], [2], [3]]


def test_one_lead_in_with_a_count_but_no_status_adds_no_level():
    document = _extract("今年我县共安排民生实事10项：\n1.新建幼儿园3所。\n2.改造老旧小区20个。\n3.新增城镇就业3000人。\n")
    assert [item["path"] for item in document["items"]] == [[1], [2], [3]]


def test_a_semicolon_list_whose_count_differs_from_the_lead_in_is_no_group():
    document = _extract("今年全县30项民生实事进展顺利。\n其中超额完成任务的已有5项：新建公园完成2个，完成率200%；"
                        "康复救助完成253名，完成率101%；托养服务完成242人，完成率102%。")
    assert all(len(item["path"]) == 1 for item in document["items"])


def test_counted_lead_in_examples():
    from extractor.base import patterns
    from extractor.outline.lead_ins import counted_clause

    entry = patterns.load("layout")["counted_lead_in"]
    for text in entry["examples"]:
        assert counted_clause(text) is not None, text
    for text in entry["counter_examples"]:
        assert counted_clause(text) is None, text


# A run-in list in one paragraph that starts high and skips numbers, under a lead-in naming its unit.

RUN_IN_LIST_STARTING_HIGH = (
    "关于开展2025年为民办实事项目公众评议活动的通知\n"
    "评议方式\n即日起至3月31日，市民可通过两种方式参与评议。①网上评议：登录市政府网站参加评议。"
    "②现场评议：在各级便民服务中心扫码参加评议。本次评议活动中，市住房和建设局牵头主办的为民办实事项目如下："
    "12.改造老旧小区40个；13.新建保障性住房1500套；14.新增停车泊位3000个；21.建设口袋公园15个；22.改造城市道路8条。\n")


def test_a_run_in_list_that_starts_high_and_skips_numbers_keeps_its_numbers_and_its_lead_ins_unit():
    document = _extract(RUN_IN_LIST_STARTING_HIGH)
    assert [(item["path"], item["title"]) for item in document["items"]] == [
        ([12], "改造老旧小区40个"), ([13], "新建保障性住房1500套"), ([14], "新增停车泊位3000个"),
        ([21], "建设口袋公园15个"), ([22], "改造城市道路8条")]
    assert all(item["responsible_units"] == ["市住房和建设局"] for item in document["items"])


def test_a_number_after_a_semicolon_in_a_list_counting_on_is_no_label():
    document = _extract("今年重点办好以下实事：\n1.新建学校3所，其中：小学2所；初中1所。\n2.改造道路5条；新建公园2个。\n"
                        "3.新增停车位800个。\n")
    assert [item["path"] for item in document["items"]] == [[1], [2], [3]]


def test_unit_lead_in_examples():
    from extractor.base import patterns
    from extractor.outline.items import _lead_in_units

    entry = patterns.load("layout")["unit_lead_in"]
    for text in entry["examples"]:
        assert _lead_in_units(text, (0, len(text))), text
    for text in entry["counter_examples"]:
        assert not _lead_in_units(text, (0, len(text))), text


# 一是/二是 inside a labelled paragraph are its sub-items.

def test_inline_ordinals_inside_a_labelled_paragraph_are_its_sub_items():
    document = _extract("一、推进食品安全建设\n（一）加强食品安全监管，开展专项治理行动12次。\n"
                        "（二）推进示范创建。一是新增认证绿色食品100个以上；二是创建食品安全示范县5个。\n"
                        "二、改善农村人居环境\n新建农村公厕300座。\n")
    assert _outline(document) == [(1, [1, 1], "推进食品安全建设"), (1, [1, 2, 1], "推进示范创建"),
                                  (1, [1, 2, 2], "推进示范创建"), (1, [2], "改善农村人居环境")]
    assert [target["value"] for target in document["items"][1]["targets"]] == [100]
    assert [target["value"] for target in document["items"][2]["targets"]] == [5]


def test_a_single_是_inside_a_labelled_paragraph_splits_nothing():
    document = _extract("1.新建幼儿园3所，一是缓解入园难。\n2.改造老旧小区20个。\n")
    assert [item["path"] for item in document["items"]] == [[1], [2]]


def test_a_parents_heading_with_a_comma_stays_whole():
    document = _extract("一、稳就业、促增收，提升群众幸福感\n1.新增城镇就业3000人。\n2.培训农民工1200人次。\n"
                        "二、治理餐桌污染，建设食品放心工程工作计划：（一）新增认证绿色食品100个。（二）创建示范县5个。\n")
    assert _outline(document) == [(1, [1, 1], "稳就业、促增收，提升群众幸福感"), (1, [1, 2], "稳就业、促增收，提升群众幸福感"),
                                  (1, [2, 1], "治理餐桌污染，建设食品放心工程"), (1, [2, 2], "治理餐桌污染，建设食品放心工程")]


def test_the_unit_note_closing_a_paragraph_of_inline_sub_items_is_theirs_all():
    document = _extract("三、提升医疗服务。一是新建社区卫生服务中心3个；二是培训乡村医生500人。（责任单位：县卫健委）")
    assert [(item["path"], item["responsible_units"]) for item in document["items"]] == [
        ([3, 1], ["县卫健委"]), ([3, 2], ["县卫健委"])]


# Narrative report paragraphs give one item each.

def test_a_semicolon_list_short_of_its_lead_ins_count_leaves_the_paragraphs_as_items():
    document = _extract("某县9月份民生工程进展情况\n"
                        "2025年全县20项民生实事中，截至9月底已完成12项。剩余8项中，5个农村幸福院建设已完成3个（60%），"
                        "40条农村道路硬化已完成32条（80%），2个公共文化空间建设已完成1个（50%）。\n"
                        "其中超额完成任务的已有6项：零工驿站建设完成2个，完成率200%；康复救助253名，完成率101%；"
                        "托养服务242人，完成率102%。已帮扶困难退役军人431人，完成率147.6%。资助困难学生1871名，完成率115%。"
                        "新增充电端口630个，完成率286%。\n")
    assert [(item["path"], item["title"]) for item in document["items"]] == [
        ([1], "2025年全县20项民生实事中"), ([2], "其中超额完成任务的已有6项：零工驿站建设完成2个")]
    assert [target["value"] for target in document["items"][1]["targets"]][-2:] == [630, 286]


def test_sub_items_after_a_heading_run_into_its_plan_word_keep_their_levels():
    document = _extract("一、治理餐桌污染，建设食品放心工程工作计划：（一）加强食品安全监管，开展专项治理12次。"
                        "（二）推进示范创建。一是新增认证绿色食品100个以上；二是创建食品安全示范县5个。\n")
    assert _outline(document) == [(1, [1, 1], "治理餐桌污染，建设食品放心工程"), (1, [1, 2, 1], "推进示范创建"),
                                  (1, [1, 2, 2], "推进示范创建")]


# Headings numbered with a bare numeral and no 、, in sequence across paragraphs, a photo caption
# glued on after a space.

BARE_NUMERAL_HEADINGS = """2023年十件民生实事完成情况
编者按：一年来，市委市政府高度重视民生实事，各级相关部门通力合作，现将完成情况公布如下。
一实施学位扩容行动 市第一中学新校区
全年项目资金支出3.2亿元，完成年初计划的108%。新建学校6所，新增学位8000个。
二实施停车设施建设行动 城南停车场
全年新建停车场12个，新增停车位6000个，“停车难”问题得到缓解。
三实施医疗保障提升行动 市医保局开展义诊活动
全年项目资金支出5.1亿元。一是财政补助标准从每人每年580元提高到610元。二是资助困难群众参保2.1万人次。
四
"""


def test_bare_numeral_headings_in_sequence_are_items_and_their_captions_no_title():
    document = _extract(BARE_NUMERAL_HEADINGS)
    assert _outline(document) == [(1, [1], "实施学位扩容行动"), (1, [2], "实施停车设施建设行动"),
                                  (1, [3, 1], "实施医疗保障提升行动"), (1, [3, 2], "实施医疗保障提升行动")]
    assert [target["value"] for target in document["items"][1]["targets"]] == [12, 6000]


def test_a_paragraph_opening_with_一_out_of_sequence_is_no_heading():
    document = _extract("某县民生实事进展\n一批重点项目加快推进，新建学校3所。\n二手房交易平台上线运行。\n"
                        "1.新建公园2个。\n2.改造道路5条。\n")
    assert [item["path"] for item in document["items"]] == [[1], [2]]


def test_bare_numeral_examples():
    from extractor.base import labels, patterns

    entry = patterns.load("headings")["bare_numeral"]
    for text in entry["examples"]:
        assert patterns.match(entry["regex"], text), text
    for text in entry["counter_examples"]:
        assert not patterns.match(entry["regex"], text), text
    assert labels.bare_numeral_headings(["一开展学位扩容行动", "正文。", "二实施停车行动", "三实施医保行动"]) == {
        0: (1, 1), 2: (2, 1), 3: (3, 1)}
    assert labels.bare_numeral_headings(["一开展学位扩容行动", "二实施停车行动"]) == {}  # two are no sequence
    assert labels.bare_numeral_headings(["一开展行动，新建学校3所", "二实施停车行动", "三实施医保行动"]) == {}
