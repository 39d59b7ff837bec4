"""Reading scans (part of stage 1): page images → text in reading order, with RapidOCR.

Many notices are published only as a scanned or photographed red-header document. RapidOCR runs
the PP-OCR Chinese detection and recognition models (shipped inside its wheel, so nothing is
downloaded) on the CPU (ocr_models: with OpenVINO, sized for speed). What it gives is boxes of text; this module puts them
back into lines the way the page reads: red ink (stamps, the red header's rules) is taken out
before recognition, a slightly rotated page is straightened by the slope of its lines, a page set
in two columns is read column by column, and boxes standing apart on one line (a table's cells)
are separated by a tab, the cell border the table reader knows. Page numbers and the like stay in
the text: the normaliser drops them as it does for every other reader.
"""

from __future__ import annotations

import contextlib
import functools
import io
from dataclasses import dataclass

from ..base import patterns
from ..base.errors import NoticeError
from . import ocr_models
from .scan_tables import OcrLine, laid_out, skew

# Below this size (pixels, the shorter side) an image holds no readable notice text.
MIN_SIDE = 200
# Pages are rendered for the recogniser at this resolution: PP-OCR reads body text best when a
# character is some 30 pixels high.
RENDER_DPI = 200
# A recognised line below this confidence is noise (a stamp's rim, a speck), not text.
MIN_CONFIDENCE = 0.5

# The document's time budget grows by this much CPU time for each page read (a page takes a few
# seconds on a slow machine).
SECONDS_PER_PAGE = 60.0


@dataclass(frozen=True)
class OcrPage:
    text: str
    confidences: tuple[float, ...]  # of the lines kept, in reading order


@functools.cache
def _engine():
    try:
        return ocr_models.engine()
    except ImportError as error:  # pragma: no cover - a broken installation
        raise RuntimeError(f"the OCR engine cannot be loaded ({error})") from None


def recognise(image, name: str, page: int = 1) -> OcrPage:
    """The text of one page image (a PIL image, closed once read), in reading order."""
    import numpy
    from PIL import Image

    patterns.extend_deadline(SECONDS_PER_PAGE)
    if min(image.size) < MIN_SIDE:
        raise NoticeError(name, f"image too small to read ({image.size[0]}×{image.size[1]} pixels)")
    pixels = _without_red_ink(numpy.array(image.convert("RGB")))
    image.close()  # read once: its memory goes before the recogniser's comes
    try:
        engine = _engine()
    except RuntimeError as error:
        raise NoticeError(name, f"cannot run OCR: {error}") from None
    try:
        found, _ = engine(pixels, return_word_box=True)
    except Exception as error:  # onnxruntime and OpenCV raise their own kinds
        raise NoticeError(name, f"OCR failed on page {page} ({type(error).__name__}: {str(error)[:80]})") from None
    found = [entry for entry in (found or []) if entry[1].strip() and entry[2] >= MIN_CONFIDENCE]
    lines = [_line(entry) for entry in found]
    # tables are looked for on the page straightened by the skew of its lines
    gray = numpy.asarray(Image.fromarray(pixels).convert("L"))
    del pixels
    texts = laid_out(lines, gray, skew(found), lambda piece: _read_alone(engine, piece))
    if texts:
        texts[-1] = _page_number(texts[-1])
    text = "\n".join(texts)
    return OcrPage(text, tuple(line.confidence for line in lines))


def _read_alone(engine, piece) -> list[OcrLine]:
    """A piece of the page (grey levels) read on its own: a table cell whose ink the page's
    reading passed over."""
    found, _ = engine(piece, return_word_box=True)
    return [_line(entry) for entry in found or [] if entry[1].strip() and entry[2] >= MIN_CONFIDENCE]


_FOLIO = patterns.compiled(r"(?:[一—－\-–]+ ?)?(\d{1,3})(?: ?[一—－\-–]+)?")


