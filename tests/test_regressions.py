"""One test per wrong extraction found, written before its fix."""

from __future__ import annotations

import pytest

from extractor.base.errors import NoticeError
from extractor.normalise import normalise
from extractor.pipeline import extract_bytes


def _extract(text: str) -> dict:
    return extract_bytes(text.encode("utf-8"), "case.txt")


def test_heading_not_glued_to_body_when_words_merely_meet():
    # 更新改造 is a word of its own, but 推进城市更新 and 改造… are both whole.
    assert normalise("三、推进城市更新\n改造城镇老旧小区126个。").text == "三、推进城市更新\n改造城镇老旧小区126个。"


def test_sentence_after_inline_ordinal_is_no_heading():
    document = _extract("十件实事：一是新建学校3所；二是完成农村户厕改造5000户。\n据了解，这是第三年。")
    assert [item["text"] for item in document["items"]] == ["新建学校3所；", "完成农村户厕改造5000户。"]


def test_signature_is_not_the_last_items_body():
    document = _extract("1. 新建全民健身场地12个。（责任单位：县文旅局）\n2. 新建公厕20座。（责任单位：县农业局）\n"
                        "某某县人民政府办公室\n2024年2月26日")
    assert document["items"][-1]["text"] == "新建公厕20座。"
    assert document["items"][-1]["responsible_units"] == ["县农业局"]


def test_colophon_units_are_not_the_last_items():
    document = _extract("一、新建学校\n新建学校3所。\n责任单位：市教育局\n二、新建公园\n新建公园2个。\n责任单位：市住建局\n"
                        "主办：市政府督查局\n抄送：市委办公室。\n某某市人民政府办公室\n2024年4月12日印发")
    assert document["items"][-1]["responsible_units"] == ["市住建局"]


def test_inline_heading_needs_to_be_short_and_without_numbers():
    document = _extract("8. 为困难残疾人提供康复服务不少于600人。（责任单位：县残联）\n9. 新增泊位1000个。（责任单位：县公安局）")
    assert document["items"][0]["text"] == "为困难残疾人提供康复服务不少于600人。"


def test_truncated_table_row_does_not_crash():
    text = "某某市民生实事任务分解表\n序号\n项目名称\n主要内容\n牵头单位\n配合单位\n1\n新建学校\n新建学校3所。\n市教育局\n2"
    document = _extract(text)
    assert [item["id"] for item in document["items"]] == ["1"]


def test_group_responsibility_line_after_sub_items_applies_to_all():
    document = _extract("（一）扩大教育资源\n1. 新建学校12所。\n2. 招聘教师500名。\n责任单位：市教育局\n（二）促进就业\n"
                        "1. 新增就业4万人。\n2. 新建零工市场8个。\n责任单位：市人社局")
    assert [item["responsible_units"] for item in document["items"]] == [["市教育局"]] * 2 + [["市人社局"]] * 2


@pytest.mark.parametrize("text", ["各单位要高度重视。", "关于做好工作的通知\n请认真落实。"])
def test_no_items_is_a_clean_error(text):
    with pytest.raises(NoticeError, match="no numbered task items"):
        _extract(text)


def test_number_glued_to_its_label_is_the_item_number():
    document = _extract("1.新建学校3所。\n2.50个小区完成改造。")
    assert [item["id"] for item in document["items"]] == ["1", "2"]
    assert [(t["value"], t["unit"]) for t in document["items"][1]["targets"]] == [(50, "个")]


def test_sub_items_in_a_table_cell_are_not_items():
    text = ("序号\t项目名称\t主要内容\t牵头单位\n"
            "1\t养老服务\t1.新建养老院2所；2.新增床位300张\t市民政局\n"
            "2\t托育服务\t新增托位500个\t市卫健委\n")
    document = _extract(text)
    assert [item["id"] for item in document["items"]] == ["1", "2"]
    assert [t["value"] for t in document["items"][0]["targets"]] == [2, 300]


def test_unit_cell_with_bracketed_qualifier_is_a_unit():
    text = ("某县民生实事任务分解表\n序号\n民生实事项目\n目标任务\n牵头单位\n责任单位\n"
            "1\n职业技能培训\n全年培训3000人次。\n县人社局\n各乡镇（街道）\n")
    (item,) = _extract(text)["items"]
    assert item["responsible_units"] == ["县人社局", "各乡镇（街道）"]
    assert item["text"] == "全年培训3000人次。"


def test_inline_ordinal_is_no_part_of_the_metric():
    document = _extract("三、提升医疗服务。一是新建社区卫生服务中心3个；二是培训乡村医生500人。（责任单位：县卫健委）")
    # 一是… inside a labelled paragraph are its sub-items [3,1], [3,2] (real-notice conventions, h19)
    assert [t["metric"] for item in document["items"] for t in item["targets"]] == ["新建社区卫生服务中心", "培训乡村医生"]


