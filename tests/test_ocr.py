"""Scanned and photographed notices, read by OCR (extractor/read/ocr.py).

Each scan in corpus/scans/ (made by scripts/make_scanned_corpus.py from a corpus notice) must give
the items and targets of its source, except what OCR really misreads, stated per case as a strict
xfail: a better recogniser shows up as a case to promote.
"""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest

from extractor.read import is_image, ocr, scan_tables

from .conftest import CORPUS, GOLDEN, SCANS, extracted

# scan → (its source in the corpus, what OCR gets wrong there, or None)
SCANNED = {
    "044_luoyang_scan_seal.pdf": ("023_luoyang_truetype.pdf", None),
    "045_nanyang_table_scan.pdf": ("022_nanyang_table_two_pages.pdf", None),
    "046_xinxiang_scan_blur.pdf": ("003_xinxiang_county_inline.txt", None),  # 老日小区 until lines were found at 960 px
    "047_zhumadian_scan_rotated.pdf": ("014_zhumadian_chinese_numerals.txt", None),
    "048_luohe_scan_seal.pdf": ("030_luohe_field_lines.txt", None),
    "049_wuzhong_scan_speckled.pdf": ("020_wuzhong_marker_sentences.txt", None),
    "050_hengshui_photo.jpg": ("042_hengshui_fields_people.txt", None),
    "051_luohe_photo.png": ("030_luohe_field_lines.txt", None),
}


def test_every_scan_has_its_source_listed():
    assert sorted(path.name for path in SCANS.iterdir()) == sorted(SCANNED)


def _targets(document: dict) -> Counter:
    return Counter((item["id"], target["metric"], target["value"], target["unit"], target["comparator"], target["role"])
                   for item in document["items"] for target in item["targets"])


def target_f1(source: dict, scan: dict) -> float:
    """F1 of the scan's targets against its source's (item, metric, value, unit, comparator, role)."""
    expected, got = _targets(source), _targets(scan)
    matched = sum((expected & got).values())
    if not matched:
        return 0.0
    precision, recall = matched / sum(got.values()), matched / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


def _cases() -> list:
    return [pytest.param(scan, source, id=scan,
                         marks=[pytest.mark.xfail(reason=misread, strict=True)] if misread else [])
            for scan, (source, misread) in sorted(SCANNED.items())]


@pytest.mark.parametrize("scan, source", _cases())
def test_a_scan_gives_the_items_and_targets_of_its_source(scan, source):
    expected = json.loads((GOLDEN / f"{source}.json").read_text(encoding="utf-8"))
    got = extracted(SCANS / scan).to_dict()
    assert [(item["id"], item["title"], item["responsible_units"]) for item in got["items"]] == \
        [(item["id"], item["title"], item["responsible_units"]) for item in expected["items"]]
    assert _targets(got) == _targets(expected)
    assert got["document"] == expected["document"]


@pytest.mark.parametrize("scan", sorted(SCANNED))
def test_a_scan_says_it_was_read_by_ocr_and_how_surely(scan):
    source = extracted(SCANS / scan).to_dict()["source"]
    assert source["format"] == ("image" if scan.endswith((".jpg", ".png")) else "pdf-ocr")
    assert source["ocr"]["lines"] > 5
    assert 0.5 <= source["ocr"]["lowest_confidence"] <= source["ocr"]["mean_confidence"] <= 1


@pytest.mark.parametrize("scan", sorted(SCANNED))
def test_even_a_misread_scan_keeps_most_targets(scan):
    source = json.loads((GOLDEN / f"{SCANNED[scan][0]}.json").read_text(encoding="utf-8"))
    assert target_f1(source, extracted(SCANS / scan).to_dict()) >= 0.9


def test_a_pdf_with_text_pages_and_scanned_pages_reads_each_its_own_way():
    """Page 1 keeps its text layer, page 2 is a scan: the text of both, format pdf-ocr."""
    import pypdfium2

    text_pdf = pypdfium2.PdfDocument(str(CORPUS / "023_luoyang_truetype.pdf"))
    scanned = pypdfium2.PdfDocument(str(SCANS / "044_luoyang_scan_seal.pdf"))
    mixed = pypdfium2.PdfDocument.new()
    mixed.import_pages(text_pdf, [0])
    mixed.import_pages(scanned, [1])
    buffer = io.BytesIO()
    mixed.save(buffer)
    from extractor.api import extract

    notice = extract(buffer.getvalue(), name="mixed.pdf")
    expected = json.loads((GOLDEN / "023_luoyang_truetype.pdf.json").read_text(encoding="utf-8"))
    assert notice.data["source"]["format"] == "pdf-ocr"
    assert notice.data["source"]["ocr"]["lines"] < extracted(SCANS / "044_luoyang_scan_seal.pdf").data["source"]["ocr"]["lines"]
    assert _targets(notice.data) == _targets(expected)