def _page_number(last_line: str) -> str:
    """The folio at a page's foot, `— 1 —`, comes back as 一1一 (a dash read as the character
    for one), or as the bare number where the dashes, thin strokes, were not taken for text: written
    as the dashes it is, so that the normaliser drops it like any page number."""
    folio = _FOLIO.fullmatch(last_line.strip())
    return f"— {folio.group(1)} —" if folio else last_line


def _line(entry) -> OcrLine:
    box, text, confidence = entry[0], entry[1], entry[2]
    xs, ys = [point[0] for point in box], [point[1] for point in box]
    characters = ()
    if len(entry) >= 5 and entry[3] and len(entry[3]) == len(entry[4]):
        characters = tuple((character, min(p[0] for p in corners), min(p[1] for p in corners),
                            max(p[0] for p in corners), max(p[1] for p in corners))
                           for corners, character in zip(entry[3], entry[4]))
    return OcrLine(text.strip(), float(confidence), min(xs), min(ys), max(xs), max(ys), characters)


def _without_red_ink(pixels):
    """Seals and the red header's rules are red: turned white (in the RGB array given), so that the
    recogniser reads the black text under a seal and no seal's rim as words. (A red header's title
    goes with them; the issuer signs again at the end.)"""
    import cv2

    red, green, blue = cv2.split(pixels)
    # the seal's own strokes and their pink, anti-aliased rims; black and grey ink is neutral
    # (OpenCV's subtraction of bytes stops at 0: half the time of numpy's in 16 bits; each step
    # writes over a channel no longer needed, to keep a page's memory down)
    cv2.max(green, blue, dst=green)
    cv2.subtract(red, green, dst=green)
    cv2.threshold(green, 30, 255, cv2.THRESH_BINARY, dst=green)
    cv2.threshold(red, 90, 255, cv2.THRESH_BINARY, dst=red)
    cv2.bitwise_and(red, green, dst=red)
    pixels[red > 0] = 255
    return pixels


# ---- images ------------------------------------------------------------------------------------

def image_pages(data: bytes, name: str) -> list:
    """The frames of an image file (a multi-page TIFF has several), as PIL images."""
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
        frames = [ImageOps.exif_transpose(frame.copy()) for frame in ImageSequence.Iterator(image)]
    except UnidentifiedImageError:
        raise NoticeError(name, "broken image (no image format can read it)") from None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise NoticeError(name, f"broken image ({type(error).__name__}: {str(error)[:80]})") from None
    if not frames or any(min(frame.size) == 0 for frame in frames):
        raise NoticeError(name, "empty image (zero pixels)")
    return frames


def image_text(data: bytes, name: str) -> tuple[str, tuple[float, ...]]:
    """Text and line confidences of every page of an image file; pages apart by a blank line."""
    pages = [read_elsewhere(number) or recognise(frame, name, number)
             for number, frame in enumerate(image_pages(data, name), 1)]
    return _joined(pages, name)


def _joined(pages: list[OcrPage], name: str) -> tuple[str, tuple[float, ...]]:
    text = "\n\n".join(page.text for page in pages)
    if not any("\u4e00" <= character <= "\u9fff" for character in text):
        raise NoticeError(name, "no text found by OCR (a blank page or not a document?)")
    return text, tuple(confidence for page in pages for confidence in page.confidences)


def render_pdf_page(document, number: int):
    """A PDF page as an image for the recogniser (pypdfium2), at RENDER_DPI."""
    return document[number].render(scale=RENDER_DPI / 72).to_pil()


# ---- pages read in other processes ---------------------------------------------------------------

_READ_ELSEWHERE: dict[int, OcrPage] = {}


@contextlib.contextmanager
def pages_read_elsewhere(pages: dict[int, OcrPage]):
    """Within: these pages (by number, from 1) of the document being read are taken as they were
    read, not recognised again. A batch reads the pages of a long scan on all its workers, then puts
    the document together on one."""
    _READ_ELSEWHERE.update(pages)
    try:
        yield
    finally:
        _READ_ELSEWHERE.clear()


def read_elsewhere(number: int) -> OcrPage | None:
    return _READ_ELSEWHERE.get(number)
