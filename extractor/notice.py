"""The library API: `extract(path or bytes or text) -> Notice`."""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path

from .pipeline import extract_raw, guarded
from .read import read_bytes, read_file


@dataclass(frozen=True)
class Notice:
    """One extracted notice: the contract JSON and the normalised text its spans point into."""

    data: dict = field(repr=False)
    text: str = field(repr=False)

    @property
    def document(self) -> dict:
        return self.data["document"]

    @property
    def items(self) -> list[dict]:
        return self.data["items"]

    def to_dict(self) -> dict:
        """The contract JSON as a new dict (changing it leaves the Notice as it was)."""
        return copy.deepcopy(self.data)

    def targets(self) -> list[dict]:
        """One flat row per target with its document and item, as in the CSV table."""
        from .spreadsheet import target_rows

        return target_rows(self.data)

    def __repr__(self) -> str:
        return f"Notice({self.document.get('title')!r}, items={len(self.items)}, targets={len(self.targets())})"


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
