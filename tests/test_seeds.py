"""The two real notices the project started from, checked against the contract item by item."""

from __future__ import annotations

from extractor.pipeline import extract_path

from .conftest import CORPUS

KAIFENG = CORPUS / "001_42ff27236c2e870f.txt"
HENAN_REPORT = CORPUS / "000_b1f1c543f4ca6a66.txt"


def _targets(document):
    return [target for item in document["items"] for target in item["targets"]]


def test_kaifeng_document_fields():
    assert extract_path(KAIFENG)["document"] == {
        "title": "开封市人民政府办公室关于印发2024年河南省重点民生实事工作方案确定事项分解意见的通知",
        "issuer": "开封市人民政府办公室",
        "doc_number": "汴政办〔2024〕9号",
        "date": "2024-04-10",
        "region": "开封市",
        "year": 2024,
    }


def test_kaifeng_has_fourteen_leaves_and_thirty_targets():
    document = extract_path(KAIFENG)
    ids = [item["id"] for item in document["items"]]
    assert ids == ["1", "2", "3.1", "3.2", "3.3", "4", "5", "6", "7", "8", "9", "10.1", "10.2", "10.3"]
    assert len(_targets(document)) == 30
    assert all(target["role"] == "target" for target in _targets(document))


def test_kaifeng_covering_instructions_are_not_items():
    titles = [item["title"] for item in extract_path(KAIFENG)["items"]]
    assert not any(word in title for title in titles for word in ("高度重视", "建立台账", "强化督查"))


def test_kaifeng_contract_example_item():
    item = next(item for item in extract_path(KAIFENG)["items"] if item["id"] == "3.2")
    assert item["title"] == "提升基层医疗卫生服务能力"
    assert item["text"] == "开展基层卫生技术人员在线培训，全年培训7300人以上。"
    assert item["responsible_units"] == ["市卫生健康委", "各县区"]
    (target,) = item["targets"]
    assert (target["metric"], target["value"], target["unit"], target["comparator"], target["role"], target["raw"]) == (
        "基层卫生技术人员在线培训", 7300, "人", ">=", "target", "7300人以上")


def test_kaifeng_page_break_and_colophon():
    items = {item["id"]: item for item in extract_path(KAIFENG)["items"]}
    assert "加大卫生健康知识普及力度" in items["3.3"]["text"]
    assert "团辅活动" in items["10.3"]["text"]
    # 主办：市政府督查局 belongs to the colophon, not to the last item.
    assert items["10.3"]["responsible_units"] == ["团市委", "各县区"]


def test_kaifeng_distribution_over_each():
    item = next(item for item in extract_path(KAIFENG)["items"] if item["id"] == "10.1")
    screening = [t for t in item["targets"] if t["value"] == 25620]
    assert len(screening) == 2 and {t["metric"] for t in screening} == {"宫颈癌筛查", "乳腺癌筛查"}


def test_report_has_two_sections_with_actuals_completions_and_targets():
    document = extract_path(HENAN_REPORT)
    sections = {item["section"] for item in document["items"]}
    assert sections == {1, 2}
    first = [t for item in document["items"] if item["section"] == 1 for t in item["targets"]]
    second = [t for item in document["items"] if item["section"] == 2 for t in item["targets"]]
    assert {t["role"] for t in first} == {"actual", "completion"}
    assert [t["value"] for t in first if t["role"] == "completion"][:2] == [181.57, 181.87]
    assert sum(t["role"] == "target" for t in second) >= 30
    assert document["document"]["year"] == 2025 and document["document"]["region"] == "河南省"


def test_report_traps_are_not_targets():
    document = extract_path(HENAN_REPORT)
    raws = [t["raw"] for t in _targets(document)]
    values = [t["value"] for t in _targets(document)]
    assert not any("12355" in raw or "公里" == raw[-2:] and "一" in raw for raw in raws)
    assert 12355 not in values and 4 not in [v for v, r in zip(values, raws) if "阶段" in r]
    assert not any("第四" in raw or "一点" in raw for raw in raws)
    assert 20000 not in [t["value"] for t in _targets(document) if t["comparator"] == ">"]  # headline 2万多个
    assert 15050000000 not in values  # 150.5亿元 is the lead's funding figure, not an item's


def test_report_completion_takes_metric_of_its_base():
    item = next(item for item in extract_path(HENAN_REPORT)["items"] if item["id"] == "1:8")
    bases = [t for t in item["targets"] if t["role"] == "actual"]
    shares = [t for t in item["targets"] if t["role"] == "completion"]
    assert [t["value"] for t in shares] == [218.25, 100, 113.2]
    assert [t["metric"] for t in shares] == [t["metric"] for t in bases]
