"""The same notice copied out of a PDF — every line broken at the page width, page numbers
between pages, no blank lines — gives the same extraction as the clean text.

This is the property that protects unseen notices: the normaliser must decide line joins from
the text itself, not from how our corpus happens to be laid out.
"""

from __future__ import annotations

import pytest

from extractor.golden import corpus_files
from extractor.pipeline import extract_bytes
from extractor.read import read_file

from .conftest import CORPUS

# Tables are laid out by their cells, and the newspaper seed is column text already.
FILES = [path for path in corpus_files(CORPUS)
         if path.suffix == ".txt" and not any(mark in path.name for mark in ("table", "000_"))]


def _width(text: str) -> float:
    return sum(0.5 if character.isascii() else 1.0 for character in text)


def hard_wrap(text: str, width: int, lines_per_page: int = 22) -> str:
    """Break every paragraph at `width` display columns and put `— n —` between pages."""
    lines = []
    for paragraph in (line.strip() for line in text.splitlines()):
        if not paragraph:
            continue
        current = ""
        for character in paragraph:
            if _width(current + character) > width:
                lines.append(current)
                current = ""
            current += character
        lines.append(current)
    pages = []
    for start in range(0, len(lines), lines_per_page):
        pages.append("\n".join(lines[start:start + lines_per_page]))
    return "\n\n— {} —\n\n".join(pages).format(*range(1, len(pages))) + "\n"


def _essence(document: dict):
    return document["document"], [
        (item["id"], item["title"], item["responsible_units"],
         [(t["metric"], t["value"], t["unit"], t["comparator"], t["role"]) for t in item["targets"]])
        for item in document["items"]
    ]


@pytest.mark.parametrize("width", [22, 28, 33])
@pytest.mark.parametrize("source", FILES, ids=lambda path: path.name)
def test_hard_wrapped_copy_gives_the_same_extraction(source, width):
    text = read_file(source).text
    clean = extract_bytes(text.encode("utf-8"), source.name)
    wrapped = extract_bytes(hard_wrap(text, width).encode("utf-8"), source.name)
    assert _essence(wrapped) == _essence(clean)