def test_signing_date_in_chinese_numerals():
    document = _extract("某县人民政府办公室关于印发民生实事的通知\n一、新建学校3所。\n某县人民政府办公室\n二〇二四年三月二十日")
    assert document["document"]["date"] == "2024-03-20"
    assert document["document"]["issuer"] == "某县人民政府办公室"


def test_titles_lose_counts_and_unit_brackets():
    document = _extract("一、就业创业（2项）\n1.新增城镇就业3万人。\n2.新建零工驿站10个。\n"
                        "二、新建城市公园（市城管局）\n全年新建城市公园5个。")
    assert [item["title"] for item in document["items"]] == ["就业创业", "就业创业", "新建城市公园"]
    assert document["items"][2]["responsible_units"] == ["市城管局"]
    assert document["items"][2]["text"] == "全年新建城市公园5个。"


def test_safeguards_section_holds_no_tasks_even_with_amounts():
    document = _extract("一、主要任务\n（一）新建学校3所。\n（二）新增学位1000个。\n"
                        "二、保障措施\n（一）加强组织领导。成立工作专班。\n（二）强化资金保障。市财政安排资金5000万元。")
    assert [item["id"] for item in document["items"]] == ["1.1", "1.2"]


def test_a_thousands_comma_does_not_end_a_one_sentence_title():
    # ２，５００人 (full-width, as traditional-character pages write it) cut the title at 新增城镇就业2.
    document = _extract("一、新增城鎮就業２，５００人以上，城鎮登記失業率控制在３．５％以內。\n二、新建公廁２０座。")
    assert document["items"][0]["title"] == "新增城镇就业2，500人以上"
    assert document["items"][0]["targets"][0]["value"] == 2500


def test_a_pages_meta_run_on_one_line_leaves_the_headline_alone():
    document = _extract("【民生实事】我市今年将办好这些实事 来源：市政府网站 发布时间：2025-02-20 浏览次数：1024 字号：大 中 小\n"
                        "市政府近日印发通知。一是稳就业，全年城镇新增就业3.5万人；二是办教育，新增学位2700个。")
    assert document["document"]["title"] == "我市今年将办好这些实事"  # without the site's column tag
    assert document["document"]["date"] is None  # 发布时间 is when the page went up


def test_a_reported_cell_that_names_nothing_counts_what_its_target_counts():
    # 完成68公里 under 1-6月完成情况 took the item's title as its metric, not its target's.
    document = _extract("序号|项目名称|年度目标任务|1-6月完成情况|责任单位\n"
                        "1|城市燃气管道老化更新改造|改造燃气管道120公里|完成68公里|市住建局\n"
                        "2|困难群众救助|发放救助资金1.2亿元|已发放6800万元|市民政局\n")
    assert [(target["metric"], target["role"]) for target in document["items"][0]["targets"]] == [
        ("改造燃气管道", "target"), ("改造燃气管道", "actual")]


def test_a_group_row_with_its_numeral_in_the_number_column_is_no_task():
    # 一 | 教育类 | | | split the table into three sections, 教育类 an item of its own.
    document = _extract("序号\t实事项目\t主要内容\t完成时限\t责任单位\n一\t教育类\t\t\t\n"
                        "1\t新建学校\t新建九年一贯制学校1所，新增学位1800个\t2025年9月\t区教育局\n"
                        "2\t托育服务\t新增托位400个\t2025年12月\t区卫健委\n二\t民生保障类\t\t\t\n"
                        "3\t养老助餐\t新建助餐点30个\t2025年10月\t区民政局\n")
    # The group rows are levels of the numbering, the rows' numbers run on under them: [1,1] [1,2] [2,3]
    # in one section, titled with their group (CONVENTIONS.md: h22, h86, h105).
    assert [(item["section"], item["id"], item["title"]) for item in document["items"]] == [
        (1, "1.1", "教育类"), (1, "1.2", "教育类"), (1, "2.3", "民生保障类")]


def test_chinese_numeral_with_a_dot_heads_a_group_and_numbering_runs_on_across_groups():
    # 二.医疗卫生 read as a sentence glued to the unit above it (县教育局二。医疗卫生), and 3. 4. under
    # 二、 (numbered on from 一's 1. 2.) were read as the body of 二.
    document = _extract("XX县2025年民生实事项目\n一.教育民生\n1.新改扩建公办幼儿园3所。牵头单位：县教育局\n"
                        "2.实施校园食堂提升改造15所。牵头单位：县教育局\n二.医疗卫生\n"
                        "3.为全县适龄儿童免费窝沟封闭6000人。牵头单位：县卫健委\n4.建设村卫生室20个。牵头单位：县卫健委\n")
    assert [(item["id"], item["title"], item["responsible_units"]) for item in document["items"]] == [
        ("1.1", "教育民生", ["县教育局"]), ("1.2", "教育民生", ["县教育局"]),
        ("2.3", "医疗卫生", ["县卫健委"]), ("2.4", "医疗卫生", ["县卫健委"])]


