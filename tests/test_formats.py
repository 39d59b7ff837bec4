"""PDF, DOCX and web pages: each format's version of a corpus notice gives the same items and
targets as its text; broken files give one clean line each."""

from __future__ import annotations

import io
import zipfile

import pytest

from extractor.base.errors import NoticeError
from extractor.pipeline import extract_bytes, extract_path
from extractor.read import read_bytes

from .conftest import CORPUS, ROOT

def _versions() -> dict[str, str]:
    """Format version → the corpus text it was made from, as the making script says."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_format_corpus", ROOT / "scripts" / "make_format_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.VERSIONS


VERSIONS = _versions()
FORMAT = {".pdf": "pdf", ".docx": "docx", ".html": "html"}


def _essence(document):
    return [(item["id"], item["title"], item["responsible_units"],
             [(t["metric"], t["value"], t["unit"], t["comparator"], t["role"], t["raw"]) for t in item["targets"]])
            for item in document["items"]]


@pytest.mark.parametrize("version, text", VERSIONS.items(), ids=list(VERSIONS))
def test_each_format_gives_the_same_items_and_targets_as_the_text(version, text):
    got, expected = extract_path(CORPUS / version), extract_path(CORPUS / text)
    assert got["source"]["format"] == FORMAT[(CORPUS / version).suffix]
    assert _essence(got) == _essence(expected)
    for field in ("title", "issuer", "doc_number", "date", "region", "year"):
        assert got["document"][field] == expected["document"][field], field


def test_format_is_told_by_content_not_by_name(tmp_path):
    disguised = tmp_path / "notice.txt"
    disguised.write_bytes((CORPUS / "021_kaifeng_seed.pdf").read_bytes())
    assert extract_path(disguised)["source"]["format"] == "pdf"
    page = tmp_path / "page.pdf"
    page.write_bytes((CORPUS / "026_shangcheng_gov_page.html").read_bytes())
    assert extract_path(page)["source"]["format"] == "html"


def test_pdf_table_over_two_pages_is_one_table():
    """The header row printed again on page 2 is dropped and the rows continue the table."""
    text = read_bytes((CORPUS / "022_nanyang_table_two_pages.pdf").read_bytes(), "t.pdf").text
    assert text.count("序号\t") == 1
    assert [line.split("\t")[0] for line in text.splitlines() if "\t" in line][1:] == ["1", "2", "3", "4", "5"]


def test_pdf_page_numbers_are_dropped_and_sentences_joined():
    document = extract_path(CORPUS / "021_kaifeng_seed.pdf")
    texts = [item["text"] for item in document["items"]]
    assert not any("—" in text for text in texts)
    assert any("加大卫生健康知识普及力度" in text for text in texts)


def test_fast_page_reader_gives_the_same_characters_as_pdfplumber():
    """pypdfium2 reads pages without tables; it must see the characters pdfplumber sees, and the
    normalised text must come out the same (a footer may come first in its reading order)."""
    import collections

    import pdfplumber
    import pypdfium2

    from extractor.normalise import normalise
    from extractor.read.pdf import pdf_text

    for name in ("021_kaifeng_seed.pdf", "023_luoyang_truetype.pdf"):
        data = (CORPUS / name).read_bytes()
        with pdfplumber.open(io.BytesIO(data)) as slow:
            fast = pypdfium2.PdfDocument(data)
            for number, page in enumerate(slow.pages):
                expected = collections.Counter("".join((page.extract_text() or "").split()))
                got = collections.Counter("".join(fast[number].get_textpage().get_text_range().split()))
                assert got == expected, (name, number)
            fast.close()
        assert normalise(pdf_text(data, name)).text == normalise(pdf_text(data, name, fast_pages=False)).text


def test_docx_numbering_is_resolved_to_printed_labels():
    text = read_bytes((CORPUS / "024_xinyang_auto_numbering.docx").read_bytes(), "n.docx").text
    lines = [line for line in text.splitlines() if line]
    assert "一、教育和就业" in lines and "（二）促进高质量充分就业" in lines and "2.招聘特岗教师500名，培训乡村教师6000人次。" in lines
    assert "二、健康和养老" in lines  # the counter goes on; the level below restarts
    assert lines.count("1.新增养老床位1200张，其中护理型床位占比达到60%。") == 1


def test_html_body_without_navigation_and_with_its_header_block():
    text = read_bytes((CORPUS / "026_shangcheng_gov_page.html").read_bytes(), "p.html").text
    assert "首页" not in text and "分享到" not in text and "ICP" not in text and "_hmt" not in text
    assert "索引号" in text and "发文日期" in text
    document = extract_path(CORPUS / "026_shangcheng_gov_page.html")
    assert document["document"]["date"] == "2024-03-29"  # 发文日期, not 发布日期 2024-04-02
    assert document["document"]["issuer"] == "杭州市上城区人民政府办公室"  # not the site's 区政府办


def _pdf_bytes(**options) -> bytes:
    from reportlab.pdfgen import canvas

    stream = io.BytesIO()
    page = canvas.Canvas(stream, **options)
    return page, stream


def _image_only_pdf() -> bytes:
    from reportlab.lib.utils import ImageReader
    from PIL import Image

    page, stream = _pdf_bytes()
    picture = io.BytesIO()
    Image.new("RGB", (200, 80), "white").save(picture, format="PNG")
    page.drawImage(ImageReader(io.BytesIO(picture.getvalue())), 100, 600, width=200, height=80)
    page.showPage()
    page.save()
    return stream.getvalue()


def _encrypted_pdf() -> bytes:
    from reportlab.lib import pdfencrypt

    page, stream = _pdf_bytes(encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    page.drawString(100, 700, "1. notice")
    page.showPage()
    page.save()
    return stream.getvalue()


def _zip_without_docx() -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("readme.txt", "not a word document")
    return stream.getvalue()


BROKEN = {
    "truncated.pdf": (lambda: (CORPUS / "021_kaifeng_seed.pdf").read_bytes()[:1500], "broken PDF"),
    "encrypted.pdf": (_encrypted_pdf, "encrypted PDF"),
    "blank_scan.pdf": (_image_only_pdf, "no text found by OCR"),  # an image-only page with nothing on it
    "not_a_zip.docx": (lambda: b"PK\x03\x04" + b"\x00garbage" * 50, "not a readable .docx"),
    "archive.docx": (_zip_without_docx, "not a .docx"),
    "portal.html": (lambda: "<!doctype html><html><head><title>首页</title></head><body><div class='nav'>"
                            "<a href='/'>首页</a></div><p>欢迎访问</p></body></html>".encode("utf-8"), "web page"),
    "script_only.html": (lambda: b"<html><head><script>var a = 1;</script></head><body></body></html>", "web page"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_files_give_one_clean_line(name, tmp_path, run_cli):
    make, reason = BROKEN[name]
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(NoticeError, match=reason):
        extract_bytes(path.read_bytes(), name)
    result = run_cli("extract", path)
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and reason in lines[0] and "Traceback" not in result.stderr


def test_merged_table_cells_are_carried_down():
    """pdfplumber gives a merged cell as None: the row below takes the value above it."""
    from extractor.read.pdf import _TableJoiner

    rows = [["序号", "项目名称", "主要内容", "牵头单位"],
            ["1", "老旧小区", "改造小区\n150个", "市住建局"],
            ["2", "农村公路", "新改建公路260公里", None]]
    lines = _TableJoiner().rows(rows, continues=False)
    assert lines == ["序号\t项目名称\t主要内容\t牵头单位", "1\t老旧小区\t改造小区150个\t市住建局",
                     "2\t农村公路\t新改建公路260公里\t市住建局"]


def test_html_task_table_is_read_as_a_table():
    page = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>任务分解表</title></head><body>
    <div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div>
    <div class="content"><h1>某某市2024年民生实事任务分解表</h1>
    <table><tr><th>序号</th><th>项目名称</th><th>目标任务</th><th>牵头单位</th><th>配合单位</th></tr>
    <tr><td>1</td><td>城镇新增就业</td><td>全年城镇新增就业3万人以上</td><td>市人社局</td><td>各县（市、区）政府</td></tr>
    <tr><td>2</td><td>农村公路</td><td>新改建农村<br>公路120公里</td><td>市交通运输局</td><td></td></tr>
    </table></div><div class="footer">版权所有</div></body></html>"""
    document = extract_bytes(page.encode("utf-8"), "table.html")
    assert document["source"]["format"] == "html"
    assert [(item["id"], item["title"], item["responsible_units"]) for item in document["items"]] == [
        ("1", "城镇新增就业", ["市人社局", "各县（市、区）政府"]), ("2", "农村公路", ["市交通运输局"])]
    assert [(t["value"], t["unit"], t["comparator"]) for item in document["items"] for t in item["targets"]] == [
        (30000, "人", ">="), (120, "公里", "=")]