# ---- broken and empty images -------------------------------------------------------------------

def _noise_png() -> bytes:
    import numpy
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray((numpy.random.RandomState(7).rand(600, 800, 3) * 255).astype("uint8")).save(buffer, "PNG")
    return buffer.getvalue()


def _blank_png(size=(800, 1000)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("name, make, reason", [
    ("truncated.jpg", lambda: (SCANS / "050_hengshui_photo.jpg").read_bytes()[:5000], "broken image"),
    ("zero.png", lambda: b"\x89PNG\r\n\x1a\n", "broken image"),
    ("noise.png", _noise_png, "no text found by OCR"),
    ("blank.png", _blank_png, "no text found by OCR"),
    ("tiny.png", lambda: _blank_png((120, 90)), "image too small to read"),
])
def test_a_broken_or_empty_image_is_a_one_line_error(tmp_path, run_cli, name, make, reason):
    path = tmp_path / name
    path.write_bytes(make())
    result = run_cli("extract", path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and reason in lines[0], result.stderr


def test_ocr_never_refuses_scans_with_the_way_out(run_cli):
    for scan in ("050_hengshui_photo.jpg", "045_nanyang_table_scan.pdf"):
        result = run_cli("extract", "--ocr", "never", SCANS / scan)
        assert result.returncode == 1 and "needs OCR (--ocr auto or always)" in result.stderr


def test_ocr_always_reads_a_text_pdf_by_its_image(run_cli):
    result = run_cli("extract", "--ocr", "always", CORPUS / "023_luoyang_truetype.pdf")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    expected = json.loads((GOLDEN / "023_luoyang_truetype.pdf.json").read_text(encoding="utf-8"))
    assert document["source"]["format"] == "pdf-ocr"
    assert _targets(document) == _targets(expected)


def test_a_batch_over_scans_shows_progress_and_finishes(tmp_path, run_cli):
    inbox = tmp_path / "scans"
    inbox.mkdir()
    for scan in ("048_luohe_scan_seal.pdf", "051_luohe_photo.png"):
        (inbox / scan).write_bytes((SCANS / scan).read_bytes())
    result = run_cli("batch", inbox, "-o", tmp_path / "out", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert "[2/2] converted" in result.stderr and "2 converted" in result.stderr
    for scan in ("048_luohe_scan_seal.pdf", "051_luohe_photo.png"):
        written = json.loads((tmp_path / "out" / f"{scan}.json").read_text(encoding="utf-8"))
        assert written == extracted(SCANS / scan).to_dict()


# ---- reading order, on boxes and pages drawn here ----------------------------------------------

def _box(text, left, top, right, bottom):
    return scan_tables.OcrLine(text, 0.99, left, top, right, bottom)


def test_boxes_on_one_line_join_and_a_wide_gap_is_a_cell_border():
    rows = scan_tables.reading_order([
        _box("1", 100, 300, 120, 330), _box("新建学校", 300, 302, 420, 332), _box("3所", 425, 301, 470, 331),
        _box("一、总体要求", 100, 100, 300, 130),
    ], 1200)
    assert [scan_tables.row_text(row) for row in rows] == ["一、总体要求", "1\t新建学校3所"]


def test_a_page_in_two_columns_reads_the_left_column_first():
    left = [_box(f"左栏第{n}行的文字内容比较长", 100, 100 + 50 * n, 560, 130 + 50 * n) for n in range(6)]
    right = [_box(f"右栏第{n}行的文字内容也很长", 640, 100 + 50 * n, 1100, 130 + 50 * n) for n in range(6)]
    rows = scan_tables.reading_order(right + left, 1200)
    texts = [scan_tables.row_text(row) for row in rows]
    assert texts == [line.text for line in left] + [line.text for line in right]


def test_a_table_of_short_cells_is_no_two_column_page():
    cells = []
    for n in range(6):
        cells += [_box(str(n + 1), 100, 100 + 50 * n, 130, 130 + 50 * n),
                  _box("改造老旧小区", 640, 100 + 50 * n, 800, 130 + 50 * n)]
    assert scan_tables._column_gutter(cells, 1200) is None


def _blank_page():
    import numpy

    return numpy.full((1600, 1200), 255, dtype=numpy.uint8)


def test_a_table_without_rules_is_read_by_its_columns():
    """No rules, cells wrapped over two lines and set at the top of their rows, a wider space
    between rows than between a cell's lines: one line of tab-separated cells per row (read row
    by row, a wrapped cell's second line was a row of its own)."""
    def line(top, *cells):  # (text, left, right) of each cell on one line
        return [_box(text, left, top, right, top + 30) for text, left, right in cells]

    boxes = (line(100, ("序号", 100, 160), ("项目名称", 250, 370), ("目标任务", 450, 570), ("责任单位", 800, 920))
             + line(160, ("1", 100, 115), ("城镇新增", 250, 370), ("城镇新增就业2.5万人，", 450, 740), ("市人社局", 800, 920))
             + line(200, ("就业", 250, 310), ("失业人员再就业6000人", 450, 720))
             + line(260, ("2", 100, 118), ("老旧小区改造", 250, 400), ("改造老旧小区120个", 450, 690), ("市住建局", 800, 920))
             + line(340, ("以上任务由各责任单位抓好落实，每月报送进展情况。", 100, 1000)))
    assert "\n".join(scan_tables.laid_out(boxes, _blank_page(), 0)).split("\n") == [
        "序号\t项目名称\t目标任务\t责任单位",
        "1\t城镇新增就业\t城镇新增就业2.5万人，失业人员再就业6000人\t市人社局",
        "2\t老旧小区改造\t改造老旧小区120个\t市住建局",
        "以上任务由各责任单位抓好落实，每月报送进展情况。"]


def test_running_text_and_a_page_in_two_columns_are_no_table_without_rules():
    prose = [_box("这是一段正文的文字内容，写满了整整一行。" * 2, 100, 100 + 40 * n, 1100, 130 + 40 * n)
             for n in range(5)]
    prose.append(_box("最后一行较短。", 100, 300, 400, 330))
    left = [_box(f"左栏第{n}行的文字内容比较长", 100, 500 + 50 * n, 560, 530 + 50 * n) for n in range(6)]
    right = [_box(f"右栏第{n}行的文字内容也很长", 640, 500 + 50 * n, 1100, 530 + 50 * n) for n in range(6)]
    assert scan_tables.column_tables(prose) == [] and scan_tables.column_tables(left + right) == []
    # and laid out on the page, the left column first (the rows were put back in order of height)
    laid_out = scan_tables.laid_out(right + left, _blank_page(), 0)
    assert laid_out == [line.text for line in left] + [line.text for line in right]


def test_a_ruled_table_is_found_with_its_rules():
    import numpy
    from PIL import Image, ImageDraw

    page = Image.new("L", (1200, 1600), 255)
    draw = ImageDraw.Draw(page)
    for y in (300, 380, 460, 540):
        draw.line((100, y, 1100, y), fill=0, width=2)
    for x in (100, 200, 700, 1100):
        draw.line((x, 300, x, 540), fill=0, width=2)
    draw.line((100, 1000, 1100, 1000), fill=0, width=2)  # a rule alone is no table
    grids = scan_tables.ruled_tables(numpy.asarray(page))
    assert len(grids) == 1
    assert [round(x, -1) for x in grids[0].columns] == [100, 200, 700, 1100]
    assert [round(y, -1) for y in grids[0].rows] == [300, 380, 460, 540]
    assert grids[0].cell(450, 420) == (1, 1)


@pytest.mark.parametrize("last_line, written", [
    ("一1一", "— 1 —"), ("—2-", "— 2 —"), ("-12 -", "— 12 —"), ("3", "— 3 —"),  # the dashes lost: 044's foot
    ("5.", "5."), ("2024", "2024"), ("共3页", "共3页"), ("合计 12", "合计 12"),
])
def test_a_pages_last_line_that_is_its_number_is_written_as_a_folio(last_line, written):
    assert ocr._page_number(last_line) == written


def test_red_ink_is_taken_out_and_black_ink_kept():
    import numpy

    page = numpy.array([[(210, 40, 40), (240, 190, 190), (20, 20, 20), (128, 128, 128)]], dtype=numpy.uint8)
    assert ocr._without_red_ink(page).tolist() == [[[255, 255, 255], [255, 255, 255], [20, 20, 20], [128, 128, 128]]]


@pytest.mark.parametrize("data, expected", [
    (b"\x89PNG\r\n\x1a\n....", True), (b"\xff\xd8\xff\xe0....", True), (b"II*\x00....", True),
    (b"MM\x00*....", True), (b"BM\x36\x00\x0c\x00\x00\x00\x00\x00", True),
    ("BMW新能源汽车推广".encode("utf-8"), False), ("1.新建学校3所".encode("utf-8"), False), (b"%PDF-1.7", False),
])
def test_images_are_told_apart_by_content(data, expected):
    assert is_image(data) is expected