def test_a_progress_table_with_a_cumulative_column_reads_as_rows_and_reports():
    # 累计完成 named no column: the header and rows (one space between cells) were glued to the title.
    document = _extract("2025年市级民生实事进展情况一览表\n序号 项目 单位 年度目标 累计完成 完成率 责任单位\n"
                        "1 新建改建农村公路 公里 300 245 81.7% 市交通局\n2 新增城镇就业 万人 3.2 2.9 90.6% 市人社局\n")
    assert document["document"]["title"] == "2025年市级民生实事进展情况一览表"
    assert [(target["value"], target["unit"], target["role"]) for target in document["items"][1]["targets"]] == [
        (32000, "人", "target"), (29000, "人", "actual"), (90.6, "%", "completion")]
    assert document["sections"][0]["kind"] == "report"


def _roles(item: dict) -> list[tuple]:
    return [(target["metric"], target["value"], target["role"]) for target in item["targets"]]


def test_a_plans_figure_in_brackets_beside_what_was_done_is_a_target_of_the_same_thing():
    # 新增学位9600个（计划9000个）: the bracket made 9600 a target and 9000 counted the item's title.
    document = _extract("市政府2025年十件民生实事完成情况\n一、教育优先：新建、改扩建学校8所（计划8所），"
                        "新增学位9600个（计划9000个），超额完成任务。\n二、健康护航：为老年人免费体检32.5万人次，完成计划的108.3%。\n")
    assert _roles(document["items"][0]) == [("新建、改扩建学校", 8, "actual"), ("新建、改扩建学校", 8, "target"),
                                            ("新增学位", 9600, "actual"), ("新增学位", 9000, "target")]


def test_a_figure_marked_as_the_years_target_stays_a_target_beside_a_reported_share():
    document = _extract("XX区2025年民生实事项目1-10月进展情况\n1.新建中小学校5所（年度目标），已建成投用3所，完成率60%。\n"
                        "2.全年目标新增就业5000人，1-10月累计新增就业4620人，完成92.4%。\n")
    assert _roles(document["items"][0])[0] == ("新建中小学校", 5, "target")
    assert _roles(document["items"][1]) == [("新增就业", 5000, "target"), ("新增就业", 4620, "actual"),
                                            ("新增就业", 92.4, "completion")]


def test_short_lead_and_support_keys_name_the_units():
    # 牵头：区教育局；配合：区发改局 gave no units at all.
    document = _extract("（一）提升教育保障水平\n1.新建公办幼儿园4所。目标：新增学位1080个。牵头：区教育局；配合：区发改局、区自然资源局\n"
                        "2.实施中小学课后服务全覆盖。目标：覆盖率达到100%。牵头：区教育局\n")
    assert [(item["responsible_units"], item["lead_units"]) for item in document["items"]] == [
        (["区教育局", "区发改局", "区自然资源局"], 1), (["区教育局"], 1)]
    assert [target["value"] for target in document["items"][0]["targets"]] == [4, 1080]


def test_investment_columns_are_quantities_named_by_their_header():
    # 总投资（万元） and 年度计划投资（万元） columns were dropped: in running text 总投资约1200万元 is a target.
    document = _extract("2025年全县重点民生实事项目任务分解表\n"
                        "序号\t项目名称\t建设内容及规模\t总投资（万元）\t年度计划投资（万元）\t牵头单位\n"
                        "1\t城区污水管网改造\t改造污水管网12公里\t3600\t2000\t县住建局\n"
                        "2\t乡村学校少年宫\t新建乡村学校少年宫5所\t500\t500\t县教育局\n")
    assert [(target["metric"], target["value"], target["unit"], target["raw"]) for target in document["items"][0]["targets"]] == [
        ("改造污水管网", 12, "公里", "12公里"), ("总投资", 36000000, "元", "3600"), ("年度计划投资", 20000000, "元", "2000")]


def test_a_table_one_cell_per_line_whose_header_lost_its_number_cell():
    # 项目名称 / 目标任务 / 责任单位 / 1 / …: the header and cells were glued into paragraphs and the
    # notice refused as holding no task.
    document = _extract("项目名称\n目标任务\n责任单位\n1\n城市书房建设\n新建城市书房10个\n市文旅局\n"
                        "2\n口袋公园建设\n新建口袋公园15个\n市城管局\n")
    assert [(item["id"], item["title"], item["responsible_units"], item["targets"][0]["value"])
            for item in document["items"]] == [("1", "城市书房建设", ["市文旅局"], 10), ("2", "口袋公园建设", ["市城管局"], 15)]


