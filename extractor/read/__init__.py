"""Stage 1, read: bytes → raw text, the encoding told apart by content, not by name."""

from __future__ import annotations

import codecs
import hashlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from ..base import patterns

from ..base.errors import NoticeError

# Bytes that never stand in a text notice: NUL and the C0 controls other than tab, LF, FF, CR.
_CONTROL_BYTES = bytes(range(0, 32)).translate(None, b"\t\n\x0c\r")


@dataclass(frozen=True)
class RawDocument:
    name: str
    sha256: str
    format: str
    encoding: str
    text: str
    ocr_confidences: tuple[float, ...] | None = None  # of every line read by OCR, if any was


# When to read by OCR: auto (pages and images without a text layer), always, never (`--ocr`).
OCR_MODE = "auto"


def set_ocr_mode(mode: str) -> None:
    global OCR_MODE
    OCR_MODE = mode


def read_bytes(data: bytes, name: str) -> RawDocument:
    """The raw text of a notice, the format told apart by content, not by the file's name:
    PDF (its scanned pages read by OCR), an image (read by OCR), .docx (a zip), a web page, else
    text in UTF-8 (BOM or not), UTF-16 or GB18030/GBK."""
    _refuse_size(name, len(data))
    if not data.strip():
        raise NoticeError(name, "empty file")
    digest = hashlib.sha256(data).hexdigest()
    kind = sniff(data)
    if kind == "pdf":
        from .pdf import read_pdf

        text, confidences = read_pdf(data, name, OCR_MODE)
        return RawDocument(name, digest, "pdf-ocr" if confidences is not None else "pdf", "", text, confidences)
    if kind == "image":
        if OCR_MODE == "never":
            raise NoticeError(name, "an image: it needs OCR (--ocr auto or always)")
        from .ocr import image_text

        text, confidences = image_text(data, name)
        return RawDocument(name, digest, "image", "", text, confidences)
    if kind == "zip":
        from .docx import docx_text

        return RawDocument(name, digest, "docx", "", docx_text(data, name))
    if kind == "html":
        from .html import html_text

        return RawDocument(name, digest, "html", "", html_text(data, name))
    text, encoding = _decode(data, name)
    if not patterns.search(r"\p{Han}", text):
        raise NoticeError(name, f"no Chinese text found (decoded as {encoding}); not a notice")
    return RawDocument(name=name, sha256=digest, format="txt", encoding=encoding, text=text)


def ocr_pages(data: bytes) -> list[int]:
    """The pages (from 1) of a PDF or an image file that reading it will likely give to OCR under
    the OCR mode, so that a batch can read those of a long scan in several processes. A plan only:
    the reader decides again and reads any page it was not given."""
    kind = sniff(data)
    if OCR_MODE == "never" or kind not in ("pdf", "image"):
        return []
    if kind == "pdf":
        from .pdf import scanned_pages

        return scanned_pages(data, every=OCR_MODE == "always")
    from PIL import Image

    try:
        frames = getattr(Image.open(io.BytesIO(data)), "n_frames", 1)
    except Exception:  # the image reader reports what is wrong with the file
        return []
    return list(range(1, frames + 1))


def read_page(data: bytes, name: str, number: int):
    """Page `number` (from 1) of a PDF or an image file read by OCR, as reading the whole file
    would read it (an OcrPage)."""
    from . import ocr

    if sniff(data) != "pdf":
        return ocr.recognise(ocr.image_pages(data, name)[number - 1], name, number)
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        image = ocr.render_pdf_page(document, number - 1)
    finally:
        document.close()
    return ocr.recognise(image, name, number)


def is_image(data: bytes) -> bool:
    """PNG, JPEG, TIFF, BMP, GIF or WebP, by their signatures (here, not in ocr.py: telling a file
    apart must not load the OCR module)."""
    return data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF87a", b"GIF89a")) \
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP") \
        or (data[:2] == b"BM" and data[6:10] == b"\x00\x00\x00\x00")  # BMP: its reserved bytes are zero


