"""Responsible units as real notices write them: one test per family, each written before its fix."""

from __future__ import annotations

from extractor.pipeline import extract_bytes


def _extract(text: str) -> dict:
    return extract_bytes(text.encode("utf-8"), "case.txt")


def _units(text: str) -> list[list[str]]:
    return [item["responsible_units"] for item in _extract(text)["items"]]


def test_a_unit_note_followed_by_page_markup_is_read_whole():
    # A page's source saved with its tags: the note still closes the item, the tags are no unit.
    text = ("<p>一、重点项目</p><p align=\\\"left\\\">\n"
            "1.青年人才培养项目。5年内培养青年人才500名。（牵头单位：市人社局，配合单位：市财政局，各区）</p><p align=\\\"left\\\">\n"
            "2.技能人才项目。5年内培训技能人才3000名。（牵头单位：市教育局，配合单位：市科协）</p><p align=\\\"left\\\">\n")
    assert _units(text) == [["市人社局", "市财政局", "各区"], ["市教育局", "市科协"]]


def test_a_paragraph_run_on_after_its_closing_tag_lends_no_units():
    text = ("<p>一、重点项目</p><p>\n"
            "1.青年人才培养项目。5年内培养青年人才500名。（牵头单位：市人社局，配合单位：各区）</p><p>2.技能人才项目。"
            "5年内培训技能人才3000名。（牵头单位：市教育局，配合单位：市科协）</p><p>\n")
    assert _units(text)[0] == ["市人社局", "各区"]


def test_a_unit_list_cut_by_the_end_of_the_copy_keeps_only_complete_names():
    # The copy stops inside the list: a fragment (各县, 县卫生健, 市) is no unit; an open note still counts.
    assert _units("1.新建学校3所。\n责任单位：市教育局、市财政局等，各县")[0] == ["市教育局", "市财政局"]
    assert _units("一、新建学校3所。（牵头单位：市教育局；责任单位：县卫生健")[0] == ["市教育局"]
    assert _units("一、新建学校3所。（牵头单位：市教育局；责任单位：")[0] == ["市教育局"]
    assert _units("一、新建学校3所；（市教育局、各")[0] == ["市教育局"]
    assert _units("一、新建学校3所。〔市教育局、市体育局（市体育总会）等牵")[0] == ["市教育局", "市体育局（市体育总会）"]
    assert _units("一、新建学校3所，改造操场5个（分管副市长负责，市教育局牵头，市体育局、市")[0] == ["市教育局", "市体育局"]
    assert _units("1.新建学校3所。\n牵头单位：市教育局责任单位")[0] == ["市教育局"]
    assert _units("1.新建学校3所。\n责任单位：市教育局\n2.新建公园2个。\n责任单位：市")[1] == []


def test_a_complete_name_at_the_end_of_the_copy_is_kept():
    assert _units("1.新建学校3所。\n责任单位：市教育局、市委宣传部")[0] == ["市教育局", "市委宣传部"]
    assert _units("1.新建学校3所。\n责任单位：市教育局、市科协等")[0] == ["市教育局", "市科协"]


def test_words_cut_by_the_end_of_the_copy_keep_their_unit():
    text = "1.新建学校3所。\n2.由甲镇负责的垃圾处理中心建设项目总"
    assert _units(text)[1] == ["甲镇"]


def test_leads_and_the_units_that_carry_out_by_their_duties():
    text = ("一、新建学校3所。〔市教育局、市财政局等牵头，市（区）直有关单位按职责分工负责〕\n"
            "二、新建公园2个。（市园林局牵头，市税务局、人民银行某某市分行、某某金融监管分局等按职责分工负责）")
    assert _units(text) == [["市教育局", "市财政局", "市（区）直有关单位"],
                            ["市园林局", "市税务局", "人民银行某某市分行", "某某金融监管分局"]]


def test_a_division_of_work_line_names_the_lead_and_everyone():
    text = ("1.新建学校3所。\n分管市领导：张三部门分工：市教育局牵头，各地、各部门配合。\n"
            "2.新建公园2个。\n分管市领导：李四部门分工：市园林局牵头，各地、各部门配合。")
    assert _units(text) == [["市教育局", "各地", "各部门"], ["市园林局", "各地", "各部门"]]


def test_units_that_carry_out_the_item_in_a_closing_sentence():
    text = ("一、新建学校3所，改造操场5个。由市教育局、财政局，各县（市）、区人民政府负责落实。\n"
            "二、新建公园2个。\n由市园林局，各县（市）、区人民政府负责落实。")
    assert _units(text) == [["市教育局", "财政局", "各县（市）、区人民政府"], ["市园林局", "各县（市）、区人民政府"]]


