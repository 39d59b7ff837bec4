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
