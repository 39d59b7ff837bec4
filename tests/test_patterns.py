"""Every pattern file's examples run through the code that uses them.

Adding a pattern means adding examples that must match and examples that must not; this
module collects them all, so a pattern without a working example fails here.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.base import labels, patterns
from extractor.quantities import metrics
from extractor import quantities
from extractor.outline import responsibility
from extractor.quantities import roles
from extractor.normalise import normalise
from extractor.layout import Block as Paragraph
from extractor.outline.tree import _inline_ordinals, colophon_start as _colophon_start


def _cases(file: str, table: str, key: str):
    return [
        pytest.param(entry, text, id=f"{entry.get('name', entry.get('symbol', ''))}:{text}")
        for entry in patterns.load(file)[table]
        for text in entry.get(key, [])
    ]


def _unit_names(entry) -> set[str]:
    return {"百分点" if form.endswith("百分点") else form for form in entry["forms"]}


@pytest.mark.parametrize("entry, text", _cases("units", "unit", "examples"))
def test_unit_examples_yield_their_unit(entry, text):
    found = quantities.find_quantities(text)
    assert any(q.unit in _unit_names(entry) for q in found), found


@pytest.mark.parametrize("entry, text", _cases("units", "unit", "counter_examples"))
def test_unit_counter_examples_do_not(entry, text):
    assert not any(q.unit in _unit_names(entry) for q in quantities.find_quantities(text))


@pytest.mark.parametrize("entry, text", _cases("comparators", "comparator", "examples"))
def test_comparator_examples(entry, text):
    assert any(q.comparator == entry["symbol"] for q in quantities.find_quantities(text))


@pytest.mark.parametrize("entry, text", _cases("comparators", "comparator", "counter_examples"))
def test_comparator_counter_examples(entry, text):
    assert not any(q.comparator == entry["symbol"] for q in quantities.find_quantities(text))


@pytest.mark.parametrize("entry, text", _cases("exclusions", "exclusion", "examples"))
def test_exclusion_examples_yield_no_quantity(entry, text):
    assert quantities.find_quantities(text) == []
    assert any(name == entry["name"] for _, _, name in quantities.excluded_ranges(text)) or \
        not quantities.excluded_ranges(text)


@pytest.mark.parametrize("entry, text", _cases("exclusions", "exclusion", "counter_examples"))
def test_exclusion_counter_examples_still_yield_quantities(entry, text):
    assert quantities.find_quantities(text)


@pytest.mark.parametrize("example", patterns.load("numerals")["example"], ids=lambda e: e["text"])
def test_numeral_examples(example):
    found = quantities.find_quantities(example["text"])
    assert [q.value for q in found] == [Decimal(example["value"])]


@pytest.mark.parametrize("entry, text", _cases("headings", "style", "examples"))
def test_heading_examples(entry, text):
    label = labels.find_label(normalise(text).text)
    assert label is not None and label.style == entry["name"]


@pytest.mark.parametrize("entry, text", _cases("headings", "style", "counter_examples"))
def test_heading_counter_examples(entry, text):
    label = labels.find_label(normalise(text).text)
    assert label is None or label.style != entry["name"]


def test_inline_ordinal_examples():
    inline = patterns.load("headings")["inline"]
    for text in inline["examples"]:
        assert len(_inline_ordinals(text)) >= 2, text
    for text in inline["counter_examples"]:
        assert _inline_ordinals(text) == [], text


def test_paragraph_heading_examples():
    from extractor.outline.items import _split_heading
    from extractor.quantities import holds_quantity

    entry = patterns.load("headings")["paragraph_heading"]
    for text in entry["examples"]:
        heading, body = _split_heading(text, holds_quantity)
        assert heading and text.lstrip("【").startswith(heading) and 0 < body < len(text), text
    for text in entry["counter_examples"]:
        assert _split_heading(text, holds_quantity) == (None, 0), text


@pytest.mark.parametrize("example", patterns.load("responsibility")["example"]
                         + patterns.load("responsibility")["counter_example"], ids=lambda e: e["text"])
def test_responsibility_examples(example):
    assert responsibility.parse_any(example["text"]) == example["units"]


@pytest.mark.parametrize("example", patterns.load("roles")["example"], ids=lambda e: e["text"])
@pytest.mark.parametrize("default", ["target", "actual"])
def test_role_examples(example, default):
    text = example["text"]
    found = quantities.find_quantities(text)
    assert found
    quantity = found[0]
    if example["role"] == "completion":
        assert roles.is_completion(text, quantity.start, quantity.unit, False, 0)
    else:
        assert not roles.is_completion(text, quantity.start, quantity.unit, False, 0)
        assert roles.role_of(text, quantity.number_start, default, 2025) == example["role"]


@pytest.mark.parametrize("example", patterns.load("metric_words")["example"], ids=lambda e: e["text"])
def test_metric_examples(example):
    found = quantities.find_quantities(example["text"])
    assert metrics.metric_phrase(example["text"], found, 0) == example["metric"]


@pytest.mark.parametrize("example", patterns.load("document")["example"], ids=lambda e: e["text"])
def test_document_examples(example):
    if example["kind"] == "furniture":
        assert normalise("前文。\n" + example["text"] + "\n后文。").text == "前文。\n后文。"
    elif example["kind"] == "page_meta":
        assert example["line"] in normalise(example["text"]).text.split("\n")
    elif example["kind"] == "inline_debris":
        assert normalise(example["text"]).text == example["clean"]
    elif example["kind"] == "document_sharing":
        assert any(patterns.search(source, example["text"]) for source in patterns.load("document")["document_sharing"])
    else:
        paragraphs = [Paragraph(0, 0, text) for text in ("一、任务", "正文。", example["text"])]
        assert _colophon_start(paragraphs) == 2


@pytest.mark.parametrize("example", patterns.load("document")["counter_example"], ids=lambda e: e["text"])
def test_document_counter_examples(example):
    if example["kind"] == "document_sharing":
        assert not any(patterns.search(source, example["text"]) for source in patterns.load("document")["document_sharing"])
        return
    assert example["text"] in normalise("前文。\n" + example["text"] + "\n后文。").text


def test_instruction_words():
    data = patterns.load("instructions")
    for text in data["examples"]:
        assert any(word in text for word in data["words"]), text
    for text in data["counter_examples"]:
        assert not any(word in text for word in data["words"]), text


def test_every_pattern_entry_has_examples():
    for file, table in [("units", "unit"), ("comparators", "comparator"), ("exclusions", "exclusion"),
                        ("headings", "style")]:
        for entry in patterns.load(file)[table]:
            assert entry.get("examples"), f"{file}: {entry} has no examples"
            assert "counter_examples" in entry, f"{file}: {entry} has no counter_examples"


@pytest.mark.parametrize("entry", patterns.load("abbreviations")["abbreviation"], ids=lambda e: e["short"])
def test_abbreviation_examples(entry):
    from extractor.pipeline import extract_bytes

    for text, copies in [(text, len(entry["things"])) for text in entry["examples"]] + \
            [(text, 1) for text in entry["counter_examples"]]:
        (item,) = extract_bytes(f"1.{text}。".encode("utf-8"), "example.txt")["items"]
        assert len(item["targets"]) == copies, text
        if copies > 1:
            assert all(thing in target["metric"] for thing, target in zip(entry["things"], item["targets"]))


@pytest.mark.parametrize("text", patterns.load("numerals")["counter_examples"])
def test_numeral_counter_examples(text):
    assert quantities.find_quantities(text) == []


@pytest.mark.parametrize("example", patterns.load("tables")["example"] + patterns.load("tables")["counter_example"],
                         ids=lambda e: e["row"])
def test_glued_table_row_examples(example):
    from extractor.layout.tables import split_glued_row

    columns = ["序号", "项目名称", "目标任务", "责任单位"]
    line = example["row"].lstrip("0123456789")
    cells = [line[start:end] for start, end in split_glued_row(line, columns)]
    units = [cell for cell in cells if cell in example["units"]]
    assert units == example["units"]
    if example["title"]:
        assert cells[0] == example["title"]
    else:  # no title column value: the content starts the row
        assert cells[0].startswith("全年")


def test_han_class_is_the_regex_modules_han_script():
    """Patterns say \\p{Han}; re runs them with patterns.HAN, which must hold the same characters
    (every code point Python's Unicode database knows)."""
    import re
    import unicodedata

    import regex

    property_class, our_class = regex.compile(r"\p{Han}"), re.compile(f"[{patterns.HAN}]")
    differing = [hex(code) for code in range(0x110000)
                 if unicodedata.category(chr(code)) != "Cn"
                 and bool(property_class.match(chr(code))) != bool(our_class.match(chr(code)))]
    assert differing == []


@pytest.mark.parametrize("source, text, expected", [
    (r"\p{Han}{2}", "a中文", "中文"),
    (r"[\p{Han}（）]+", "x市（县）y", "市（县）"),
    (r"[^\p{Han}]+", "中ab文", "ab"),
    (r"[]\p{Han}]+", "x]中]y", "]中]"),
    (r"\\p{Han}", "\\p{Han}", "\\p{Han}"),  # an escaped backslash: no property
])
def test_han_property_is_written_for_re(source, text, expected):
    assert patterns.search(source, text).group() == expected


def _cli_in(cache, *arguments):
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    return subprocess.run([sys.executable, "-m", "extractor", *map(str, arguments)], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "NOTICE_EXTRACT_CACHE": str(cache)})