def test_levels_sharing_one_government_stay_one_unit():
    assert _units("一、新建学校3所。（责任单位：各县（市）、区人民政府，各区、县级市）")[0] == [
        "各县（市）、区人民政府", "各区", "县级市"]


def test_every_unit_bracket_closing_a_sentence_of_the_item_counts():
    text = ("一、扶贫工程。新建扶贫新村5个（市扶贫办、市农业局）。完成帮扶7个（某某县政府）。"
            "救助困难群众（含低保户、特困户）300户（市民政局）。\n"
            "二、医疗工程。新建卫生院3所（市卫生局）。奖励独生子女家庭，每户每年60")
    assert _units(text) == [["市扶贫办", "市农业局", "某某县政府", "市民政局"], ["市卫生局"]]


def test_a_group_heading_naming_the_lead_gives_it_to_every_task_under_it():
    text = ("一、市园林局牵头工作（2项）\n1.新建公园2个。\n2.改造绿地5处。\n"
            "二、市教育局、市体育局牵头的重点工作\n1.新建学校3所。\n2.新建操场1个。（责任单位：市体育局）\n"
            "三、张三副市长牵头工作\n1.新建道路3条。")
    assert _units(text) == [["市园林局"], ["市园林局"], ["市教育局", "市体育局"], ["市体育局"], []]


def test_lines_that_only_name_units_under_a_task_are_its_units():
    # A table printed one cell per line and read as numbered paragraphs: 牵头单位 then 责任单位 cells.
    text = "\n\n".join(["任务", "牵头单位", "责任单位", "一、优结构、谋发展", "1.壮大支撑企业531个。", "区发改局",
                        "区工信局、区商务局、各街道办事处", "2.新建产业园区2个。", "发改局", "区工信局", "各街道办事处",
                        "3.新建孵化器3个。", "区发改局", "区投促局、多福湾工作专"])
    assert _units(text) == [["区发改局", "区工信局", "区商务局", "各街道办事处"], ["发改局", "区工信局", "各街道办事处"],
                            ["区发改局", "区投促局"]]


def test_a_line_of_places_under_a_task_is_no_unit_list():
    assert _units("1.新建公园2个。\n城区\n2.新建学校3所。")[0] == []


def test_a_task_line_that_ends_like_a_name_is_no_unit_list():
    text = "\n\n".join(["02", "建成区行政服务中心东部分中心", "实施并完成5处公交场站修缮工程"])
    assert _units(text + "\n\n03\n\n新建学校3所") == [[], []]


def test_a_signer_alone_after_the_last_task_is_no_unit():
    assert _units("1.新建学校3所。\n2.新建公园2个。\n某某县人民政府\n") == [[], []]
    assert _units("1.新建学校3所。\n\n县教育局\n\n2.新建公园2个。\n\n各镇人民政府\n") == [["县教育局"], ["各镇人民政府"]]


def test_parks_listed_as_units_are_split():
    assert _units("1.新建标准厂房10万平方米。（责任单位：县园区服务中心，新材料产业园、食品产业园、商贸物流园）")[0] == [
        "县园区服务中心", "新材料产业园", "食品产业园", "商贸物流园"]


def test_a_sentence_is_no_unit_cell_of_a_table_row():
    text = "\n".join(["某县2016年民生实事目标任务分解表", "序号", "民生实事", "责任单位", "完成时限",
                      "1", "开工建设县养老院。", "县民政局", "5月底前动工", "开工建设老年活动中心。", "12月底前",
                      "2", "迁建县政务服务中心。", "县政务服务中心", "县代建中心", "12月底前",
                      "3", "新建公厕5座。", "县住建局", "9月底前"])
    assert _units(text) == [["县民政局"], ["县政务服务中心", "县代建中心"], ["县住建局"]]


def test_a_unit_repeated_in_a_table_printed_one_cell_per_line_is_a_cell():
    # No line holds the whole header, but 责任部门 alone on its line heads a column of units.
    rows = [["1、新增就业岗位3000个", "区人社局"], ["2、新增外资企业5家", "区商务委"], ["3、新增上市企业2家", "区商务委"],
            ["4、新增总部企业3家", "区商务委"], ["5、新增楼宇2幢", "区财政局"]]
    text = "\n\n".join(["类别", "指标名称", "年度目标", "责任部门"] + [cell for row in rows for cell in row])
    assert _units(text) == [["区人社局"], ["区商务委"], ["区商务委"], ["区商务委"], ["区财政局"]]
