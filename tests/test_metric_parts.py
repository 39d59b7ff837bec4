"""A figure split out by place counts that place's part of the total before it (CONVENTIONS: the
part goes into the metric, 鄞州区新辟公交线路)."""

from __future__ import annotations

import pytest

from extractor import extract_text
from extractor.base import patterns
from extractor.quantities.metrics import is_place_part

PLACE = patterns.load("metric_words")["place_part"]


@pytest.mark.parametrize("metric", PLACE["examples"])
def test_place_examples(metric):
    assert is_place_part(metric)


@pytest.mark.parametrize("metric", PLACE["counter_examples"])
def test_place_counter_examples(metric):
    assert not is_place_part(metric)


def _metrics(text: str) -> list[tuple[str, int]]:
    return [(target["metric"], target["value"]) for item in extract_text(text).items for target in item["targets"]]


def test_parts_after_qizhong_take_the_totals_metric():
    text = "一、完成情况\n1.农村危房改造。全市完成农村危房改造1200户，其中：东湖区完成500户、西山县完成700户。\n"
    assert _metrics(text) == [("农村危房改造", 1200), ("东湖区农村危房改造", 500), ("西山县农村危房改造", 700)]


def test_parts_in_brackets_take_the_totals_metric():
    text = "一、主要任务\n1.建设社区养老服务站8个（东湖区3个、西山县5个）。\n"
    assert _metrics(text) == [("建设社区养老服务站", 8), ("东湖区建设社区养老服务站", 3), ("西山县建设社区养老服务站", 5)]


def test_a_place_with_its_own_thing_is_left_alone():
    text = "一、主要任务\n1.东湖区新建幼儿园3所，西山县改造老旧小区40个。\n"
    assert _metrics(text) == [("东湖区新建幼儿园", 3), ("西山县改造老旧小区", 40)]


def test_a_stage_reported_in_a_progress_cell_takes_the_things_of_the_rows_task():
    from extractor import extract_text

    text = ("某区2024年民生实事项目上半年进展情况\n序号\t项目名称\t年度目标\t上半年完成情况\t责任单位\n"
            "1\t老旧小区改造\t改造老旧小区86个\t已开工62个，完工20个\t区住建局\n")
    assert [(t["metric"], t["role"]) for t in extract_text(text).items[0]["targets"]] == [
        ("改造老旧小区", "target"), ("开工老旧小区", "actual"), ("完工老旧小区", "actual")]