def test_stored_programs_are_what_re_compiles(tmp_path):
    """A command-line run keeps re's compiled programs of the patterns it used; each one loaded
    must be the pattern re.compile makes (re compares patterns by their code)."""
    import marshal
    import re

    import _sre

    from .conftest import CORPUS

    first = _cli_in(tmp_path, "extract", CORPUS / "003_xinxiang_county_inline.txt")
    assert first.returncode == 0, first.stderr
    stored_files = list(tmp_path.glob("patterns-*.marshal"))
    assert len(stored_files) == 1
    stored = marshal.loads(stored_files[0].read_bytes())
    assert len(stored) > 60
    for (source, flags), program in stored.items():
        assert _sre.compile(source, *marshal.loads(program)) == re.compile(source, flags), source
    second = _cli_in(tmp_path, "extract", CORPUS / "003_xinxiang_county_inline.txt")
    assert second.returncode == 0 and second.stdout == first.stdout


def test_a_damaged_store_of_programs_is_made_again(tmp_path):
    from .conftest import CORPUS

    made = _cli_in(tmp_path, "extract", CORPUS / "003_xinxiang_county_inline.txt")
    store = next(tmp_path.glob("patterns-*.marshal"))
    store.write_bytes(b"\x00not marshal" + store.read_bytes()[:100])
    again = _cli_in(tmp_path, "extract", CORPUS / "003_xinxiang_county_inline.txt")
    assert again.returncode == 0 and again.stdout == made.stdout and not again.stderr
    assert len(__import__("marshal").loads(store.read_bytes())) > 60


