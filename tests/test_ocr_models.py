"""The OCR models as ocr_models sets them up: the recogniser made for short lines reads as the
unchanged model does under onnxruntime, and a line is read again at full height only when unsure."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest

from extractor.read import ocr, ocr_models

from .scans import script


def _line_image(text: str, height: int = 44):
    """A line of text drawn in the corpus's TrueType font, as a cut-out line (RGB array)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(script("make_format_corpus").TRUETYPE), int(height * 0.7), index=0)
    width = int(font.getlength(text)) + height
    image = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(image).text((height // 2, height // 2), text, font=font, fill="black", anchor="lm")
    return numpy.asarray(image)


@pytest.fixture(scope="module")
def recogniser():
    return ocr._engine().text_rec


def test_the_recogniser_made_for_short_lines_reads_what_onnxruntime_reads_with_the_unchanged_model(recogniser):
    """OpenVINO will not pool three rows of feature out of two, onnxruntime runs the model as it is;
    the model ocr_models changes for 36-pixel lines reads the line as onnxruntime does."""
    import cv2
    import onnxruntime
    import rapidocr_onnxruntime

    model = Path(rapidocr_onnxruntime.__file__).parent / "models" / "ch_PP-OCRv4_rec_infer.onnx"
    session = onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    line = _line_image("全年培训7300人以上，新建充电桩1900个")
    pixels = numpy.zeros((1, 3, ocr_models.FAST_HEIGHT, 640), dtype=numpy.float32)
    width = round(line.shape[1] * ocr_models.FAST_HEIGHT / line.shape[0])
    pixels[0, :, :, :width] = cv2.resize(line, (width, ocr_models.FAST_HEIGHT)).transpose((2, 0, 1)) / 127.5 - 1.0
    expected = session.run(None, {session.get_inputs()[0].name: pixels})[0]
    got = recogniser.fast(pixels)[0]
    assert got.shape == expected.shape
    assert recogniser.decode(got, False)[0][0] == recogniser.decode(expected, False)[0][0] == "全年培训7300人以上，新建充电桩1900个"


def test_a_line_read_with_certainty_is_read_once(recogniser):
    before = recogniser.lines_read_again
    (text, confidence, *_), = recogniser([_line_image("全年培训7300人以上，新建充电桩1900个")])[0]
    assert text == "全年培训7300人以上，新建充电桩1900个" and confidence > 0.9
    assert recogniser.lines_read_again == before


def test_a_line_the_recogniser_is_unsure_of_is_read_again_at_full_height(recogniser, monkeypatch):
    line = _line_image("2024年全市孕早中期产前筛查覆盖率达到65%")
    monkeypatch.setattr(ocr_models, "UNSURE_BELOW", 1.01)  # every character is then unsure
    before = recogniser.lines_read_again
    (text, *_), = recogniser([line])[0]
    assert recogniser.lines_read_again == before + 1 and text == "2024年全市孕早中期产前筛查覆盖率达到65%"


def test_a_line_of_a_few_characters_is_read_at_full_height_alone(recogniser, monkeypatch):
    """A lone row number: at 32 pixels a 5 was read, with confidence, as S."""
    def never(_):
        raise AssertionError("a short line was read at the fast height")

    monkeypatch.setattr(recogniser, "fast", never)
    (text, *_), = recogniser([_line_image("5")])[0]
    assert text.strip() == "5"


@pytest.mark.parametrize("best, expected", [
    ([1, 1, 0, 2, 2, 0], 0.6),  # characters 1 and 2, each scored where first met after a blank
    ([0, 0, 0], 0.0),            # nothing read
])
def test_the_least_certain_character_is_the_lowest_score_the_decoding_keeps(best, expected):
    scores = numpy.zeros((1, len(best), 3), dtype=numpy.float32)
    for step, (character, score) in enumerate(zip(best, [0.9, 0.5, 0.99, 0.6, 0.3, 0.99])):
        scores[0, step, character] = score
    assert ocr_models._least_certain(scores) == pytest.approx(expected)


def test_a_box_turned_far_from_the_lines_is_set_upright_and_a_line_on_a_turned_page_is_kept():
    lone_one = numpy.array([[228, 462], [245, 453], [257, 476], [239, 485]], dtype=numpy.float32)  # 28°
    line = numpy.array([[100, 300], [900, 316], [899, 350], [99, 334]], dtype=numpy.float32)  # 1.1°
    upright, kept = ocr_models._upright(numpy.array([lone_one, line]))
    assert upright.tolist() == [[228, 453], [257, 453], [257, 485], [228, 485]]
    assert kept.tolist() == line.tolist()
