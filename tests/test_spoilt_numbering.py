"""Spoilt numbering: pages whose labels the copy damaged, hid or faked (written before each fix)."""

from __future__ import annotations

from extractor.normalise import normalise
from extractor.pipeline import extract_bytes


def _extract(text: str) -> dict:
    return extract_bytes(text.encode("utf-8"), "case.txt")


def _paths(document: dict) -> list[str]:
    return [item["id"] for item in document["items"]]


# F5a: a page saved without its line breaks keeps two spaces where each break was.

def test_double_spaces_between_labelled_sentences_are_line_breaks_not_cell_borders():
    raw = ("某县农业局2023年工作总结\n"
           "2023年，县农业局认真落实县委、县政府的部署，各项工作取得了明显成效。现将有关情况报告如下：  "
           "一、2023年主要工作完成情况  （一）、民生实事项目推进情况  1、县政府为民办实事项目任务完成情况  "
           "（1）高标准农田建设项目。计划建设高标准农田2万亩，总投资3000万元，已全部完工。"
           "（2）农村户厕改造项目。计划改造农村户厕1500户，已完成1480户。（3）农村饮水安全项目。新建供水站12个。")
    document = _extract(raw)
    assert _paths(document) == ["1.1.1.1", "1.1.1.2", "1.1.1.3"]
    assert document["items"][1]["targets"][0]["value"] == 1500


def test_a_row_of_cells_separated_by_double_spaces_stays_one_row():
    raw = "序号  项目名称  目标任务  责任单位\n1  新建学校  新建学校3所，新增学位2000个  县教育局\n"
    assert "\t" in normalise(raw).text.split("\n")[1]


# F6: a mirror site glosses each character of a traditional page with its pinyin.

def test_pinyin_glosses_are_dropped_and_spans_stay_grounded():
    raw = ("1.實(shí)施農(nóng)村危房改造4萬(wàn)人。（責(zé)任單位：縣住建局）\n"
           "2.新建鄉(xiāng)鎮(zhèn)衛(wèi)生院3個(gè)。（責(zé)任單位：縣衛(wèi)健局）\n")
    document = _extract(raw)
    first, second = document["items"]
    assert first["title"] == "实施农村危房改造4万人"
    assert (first["targets"][0]["value"], first["targets"][0]["unit"]) == (40000, "人")
    assert first["responsible_units"] == ["县住建局"]
    assert second["responsible_units"] == ["县卫健局"]
    normalised = normalise(raw)
    start = normalised.text.index("4万人")
    low, high = normalised.raw_span(start, start + 3)
    assert raw[low:high] == "4萬(wàn)人"