def test_html_cell_spanning_rows_stands_in_each_row_it_spans():
    # Rows under a rowspan cell had one cell fewer than the header, and lost their titles.
    page = """<html><head><meta charset="utf-8"></head><body><div class="article">
    <h1>某区2025年民生实事项目</h1><table>
    <tr><td>序号</td><td>类别</td><td>项目名称</td><td>目标任务</td><td>牵头单位</td></tr>
    <tr><td>1</td><td rowspan="2">教育</td><td>学前教育</td><td>新增公办学位900个</td><td>区教育局</td></tr>
    <tr><td>2</td><td>课后服务</td><td>课后服务覆盖率保持100%</td><td>区教育局</td></tr>
    <tr><td>3</td><td>养老</td><td>适老化改造</td><td>完成适老化改造300户</td><td rowspan="2">区民政局</td></tr>
    <tr><td>4</td><td>养老</td><td>助餐服务</td><td>新建助餐点25个</td></tr>
    </table></div></body></html>"""
    document = extract_bytes(page.encode("utf-8"), "spans.html")
    assert [(item["title"], item["responsible_units"]) for item in document["items"]] == [
        ("学前教育", ["区教育局"]), ("课后服务", ["区教育局"]), ("适老化改造", ["区民政局"]), ("助餐服务", ["区民政局"])]


