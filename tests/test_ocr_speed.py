"""OCR's speed-minded parts: what they must keep while they save time (speed itself is measured by
`make bench`, never here), and a batch that reads the pages of a long scan on all its workers."""

from __future__ import annotations

import io
import json
import re

import numpy
import pytest

from extractor import read
from extractor.read import ocr

from .conftest import CORPUS, SCANS, extracted


def test_red_ink_removal_follows_its_rule_for_every_red_and_other():
    """Red above 90 and more than 30 above the larger of green and blue turns white, whatever the
    byte arithmetic: every pair of red and other level, with other as green, as blue and as both."""

    levels = numpy.arange(256, dtype=numpy.int32)
    red, other = numpy.meshgrid(levels, levels, indexing="ij")
    zeros = numpy.zeros_like(red)
    layouts = [(red, other, zeros), (red, zeros, other), (red, other, other), (red, other // 2, other)]
    pixels = numpy.concatenate([numpy.stack(layout, axis=-1) for layout in layouts]).astype(numpy.uint8)
    cleaned = ocr._without_red_ink(pixels.copy()).astype(numpy.int32)
    source = pixels.astype(numpy.int32)
    reddish = (source[..., 0] > 90) & (source[..., 0] - source[..., 1:].max(axis=-1) > 30)
    assert reddish.sum() > 10_000 and (~reddish).sum() > 10_000
    assert (cleaned[reddish] == 255).all()
    assert (cleaned[~reddish] == source[~reddish]).all()


def test_a_line_reads_the_same_alone_and_among_wider_lines():
    """The recogniser reads one line at a time: a batch of lines padded to its widest would change
    a narrow line's reading by the lines beside it."""
    import pypdfium2

    engine = ocr._engine()
    document = pypdfium2.PdfDocument(str(SCANS / "048_luohe_scan_seal.pdf"))
    pixels = numpy.asarray(ocr.render_pdf_page(document, 0).convert("RGB"))
    document.close()
    boxes, _ = engine.auto_text_det(pixels)
    crops = sorted(engine.get_crop_img_list(pixels, boxes), key=lambda crop: crop.shape[1] / crop.shape[0])
    narrow, wide = crops[0], crops[-1]
    assert wide.shape[1] / wide.shape[0] > 3 * narrow.shape[1] / narrow.shape[0]
    alone, _ = engine.text_rec([narrow])
    among, _ = engine.text_rec([narrow, *crops[-5:]])
    assert alone[0][0] and alone[0] == among[0]


# ---- which pages a batch reads by OCR ------------------------------------------------------------

def _mixed_pdf() -> bytes:
    """Page 1 with a text layer, page 2 a scan."""
    import pypdfium2

    mixed = pypdfium2.PdfDocument.new()
    mixed.import_pages(pypdfium2.PdfDocument(str(CORPUS / "023_luoyang_truetype.pdf")), [0])
    mixed.import_pages(pypdfium2.PdfDocument(str(SCANS / "044_luoyang_scan_seal.pdf")), [1])
    buffer = io.BytesIO()
    mixed.save(buffer)
    return buffer.getvalue()


def _two_frame_tiff() -> bytes:
    from PIL import Image

    photos = [Image.open(SCANS / name).convert("RGB") for name in ("051_luohe_photo.png", "050_hengshui_photo.jpg")]
    buffer = io.BytesIO()
    photos[0].save(buffer, "TIFF", save_all=True, append_images=photos[1:], compression="tiff_lzw")
    return buffer.getvalue()


@pytest.mark.parametrize("make, mode, pages", [
    (lambda: (SCANS / "044_luoyang_scan_seal.pdf").read_bytes(), "auto", [1, 2]),
    (lambda: (CORPUS / "023_luoyang_truetype.pdf").read_bytes(), "auto", []),
    (lambda: (CORPUS / "023_luoyang_truetype.pdf").read_bytes(), "always", [1, 2]),
    (lambda: (SCANS / "044_luoyang_scan_seal.pdf").read_bytes(), "never", []),
    (_mixed_pdf, "auto", [2]),
    (lambda: (SCANS / "050_hengshui_photo.jpg").read_bytes(), "auto", [1]),
    (_two_frame_tiff, "auto", [1, 2]),
    (lambda: (CORPUS / "003_xinxiang_county_inline.txt").read_bytes(), "always", []),
    (lambda: b"%PDF-1.7 truncated", "auto", []),
])
def test_the_pages_ocr_will_read_are_known_before_reading(make, mode, pages):
    read.set_ocr_mode(mode)
    try:
        assert read.ocr_pages(make()) == pages
    finally:
        read.set_ocr_mode("auto")


def test_a_page_read_alone_is_the_page_read_with_its_document():
    data = (SCANS / "044_luoyang_scan_seal.pdf").read_bytes()
    alone = read.read_page(data, "044_luoyang_scan_seal.pdf", 2)
    assert alone.text and alone.text in read.read_bytes(data, "044_luoyang_scan_seal.pdf").text
    with ocr.pages_read_elsewhere({2: ocr.OcrPage("第二页由别处读出", (0.9,))}):
        text = read.read_bytes(data, "044_luoyang_scan_seal.pdf").text
    assert text.endswith("\n\n第二页由别处读出") and alone.text not in text
    assert read.read_bytes(data, "044_luoyang_scan_seal.pdf").text.endswith(alone.text)  # given for one document only


# ---- a batch spreads the pages of a scan over its workers ---------------------------------------

def _processes(stderr: str, name: str) -> int:
    found = re.search(rf"converted {re.escape(name)} \((\d+) pages read in (\d+) processes\)", stderr)
    assert found, stderr
    return int(found.group(2))


def test_a_batch_reads_the_pages_of_a_scan_on_every_worker(tmp_path, run_cli):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "044_luoyang_scan_seal.pdf").write_bytes((SCANS / "044_luoyang_scan_seal.pdf").read_bytes())
    (inbox / "two_photos.tiff").write_bytes(_two_frame_tiff())
    (inbox / "003_xinxiang_county_inline.txt").write_bytes((CORPUS / "003_xinxiang_county_inline.txt").read_bytes())
    result = run_cli("batch", inbox, "-o", tmp_path / "out", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert _processes(result.stderr, "044_luoyang_scan_seal.pdf") == 2
    assert _processes(result.stderr, "two_photos.tiff") == 2
    assert "converted 003_xinxiang_county_inline.txt\n" in result.stderr
    written = json.loads((tmp_path / "out" / "044_luoyang_scan_seal.pdf.json").read_text(encoding="utf-8"))
    assert written == extracted(SCANS / "044_luoyang_scan_seal.pdf").to_dict()
    alone = run_cli("extract", inbox / "two_photos.tiff")
    assert alone.returncode == 0, alone.stderr
    assert json.loads((tmp_path / "out" / "two_photos.tiff.json").read_text(encoding="utf-8")) == json.loads(alone.stdout)


def test_a_scan_whose_page_fails_fails_as_it_does_alone(tmp_path, run_cli):
    """Page 2 is too small to read: one line in errors.jsonl, the reason `extract` gives."""
    import pypdfium2

    scan = pypdfium2.PdfDocument.new()
    scan.import_pages(pypdfium2.PdfDocument(str(SCANS / "048_luohe_scan_seal.pdf")), [0])
    tiny = pypdfium2.PdfDocument(str(SCANS / "048_luohe_scan_seal.pdf"))
    tiny[0].set_mediabox(0, 0, 50, 50)
    scan.import_pages(tiny, [0])
    inbox = tmp_path / "in"
    inbox.mkdir()
    with open(inbox / "small_page.pdf", "wb") as handle:
        scan.save(handle)
    alone = run_cli("extract", inbox / "small_page.pdf")
    assert alone.returncode == 1 and "image too small to read" in alone.stderr
    result = run_cli("batch", inbox, "-o", tmp_path / "out", "--jobs", "2")
    assert result.returncode == 1
    errors = (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(errors) == 1
    assert json.loads(errors[0])["file"] == "small_page.pdf"
    assert alone.stderr.strip().endswith(json.loads(errors[0])["reason"])
