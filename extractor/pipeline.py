"""The stages in order: read → normalise → outline → quantities/metrics (targets) → output."""

from __future__ import annotations

from pathlib import Path

from . import output, roles
from .errors import NoticeError
from .normalise import NormalisedText, normalise
from .outline import build_outline
from .read import RawDocument, read_bytes, read_file
from .targets import item_targets, item_text


def extract_raw(raw: RawDocument) -> tuple[dict, NormalisedText]:
    normalised = normalise(raw.text)
    outline = build_outline(normalised)
    if not outline.items:
        raise NoticeError(raw.name, "no numbered task items found; not a task notice")
    text = normalised.text
    tenses = {}
    for section in range(1, outline.sections + 1):
        texts = [item_text(text, item) for item in outline.items if item.section == section]
        tenses[section] = roles.list_tense(texts)
    several = outline.sections > 1
    items = [
        output.item_json(item, text, item_targets(text, item, tenses[item.section], outline.document["year"]), several)
        for item in outline.items
    ]
    return output.document_json(raw, outline.document, items), normalised


def extract_path(path: str | Path) -> dict:
    return extract_raw(read_file(path))[0]


def extract_bytes(data: bytes, name: str = "<bytes>") -> dict:
    return extract_raw(read_bytes(data, name))[0]


def normalised_text(path: str | Path) -> str:
    return normalise(read_file(path).text).text
