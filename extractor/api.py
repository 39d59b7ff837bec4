"""The library API: `extract(path or bytes or text) -> Notice`."""

from __future__ import annotations

import os
from pathlib import Path

from .model import Notice
from .pipeline import extract_raw, guarded
from .read import read_bytes, read_file


def extract(source: str | bytes | os.PathLike, name: str | None = None) -> Notice:
    """Extract a notice from a file path, the file's bytes, or the notice text itself.

    Raises extractor.NoticeError with a one-line reason when the input is no readable notice.
    """
    is_path = isinstance(source, os.PathLike) or (isinstance(source, str) and "\n" not in source
                                                  and len(source) < 4096 and Path(source).is_file())
    label = name or (Path(source).name if is_path else "<bytes>" if isinstance(source, bytes) else "<text>")
    with guarded(label):
        if isinstance(source, bytes):
            raw = read_bytes(source, label)
        elif is_path:
            raw = read_file(source)
        else:
            raw = read_bytes(source.encode("utf-8"), label)
        data, normalised = extract_raw(raw)
    return Notice(data, normalised.text)