def test_a_planned_completion_rate_does_not_turn_a_plan_into_a_report():
    # One item of three with 完成率100% made the list report, and the next item's 12所 an actual.
    document = _extract("XX市2025年度十大民生实事项目\n一、实施就业促进工程。全年城镇新增就业2.6万人。\n"
                        "二、实施教育提质工程。新建、改扩建中小学幼儿园12所，新增学位1.08万个。\n"
                        "三、实施健康惠民工程。为城乡适龄妇女免费“两癌”筛查各2万人，完成率100%。\n")
    assert document["sections"][0]["kind"] == "plan"
    assert [target["role"] for item in document["items"] for target in item["targets"]] == [
        "target", "target", "target", "target", "target", "completion"]


def test_a_pipe_table_without_numbers_with_target_done_and_progress_columns():
    # 项目 | 目标 | 完成 | 进度: 完成 and 进度 named no column, and the table was refused.
    document = _extract("2025年民生实事完成情况统计表\n项目 | 目标 | 完成 | 进度\n"
                        "城镇新增就业（万人） | 2.6 | 2.91 | 111.9%\n新增学位（个） | 10800 | 11200 | 103.7%\n")
    assert [(target["value"], target["unit"], target["role"]) for target in document["items"][0]["targets"]] == [
        (26000, "人", "target"), (29100, "人", "actual"), (111.9, "%", "completion")]


def test_a_page_title_with_its_site_name_is_not_the_headline():
    # <title>关于…的公示_某某县人民政府 was put before the article as its title.
    page = ("<html><head><meta charset='utf-8'><title>关于2025年民生实事项目的公示_某某县人民政府</title></head><body>"
            "<div class='article'><h1>关于2025年民生实事项目的公示</h1><p>经县人大代表票决，确定2025年民生实事项目如下：</p>"
            "<p>1.新建城区停车场3处，新增停车位800个。</p><p>2.新建改建农村公路60公里。</p></div></body></html>")
    document = extract_bytes(page.encode("utf-8"), "page.html")
    assert document["document"]["title"] == "关于2025年民生实事项目的公示"


def test_dash_bullets_are_items():
    # ——新建…； lines were glued into one paragraph and the notice refused.
    document = _extract("各街道、各部门：\n今年区委区政府确定的12件民生实事如下——\n——新建社区嵌入式服务设施15处；\n"
                        "——新增普惠性托育托位600个；\n——新建改建公共厕所30座。\n")
    assert [(item["id"], item["targets"][0]["value"]) for item in document["items"]] == [("1", 15), ("2", 600), ("3", 30)]


def test_a_target_named_only_by_a_verb_counts_what_its_title_names():
    # 年度目标新建5所 under 公办幼儿园建设 had the metric 新建.
    document = _extract("市重点民生实事项目进展情况（截至2025年6月30日）\n3.公办幼儿园建设：年度目标新建5所，已完工2所、在建3所。\n"
                        "4.社区食堂建设：年度目标新建30个，已建成投运26个，完成率86.7%。\n")
    # The stage done takes the task's thing (公办幼儿园完工), as the real notices' gold reads it.
    assert _roles(document["items"][0]) == [("公办幼儿园建设", 5, "target"), ("公办幼儿园完工", 2, "actual"),
                                            ("在建", 3, "actual")]
    assert _roles(document["items"][1])[0] == ("社区食堂建设", 30, "target")


def test_a_filler_verb_between_who_is_counted_and_what_is_done_is_no_part_of_the_metric():
    # 为5万名适龄妇女免费开展宫颈癌检查 kept 开展 inside its metric (the contract strips filler verbs).
    document = _extract("1.两癌免费检查：为5万名适龄妇女免费开展宫颈癌检查。\n2.康复救助：为4.92万名残疾儿童开展了康复救助。\n")
    assert [item["targets"][0]["metric"] for item in document["items"]] == ["适龄妇女免费宫颈癌检查", "残疾儿童康复救助"]


def test_a_bracketed_aside_right_after_the_unit_is_no_part_of_the_metric():
    # 筹集保障性租赁住房2000套（间） had the metric 筹集保障性租赁住房间）.
    document = _extract("五、住房保障项目。筹集保障性租赁住房2000套（间），建设停车位300个（含充电车位）。"
                        "（责任单位：市住建局）\n")
    assert [t["metric"] for t in document["items"][0]["targets"]] == ["筹集保障性租赁住房", "建设停车位"]