def sniff(data: bytes) -> str:
    """pdf, zip, image, html or text, from the first bytes."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-") or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if is_image(data):
        return "image"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    from .html import looks_like_html

    if looks_like_html(data):
        return "html"
    return "text"


# Inputs over this size are refused before they are read whole (`--max-mb` changes it).
MAX_BYTES = 20 * 1024 * 1024


def set_max_bytes(limit: int) -> None:
    global MAX_BYTES
    MAX_BYTES = limit


def _refuse_size(name: str, size: int) -> None:
    if size > MAX_BYTES:
        raise NoticeError(name, f"file is {describe_size(size)}, over the {describe_size(MAX_BYTES)} limit "
                                "(set a larger one with --max-mb)")


def describe_size(count: int) -> str:
    return f"{count / 1048576:.4g} MB" if count >= 1048576 else f"{count / 1024:.4g} KB"


STDIN = "-"  # the file name that stands for standard input


def read_file(path: str | Path) -> RawDocument:
    """Read a file, a device, a FIFO or standard input (`-`), never more than the limit."""
    if str(path) == STDIN:
        return read_bytes(_bounded_read(sys.stdin.buffer, "<stdin>"), "<stdin>")
    path = Path(path)
    try:
        if path.is_file():
            _refuse_size(path.name, path.stat().st_size)
        with path.open("rb") as stream:
            data = _bounded_read(stream, path.name)
    except IsADirectoryError:
        raise NoticeError(str(path), "is a directory, not a file") from None
    except FileNotFoundError:
        raise NoticeError(str(path), "no such file") from None
    except OSError as error:
        raise NoticeError(str(path), f"cannot read: {error.strerror or error}") from None
    return read_bytes(data, path.name)


def _bounded_read(stream, name: str) -> bytes:
    """At most the limit and one byte more: a device or a pipe that never ends is refused there."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise NoticeError(name, f"input goes on past the limit: over the {describe_size(MAX_BYTES)} limit "
                                "(set a larger one with --max-mb)")
    return data


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8):], "utf-8", name), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name), "utf-16"
    if _looks_like_bomless_utf16(data):
        encoding = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        return _strict(data, encoding, name), encoding
    if any(byte in _CONTROL_BYTES for byte in data[:65536]):
        raise NoticeError(name, "binary data (control bytes), not a text notice")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise NoticeError(name, "undecodable bytes: neither UTF-8, UTF-16 nor GB18030/GBK") from None
    if not _plausible_chinese(text):
        raise NoticeError(name, "not Chinese text in UTF-8, UTF-16 or GB18030/GBK (another encoding, "
                                "such as Big5 or Shift-JIS?)")
    return text, "gb18030"


def _plausible_chinese(text: str) -> bool:
    """GB18030 decodes almost any bytes; Big5 or Shift-JIS read that way give rare characters,
    kana and private-use code points, where a notice is nearly all of the 3,755 common characters
    (GB2312 level 1)."""
    sample = [c for c in text[:20000] if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" or "\ue000" <= c <= "\uf8ff"]
    if len(sample) < 20:
        return True
    common = 0
    for character in sample:
        try:
            common += 0xB0 <= character.encode("gb2312")[0] <= 0xD7
        except UnicodeEncodeError:
            pass
    return common >= 0.6 * len(sample)


def _looks_like_bomless_utf16(data: bytes) -> bool:
    """UTF-16 without BOM: the NULs of its ASCII characters (line ends, digits) all stand on
    one side of the byte pairs; Chinese characters themselves have none."""
    sample = data[:65536]
    if len(sample) < 4 or len(sample) % 2:
        return False
    even_zero, odd_zero = sample[0::2].count(0), sample[1::2].count(0)
    return max(even_zero, odd_zero) >= max(2, len(sample) // 200) and min(even_zero, odd_zero) * 8 <= max(even_zero, odd_zero)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise NoticeError(name, f"undecodable bytes for {encoding} at byte {error.start}") from None
