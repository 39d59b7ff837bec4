"""Stage 1, read: bytes → raw text, the encoding told apart by content, not by name."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import patterns

from .errors import NoticeError

# Bytes that never stand in a text notice: NUL and the C0 controls other than tab, LF, FF, CR.
_CONTROL_BYTES = bytes(range(0, 32)).translate(None, b"\t\n\x0c\r")


@dataclass(frozen=True)
class RawDocument:
    name: str
    sha256: str
    format: str
    encoding: str
    text: str


def read_bytes(data: bytes, name: str) -> RawDocument:
    """The raw text of a notice, the format told apart by content, not by the file's name:
    PDF, .docx (a zip), a web page, else text in UTF-8 (BOM or not), UTF-16 or GB18030/GBK."""
    if not data.strip():
        raise NoticeError(name, "empty file")
    digest = hashlib.sha256(data).hexdigest()
    kind = sniff(data)
    if kind == "pdf":
        from .read_pdf import pdf_text

        return RawDocument(name, digest, "pdf", "", pdf_text(data, name))
    if kind == "zip":
        from .read_docx import docx_text

        return RawDocument(name, digest, "docx", "", docx_text(data, name))
    if kind == "html":
        from .read_html import html_text

        return RawDocument(name, digest, "html", "", html_text(data, name))
    text, encoding = _decode(data, name)
    if not patterns.search(r"\p{Han}", text):
        raise NoticeError(name, f"no Chinese text found (decoded as {encoding}); not a notice")
    return RawDocument(name=name, sha256=digest, format="txt", encoding=encoding, text=text)


def sniff(data: bytes) -> str:
    """pdf, zip, html or text, from the first bytes."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-") or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    from .read_html import looks_like_html

    if looks_like_html(data):
        return "html"
    return "text"


def read_file(path: str | Path) -> RawDocument:
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise NoticeError(str(path), "is a directory, not a file") from None
    except OSError as error:
        raise NoticeError(str(path), f"cannot read: {error.strerror or error}") from None
    return read_bytes(data, path.name)


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
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise NoticeError(name, "undecodable bytes: neither UTF-8, UTF-16 nor GB18030/GBK")


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
