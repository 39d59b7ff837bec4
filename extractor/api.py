"""The library API: `extract(path or bytes or text) -> Notice`."""

from __future__ import annotations

import os
from pathlib import Path

from .base.errors import NoticeError
from .base.model import Notice
from .pipeline import extract_raw, file_size, guarded
from .read import read_bytes, read_file


def extract(source: str | bytes | os.PathLike, name: str | None = None) -> Notice:
    """Extract a notice. What the argument is decides how it is read, never a guess:

    - a `pathlib.Path` (any `os.PathLike`) is a file to read;
    - `bytes` are the contents of a file (PDF, .docx, web page or text in any encoding);
    - a `str` is the notice text itself.

    Raises extractor.NoticeError with a one-line reason when the input is no readable notice.
    """
    if isinstance(source, os.PathLike):
        return extract_file(source)
    if isinstance(source, (bytes, bytearray)):
        return _extract(read_bytes, bytes(source), name or "<bytes>")
    if isinstance(source, str):
        return extract_text(source, name)
    raise TypeError(f"extract() takes a Path, bytes or str, not {type(source).__name__}")


def extract_file(path: str | os.PathLike) -> Notice:
    """Extract the notice in a file (a path as a Path or a str)."""
    label = Path(path).name or str(path)
    with guarded(label, file_size(path)):
        data, normalised = extract_raw(read_file(path))
    return Notice(data, normalised.text)


def extract_text(text: str, name: str | None = None) -> Notice:
    """Extract a notice from its text."""
    label = name or "<text>"
    try:
        return _extract(read_bytes, text.encode("utf-8"), label)
    except NoticeError as error:
        if "no Chinese text" in error.reason and _looks_like_a_path(text):
            raise NoticeError(label, f"no Chinese text in the text given; to read the file {text!r}, "
                                     "pass a pathlib.Path or call extract_file") from None
        raise


def _extract(read, data: bytes, label: str) -> Notice:
    with guarded(label, len(data)):
        raw = read(data, label)
        document, normalised = extract_raw(raw)
    return Notice(document, normalised.text)


def _looks_like_a_path(text: str) -> bool:
    return "\n" not in text and len(text) < 260 and Path(text).suffix.lower() in (
        ".txt", ".pdf", ".docx", ".html", ".htm", ".json")