def test_a_gazettes_running_head_between_the_halves_of_a_sentence_is_dropped():
    # XX市人民政府公报  2024年第3期 at a page break was glued into the metric 改造城中村XX市人民政府公报2024年第3期.
    head = "某市人民政府公报                                    2024年第3期\n"
    document = _extract(head + "某市人民政府办公室关于下达2024年民生实事目标任务的通知\n"
                        "一、改善住房条件。开工建设保障性住房1200套，改造城中村3个\n" + head
                        + "，棚户区改造800户。（责任单位：市住建局）\n二、新增公交车100辆。\n")
    assert [t["metric"] for t in document["items"][0]["targets"]] == ["开工建设保障性住房", "改造城中村", "棚户区改造"]
    assert "公报" not in document["items"][0]["text"]


def test_a_table_run_together_whose_header_joins_two_columns_and_ends_with_a_deadline():
    # 建设内容及目标 was no column name, so the header and its rows stayed one paragraph of text,
    # and each row's units and deadline were glued into its metrics.
    document = _extract("2024年县级民生实事项目责任分工表\n序号项目名称建设内容及目标责任单位完成时限\n"
                        "1城乡供水一体化新建供水管网86公里，新增受益人口2.1万人县水利局2024年12月底\n"
                        "2老旧小区改造改造老旧小区60个县住建局2024年11月底\n"
                        "3社区养老服务新建社区养老服务站12个县民政局10月底前\n")
    assert document["document"]["title"] == "2024年县级民生实事项目责任分工表"
    assert [(item["title"], item["responsible_units"]) for item in document["items"]] == [
        ("城乡供水一体化", ["县水利局"]), ("老旧小区改造", ["县住建局"]), ("社区养老服务", ["县民政局"])]
    assert [t["metric"] for t in document["items"][0]["targets"]] == ["新建供水管网", "新增受益人口"]
    assert [t["metric"] for t in document["items"][2]["targets"]] == ["新建社区养老服务站"]


def test_a_group_headed_as_last_years_results_reports_beside_a_group_of_this_years_plan():
    # 改造农村危房320户 under 2024年民生实事完成情况 was a target, as the 2025 plan's figures are.
    document = _extract("某县人民政府工作报告（摘要）\n一、2024年民生实事完成情况\n1.新增城镇就业5200人，完成年度目标的104%。\n"
                        "2.改造农村危房320户，超额完成年度任务。\n3.新建农村公路48公里。\n二、2025年民生实事\n"
                        "1.新增城镇就业5000人以上。\n2.新建改造农村公路50公里。\n")
    assert [[t["role"] for t in item["targets"]] for item in document["items"]] == [
        ["actual", "completion"], ["actual"], ["actual"], ["target"], ["target"]]


def test_items_headed_in_square_brackets_without_numbers():
    # A news item's 【稳就业】… paragraphs were refused: no numbered task items found.
    document = _extract("2024年民生实事项目出炉\n【稳就业】全年城镇新增就业3万人。\n【办教育】新建幼儿园5所，新增学位1500个。\n"
                        "【改小区】改造老旧小区60个。\n")
    assert [(item["id"], item["title"], [t["value"] for t in item["targets"]]) for item in document["items"]] == [
        ("1", "稳就业", [30000]), ("2", "办教育", [5, 1500]), ("3", "改小区", [60])]


def test_a_magnitude_written_alone_with_a_qualifier_is_a_quantity():
    # 全年接待游客逾千万人次 yielded nothing, though 逾1000万人次 and 1万余户 are quantities.
    document = _extract("1.发放消费券5000万元，全年接待游客逾千万人次，惠及商户千余户。\n2.千方百计稳就业，新增就业2万人。\n")
    assert [(t["value"], t["unit"], t["comparator"]) for t in document["items"][0]["targets"]] == [
        (50000000, "元", "="), (10000000, "人次", ">"), (1000, "户", ">")]
    assert [t["value"] for t in document["items"][1]["targets"]] == [20000]


def test_a_task_list_of_paragraphs_without_numbers():
    # One task per paragraph, no number before any: refused as "no numbered task items found".
    document = _extract("2024年民生实事项目\n各县区、各部门：\n现将今年民生实事印发如下：\n"
                        "新增城镇就业3万人，城镇调查失业率控制在5.5%以内。（市人社局）\n"
                        "新建改扩建幼儿园5所，新增学位1500个。\n责任单位：市教育局\n改造老旧小区60个。（市住建局）\n"
                        "市人民政府办公室\n2024年3月1日\n")
    assert [(item["id"], item["title"], item["responsible_units"], [t["value"] for t in item["targets"]])
            for item in document["items"]] == [
        ("1", "新增城镇就业3万人", ["市人社局"], [30000, 5.5]), ("2", "新建改扩建幼儿园5所", ["市教育局"], [5, 1500]),
        ("3", "改造老旧小区60个", ["市住建局"], [60])]
    headed = _extract("某县2024年民生实事\n\n就业：新增城镇就业3000人。\n教育：新建幼儿园2所，新增学位540个。\n"
                      "养老：新增养老床位200张。\n")
    assert [(item["title"], [t["metric"] for t in item["targets"]]) for item in headed["items"]] == [
        ("就业", ["新增城镇就业"]), ("教育", ["新建幼儿园", "新增学位"]), ("养老", ["新增养老床位"])]