def test_a_stored_program_that_is_wrong_is_not_used(tmp_path, monkeypatch):
    """A stored program for another pattern (a store from elsewhere, a changed engine) that _sre
    refuses falls back to compiling; a valid one that differs is the only thing it cannot tell,
    hence the file name carries the Python version and the engine's magic number."""
    import marshal

    monkeypatch.setenv("NOTICE_EXTRACT_CACHE", str(tmp_path))
    programs = patterns._Programs()
    programs.stored[("a+b", 0)] = marshal.dumps((0, [999999], 0, {}, ()))  # no such opcode
    assert programs.compile("a+b", 0).fullmatch("aab")


def _top_level_alternation(source: str) -> bool:
    depth, in_set, position = 0, False, 0
    while position < len(source):
        character = source[position]
        if character == "\\":
            position += 2
            continue
        if in_set:
            in_set = character != "]"
        elif character == "[":
            in_set = True
            position += 1 if source[position + 1:position + 2] != "^" else 2  # []…] and [^]…]: ] is a member
        elif character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        elif character == "|" and depth == 0:
            return True
        position += 1
    return False


def test_anchored_furniture_is_one_anchored_expression():
    """The normaliser tries entries opening with ^ at a line's start only: `^A|B` would lose B."""
    assert _top_level_alternation("^A|B") and not _top_level_alternation("^(?:A|B)[|]")
    anchored = [source for source in patterns.load("document")["furniture"] if source.startswith("^")]
    assert len(anchored) > 10
    assert [source for source in anchored if _top_level_alternation(source)] == []


def test_patterns_are_the_same_in_every_process():
    # An alternation built from a set followed the hash seed: every run compiled the quantity
    # grammar afresh and stored one more copy of it, and the store of programs grew to 15 MB.
    import os
    import subprocess
    import sys

    script = ("import zlib; from extractor.quantities.recognise import _grammar; from extractor.base.labels import _glued_header; "
              "print(zlib.crc32((_grammar().pattern + _glued_header()[0].pattern).encode()))")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outputs) == 1


def test_a_store_of_programs_grown_too_large_keeps_what_a_run_uses(tmp_path):
    import marshal

    from .conftest import CORPUS

    made = _cli_in(tmp_path, "extract", CORPUS / "003_xinxiang_county_inline.txt")
    store = next(tmp_path.glob("patterns-*.marshal"))
    programs = marshal.loads(store.read_bytes())
    used = len(programs)
    programs.update({(f"(?:stale{number})", 0): marshal.dumps((0, [number] * 1000, 0, {}, ()))
                     for number in range(patterns._Programs.MAX_BYTES // 4000)})  # distinct: marshal shares equal objects
    store.write_bytes(marshal.dumps(programs))
    again = _cli_in(tmp_path, "extract", CORPUS / "003_xinxiang_county_inline.txt")
    assert again.returncode == 0 and again.stdout == made.stdout
    kept = marshal.loads(store.read_bytes())
    assert len(kept) == used and not any(str(source).startswith("(?:stale") for source, _ in kept)


def test_total_row_examples():
    entry = patterns.load("tables")["total_row"]
    for text in entry["examples"]:
        assert patterns.fullmatch(entry["pattern"], text), text
    for text in entry["counter_examples"]:
        assert not patterns.fullmatch(entry["pattern"], text), text
