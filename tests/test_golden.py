"""The corpus against its reviewed golden files, and the contract's invariants on every output."""

from __future__ import annotations

import json

import pytest

from extractor.commands.golden import corpus_files, differences, golden_path

from .conftest import CORPUS, GOLDEN, extracted

FILES = corpus_files(CORPUS)


def test_corpus_holds_the_seeds_and_at_least_fourteen_more():
    names = {path.name for path in FILES}
    assert {"000_b1f1c543f4ca6a66.txt", "001_42ff27236c2e870f.txt"} <= names
    assert len({path.name.split(".")[0] for path in FILES}) >= 16


@pytest.mark.parametrize("source", FILES, ids=lambda path: path.name)
def test_output_matches_golden(source):
    expected = json.loads(golden_path(source, CORPUS, GOLDEN).read_text(encoding="utf-8"))
    got = extracted(source).to_dict()
    rows = differences(expected, got)
    assert not rows, "\n".join(f"{item}\t{field}\texpected {want!r}\tgot {have!r}" for item, field, want, have in rows[:20])


@pytest.mark.parametrize("source", FILES, ids=lambda path: path.name)
def test_spans_hold_their_text(source):
    """For every target the normalised text at span equals raw; an item's text is its span."""
    notice = extracted(source)
    text, document = notice.text, notice.to_dict()
    for item in document["items"]:
        start, end = item["span"]
        assert text[start:end] == item["text"]
        for target in item["targets"]:
            start, end = target["span"]
            assert text[start:end] == target["raw"], (item["id"], target)
            assert item["span"][0] <= start and end <= item["span"][1]


@pytest.mark.parametrize("source", FILES, ids=lambda path: path.name)
def test_contract_shape(source):
    document = extracted(source).to_dict()
    assert document["schema_version"] == 1
    assert list(document["document"]) == ["title", "issuer", "doc_number", "date", "region", "year"]
    several = len({item["section"] for item in document["items"]}) > 1
    for item in document["items"]:
        path_id = ".".join(map(str, item["path"]))
        assert item["id"] == (f"{item['section']}:{path_id}" if several else path_id)
        for target in item["targets"]:
            assert target["comparator"] in {">=", ">", "<=", "~", "=", "between"}
            assert target["role"] in {"target", "actual", "completion"}
            assert ("value_max" in target) == (target["comparator"] == "between")
            assert not (isinstance(target["value"], float) and target["value"].is_integer())