def test_a_task_list_written_as_one_sentence_of_commas():
    document = _extract("今年我市将实施10件民生实事，包括：新增城镇就业3万人，新建幼儿园5所，改造老旧小区1，200个，"
                        "新建农村公路200公里。\n")
    assert [(item["id"], item["targets"][0]["value"]) for item in document["items"]] == [
        ("1", 30000), ("2", 5), ("3", 1200), ("4", 200)]


@pytest.mark.parametrize("written", ["汴政办﹝2024﹞9号", "汴政办〔2024〕第9号", "汴政办〖2024〗9号"])
def test_document_number_in_small_brackets_or_with_an_ordinal(written):
    # 汴政办﹝2024﹞9号 (a website's small brackets) and 〔2024〕第9号 were no document number.
    document = _extract(f"关于印发2024年民生实事的通知\n{written}\n1.新增城镇就业3万人。\n2.新建学校3所。\n")
    assert document["document"]["doc_number"] == "汴政办〔2024〕9号"


@pytest.mark.parametrize("signature", ["某市人民政府办公室 2024年3月5日", "某市人民政府办公室\n2024-03-05",
                                       "某市人民政府办公室\t2024年3月5日"])
def test_a_signature_with_its_date_on_one_line_or_written_with_dashes(signature):
    # A page that lost the break between the issuer and the date, or writes the date 2024-03-05.
    document = _extract(f"关于印发2024年民生实事的通知\n各县区：\n1.新增城镇就业3万人。\n2.新建学校3所。\n{signature}\n")
    assert (document["document"]["issuer"], document["document"]["date"]) == ("某市人民政府办公室", "2024-03-05")
    assert document["items"][-1]["text"] == "新建学校3所。"


def test_what_stands_now_is_actual_and_now_is_no_part_of_the_metric():
    # 目前签约率为38.6% was a target beside the year's target of 45%; 目前已开工8所 had the metric 目前已开工.
    document = _extract("民生实事项目上半年进展情况\n1.医疗服务。年度目标为家庭医生签约服务覆盖率达到45%，目前签约率为38.6%。\n"
                        "2.学校建设。全年计划新建学校10所，目前已开工8所。\n")
    assert [(t["metric"], t["role"]) for item in document["items"] for t in item["targets"]] == [
        ("家庭医生签约服务覆盖率", "target"), ("签约率", "actual"), ("新建学校", "target"), ("开工学校", "actual")]


def test_a_task_that_builds_something_names_no_region():
    # 1.新建县第二实验小学 gave the region 新建县 (a county's name that starts with the verb 新建).
    document = _extract("某县2024年民生实事实施方案\n1.新建县第二实验小学，新增学位1620个。\n2.改造薄弱学校12所。\n")
    assert document["document"]["region"] is None


def test_a_table_with_one_space_between_cells_and_no_number_column():
    # Header and rows ran together into one paragraph: no task was found.
    document = _extract("2024年民生实事进展情况\n项目名称 年度目标 完成情况 责任单位\n"
                        "城镇新增就业 新增城镇就业2.5万人 新增2.31万人，完成92.4% 市人社局\n"
                        "普惠托位 新增普惠性托位800个 新增720个 市卫健委\n老旧小区 改造老旧小区60个 已全部开工 市住建局\n"
                        "各责任单位要加快推进。\n")
    assert [(item["title"], item["responsible_units"], [(t["value"], t["role"]) for t in item["targets"]])
            for item in document["items"]] == [
        ("城镇新增就业", ["市人社局"], [(25000, "target"), (23100, "actual"), (92.4, "completion")]),
        ("普惠托位", ["市卫健委"], [(800, "target"), (720, "actual")]),
        ("老旧小区", ["市住建局"], [(60, "target")])]


def test_a_share_of_villages_is_a_quantity_and_implementing_is_no_part_of_a_metric():
    # 95%以上的行政村 was taken for a condition (100户以上的村) and dropped; 实施 and 进行 stayed inside metrics.
    document = _extract("1.实现全市95%以上的行政村通5G网络。\n2.对2000户城乡困难家庭实施适老化改造。\n"
                        "3.免费为3.5万名农村适龄妇女进行宫颈癌筛查。\n")
    assert [(t["value"], t["comparator"]) for t in document["items"][0]["targets"]] == [(95, ">=")]
    assert [item["targets"][0]["metric"] for item in document["items"][1:]] == [
        "城乡困难家庭适老化改造", "农村适龄妇女宫颈癌筛查"]


