"""Encodings told apart by content: the same notice gives the same extraction in each."""

from __future__ import annotations

import codecs

import pytest

from extractor.pipeline import extract_bytes
from extractor.read import read_bytes

from .conftest import CORPUS

SEED = (CORPUS / "001_42ff27236c2e870f.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding, data", [
    ("utf-8-sig", codecs.BOM_UTF8 + SEED.encode("utf-8")),
    ("gb18030", SEED.encode("gbk")),
    ("utf-16", SEED.encode("utf-16")),
    ("utf-16-le", SEED.encode("utf-16-le")),
])
def test_encodings_give_identical_items(encoding, data):
    reference = extract_bytes(SEED.encode("utf-8"), "seed.txt")
    got = extract_bytes(data, "seed.txt")
    assert read_bytes(data, "seed.txt").encoding == encoding
    assert got["items"] == reference["items"]
    assert got["document"] == reference["document"]


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends_give_identical_items(line_end):
    reference = extract_bytes(SEED.encode("utf-8"), "seed.txt")
    got = extract_bytes(SEED.replace("\n", line_end).encode("utf-8"), "seed.txt")
    assert [item["text"] for item in got["items"]] == [item["text"] for item in reference["items"]]
    assert [t["raw"] for i in got["items"] for t in i["targets"]] == \
        [t["raw"] for i in reference["items"] for t in i["targets"]]