def test_html_ordered_list_items_get_their_printed_numbers():
    page = """<html><head><meta charset="utf-8"></head><body><div class="article">
    <h1>某某市2024年民生实事项目</h1>
    <ol style="list-style-type: cjk-ideographic"><li>就业创业<ol><li>新增城镇就业3万人。</li>
    <li>新建零工驿站10个。</li></ol></li><li>养老服务<ol><li>新增养老床位500张。</li></ol></li></ol>
    </div></body></html>"""
    document = extract_bytes(page.encode("utf-8"), "list.html")
    assert [(item["id"], item["title"]) for item in document["items"]] == [
        ("1.1", "就业创业"), ("1.2", "就业创业"), ("2.1", "养老服务")]


def test_docx_numbering_from_the_paragraph_style():
    import docx

    document = docx.Document()
    document.add_paragraph("某某县2024年民生实事项目")
    for text in ("新增城镇就业3000人。", "新建公办幼儿园2所。"):
        document.add_paragraph(text, style="List Number")
    stream = io.BytesIO()
    document.save(stream)
    extracted = extract_bytes(stream.getvalue(), "styled.docx")
    assert [(item["id"], [t["value"] for t in item["targets"]]) for item in extracted["items"]] == [
        ("1", [3000]), ("2", [2])]


def test_html_layout_table_around_the_article_keeps_its_paragraphs():
    # An old site lays its page out in nested tables: the article's paragraphs became one cell,
    # the last item lost its units and the issuer took the item before it.
    page = """<html><head><meta charset="utf-8"><title>关于印发2024年民生实事的通知</title></head><body>
    <table width="100%"><tr><td><a href="/">首页</a> | <a href="/zw">政务公开</a></td></tr>
    <tr><td><table width="960"><tr><td align="center"><b>关于印发2024年民生实事的通知</b></td></tr>
    <tr><td class="content"><p>各乡镇人民政府，县直各单位：</p><p>现将2024年民生实事印发给你们，请认真组织实施。</p>
    <p>1.新建乡镇卫生院2所。（责任单位：县卫健局）</p><p>2.改造农村公路45公里。（责任单位：县交通局）</p>
    <p>3.新增城镇就业2000人。<br>（责任单位：县人社局）</p>
    <p align="right">某县人民政府办公室</p><p align="right">2024年2月28日</p></td></tr></table></td></tr>
    <tr><td>版权所有：某县人民政府</td></tr></table></body></html>"""
    document = extract_bytes(page.encode("utf-8"), "layout.html")
    assert (document["document"]["issuer"], document["document"]["date"]) == ("某县人民政府办公室", "2024-02-28")
    assert [(item["text"], item["responsible_units"]) for item in document["items"]] == [
        ("新建乡镇卫生院2所。", ["县卫健局"]), ("改造农村公路45公里。", ["县交通局"]), ("新增城镇就业2000人。", ["县人社局"])]