def test_a_list_whose_arabic_labels_change_punctuation_runs_on():
    # 1. 2. 3、 4． 5 (a typist's slips): 3、 and 5 read as text of the items before them.
    document = _extract("2024年民生实事项目\n1.新增城镇就业3万人。\n2.新建幼儿园5所。\n3、改造老旧小区60个。\n"
                        "4．新建农村公路200公里。\n5 新增养老床位500张。\n")
    assert [(item["id"], [t["value"] for t in item["targets"]]) for item in document["items"]] == [
        ("1", [30000]), ("2", [5]), ("3", [60]), ("4", [200]), ("5", [500])]


def test_a_plan_signed_late_in_the_year_for_the_next_year():
    # Signed 2024-12-30 with its tasks for 2025: the plan year was 2024.
    document = _extract("关于印发全市民生实事项目的通知\n各县区：\n1.2025年新增城镇就业3万人。\n2.新建幼儿园5所。\n"
                        "洛阳市人民政府办公室\n2024年12月30日\n")
    assert document["document"]["year"] == 2025
    spring = _extract("关于印发全市民生实事项目的通知\n1.新增城镇就业3万人，到2025年底新建幼儿园5所。\n2.新建公园3个。\n"
                      "洛阳市人民政府办公室\n2024年3月30日\n")
    assert spring["document"]["year"] == 2024


def test_a_field_key_in_square_brackets():
    # 【责任单位】市教育局 was read as text of the item, and the item had no units.
    document = _extract("2024年民生实事项目\n1.新建学校2所。【责任单位】市教育局\n2.新建公园3个。\n【牵头单位】市城管局 【配合单位】各区政府\n")
    assert [(item["text"], item["responsible_units"]) for item in document["items"]] == [
        ("新建学校2所。", ["市教育局"]), ("新建公园3个。", ["市城管局", "各区政府"])]


def test_respectively_pairs_two_things_with_two_numbers_joined_by_and():
    # 城区、县城新增停车位分别达到3000个和1500个 gave each number to both places (four entries).
    document = _extract("1.城区、县城新增停车位分别达到3000个和1500个。\n2.每个县（市、区）建设1个区域性养老服务中心。\n")
    assert [(t["metric"], t["value"]) for t in document["items"][0]["targets"]] == [
        ("城区停车位", 3000), ("县城新增停车位", 1500)]
    assert document["items"][1]["targets"][0]["metric"] == "建设区域性养老服务中心"


@pytest.mark.parametrize("written, value", [("3 000人", 30000 // 10), ("1 800个", 1800), ("12\u2009500人", 12500),
                                            ("1 234 567元", 1234567)])
def test_a_space_between_thousands_groups(written, value):
    # 3 000人 (a space grouping thousands) read as 000人, a value of 0.
    document = _extract(f"1.新增{written}。\n2.新建学校3所。\n")
    assert [t["value"] for t in document["items"][0]["targets"]] == [value]


def test_a_title_naming_last_years_report_and_this_years_plan():
    # The document's year was the report's 2024, and the 2025 plan's section said 2024 too.
    document = _extract("某县2024年民生实事完成情况及2025年民生实事安排\n2024年民生实事完成情况\n"
                        "1.新增城镇就业5200人，完成年度目标的104%。\n2.改造农村危房320户。\n2025年民生实事安排\n"
                        "1.新增城镇就业5000人以上。\n2.新建改造农村公路50公里。\n")
    assert document["document"]["year"] == 2025
    assert [(section["kind"], section["year"]) for section in document["sections"]] == [("report", 2024), ("plan", 2025)]


@pytest.mark.parametrize("clause", ["是年度计划的112%", "完成年度任务112%", "完成112%"])
def test_more_ways_to_report_a_share_of_the_target(clause):
    # 是年度计划的112% and 完成年度任务112% were targets; after a bracketed target, 完成112% was actual.
    document = _extract(f"2024年民生实事进展情况\n1.新增就业2.8万人（目标2.5万人），{clause}。\n2.新建学校3所，已完工2所。\n")
    assert [(t["value"], t["role"], t["metric"]) for t in document["items"][0]["targets"]] == [
        (28000, "actual", "新增就业"), (25000, "target", "新增就业"), (112, "completion", "新增就业")]


def test_a_covering_notices_instructions_before_its_signature_are_no_tasks_when_an_attachment_lists_them():
    # 二、强化督导考核。…每月通报1次进展 before the signature became a section of its own.
    document = _extract("某市人民政府办公室关于印发2024年民生实事项目清单的通知\n各县（市、区）人民政府：\n"
                        "《2024年民生实事项目清单》已经市政府同意，现印发给你们，请认真抓好落实。\n"
                        "一、加强组织领导。各牵头单位要成立工作专班。\n二、强化督导考核。市政府督查室每月通报1次进展。\n"
                        "附件：2024年民生实事项目清单\n某市人民政府办公室\n2024年2月20日\n附件\n2024年民生实事项目清单\n"
                        "一、新增城镇就业3万人。（责任单位：市人社局）\n二、新建幼儿园5所。（责任单位：市教育局）\n")
    assert [item["id"] for item in document["items"]] == ["1", "2"]
    assert [t["value"] for item in document["items"] for t in item["targets"]] == [30000, 5]


def test_a_reports_unmarked_first_figure_beside_what_was_done_is_the_target():
    # 新建幼儿园5所，已完工3所 in a progress report: 5 was taken as done, like the 3 after it.
    document = _extract("关于2024年市级民生实事项目进展情况的通报\n1.幼儿园建设。新建幼儿园5所，已完工3所，2所主体封顶。\n"
                        "2.农村公路。新改建农村公路200公里，已完成165公里，占年度目标的82.5%。\n"
                        "3.就业。新增城镇就业3.2万人，其中已安置困难人员1000人。\n")
    assert [[(t["value"], t["role"]) for t in item["targets"]] for item in document["items"]] == [
        [(5, "target"), (3, "actual"), (2, "actual")], [(200, "target"), (165, "actual"), (82.5, "completion")],
        [(32000, "actual"), (1000, "actual")]]


def test_a_sub_items_own_heading_names_what_its_figures_count():
    # 1.新增城镇就业。全年目标3万人 under 一、已完成的项目: the figures counted 已完成的项目.
    document = _extract("关于2024年民生实事项目进展情况的通报\n一、已完成的项目\n"
                        "1.新增城镇就业。全年目标3万人，1-10月新增3.2万人，完成年度目标的106.7%。\n2.老旧小区改造。全年目标改造60个。\n")
    first = document["items"][0]
    assert first["title"] == "已完成的项目"
    assert [(t["metric"], t["role"]) for t in first["targets"]] == [
        ("新增城镇就业", "target"), ("新增城镇就业", "actual"), ("新增城镇就业", "completion")]


def test_a_reports_headline_stands_on_its_own_line():
    # 2024年全市十大民生实事项目完成情况 was joined to the sentence under it and no title was found.
    document = _extract("2024年全市十大民生实事项目完成情况\n2024年，市委、市政府确定的十大民生实事项目全部完成。具体情况如下：\n"
                        "（一）就业创业。城镇新增就业3.12万人，完成目标任务的104%。\n（二）教育惠民。新增学位1.1万个。\n")
    assert document["document"]["title"] == "2024年全市十大民生实事项目完成情况"


def test_a_title_naming_two_years_is_about_the_year_its_tasks_name():
    # 2017年工作总结和2018年工作思路 whose list reports 2017: year 2018 read 2017年…计划建设43个 as done.
    document = _extract("某局2017年工作总结和2018年工作思路\n一、2017年工作完成情况\n"
                        "1.村级公共服务中心项目。2017年计划建设43个村级公共服务中心，总投资1290万元。所有项目均已开工建设。\n"
                        "2.全民健身工程。2017年计划建设11个村级篮球场。\n")
    assert document["document"]["year"] == 2017
    assert [(t["value"], t["role"]) for t in document["items"][0]["targets"]][:2] == [(43, "target"), (12900000, "target")]


def test_a_bracket_left_open_in_a_table_cell_closes_with_its_row():
    """045's scan read 各县（市、区）政府 without its ）: the rows after it ran into row 1 (one item of
    ten targets for five)."""
    text = ("某市2024年民生实事任务分解表\n序号\t项目名称\t主要内容\t牵头单位\t配合单位\n"
            "1\t城镇老旧小区改造\t全年新开工改造城镇老旧小区150个。\t市住房城乡建设局\t各县（市、区政府\n"
            "2\t学前教育扩容\t新增公办学位5400个。\t市教育局\t市财政局\n"
            "3\t农村饮水安全\t实施农村供水工程25处。\t市水利局\t市财政局\n")
    document = _extract(text)
    assert [item["id"] for item in document["items"]] == ["1", "2", "3"]
    assert [[t["value"] for t in item["targets"]] for item in document["items"]] == [[150], [5400], [25]]
    assert document["items"][1]["responsible_units"] == ["市教育局", "市财政局"]
