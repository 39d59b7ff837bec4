"""Lines and page furniture: where lines break, and which lines are no part of the notice.

A page saved without its line breaks keeps a space where each was: the breaks come back one to one
where the parts open blocks (labels, fields, table rows). Running heads and footers repeated on
every page, page numbers (— 1 —, 第1页 共3页) and the bare page numbers a document-sharing site puts
between the halves of a word (…市财|2|政局…) are dropped, so that the text reads as the page did."""

from __future__ import annotations

import collections
import functools
import re

from ..base import labels, names, patterns, segmentation
from .cells import CELL_BORDERS
from .offsets import Line

_PAGE_NUMBER = patterns.compiled(r"^\d{1,3}$")
_GLUED_PAGE_NUMBER = patterns.compiled(r"^\d{1,3}[、.](?=\p{Han})")
TERMINAL = "。！？；：…"
CLOSING = "”’）」』】》\"'"


def split_lines(text: str, offsets, raw_length: int) -> list[Line]:
    """The mapped text cut into lines, its lost line breaks restored first."""
    lines, start = [], 0
    joined = _restore_line_breaks(text)
    while True:
        end = joined.find("\n", start)
        stop = len(joined) if end < 0 else end
        lines.append(Line(joined[start:stop], offsets[start:stop], offsets[stop] if stop < len(offsets) else raw_length))
        if end < 0:
            return lines
        start = end + 1


def split_bare_numeral_headings(lines: list[Line]) -> list[Line]:
    """Headings numbered with a bare numeral, in sequence (一开展…行动 / 二… / 三…), stand alone; so
    does a photo caption after a space on their line (…保障行动 完成…升级改造工程), a line of its own."""
    headings = labels.bare_numeral_headings([line.text for line in lines])
    if not headings:
        return lines
    result = []
    for index, line in enumerate(lines):
        gap = _GAP.search(line.text, headings[index][1]) if index in headings else None
        if gap is not None and gap.end() < len(line.text.rstrip()):
            caption = Line(line.text[gap.end():], line.offsets[gap.end():], line.end_offset)
            line = Line(line.text[:gap.start()], line.offsets[:gap.start()], line.offsets[gap.start()])
            caption.stands_alone = True
            result.extend([line, caption])
        else:
            result.append(line)
        line.stands_alone = index in headings
    return result


_GAP = patterns.compiled(r"[ \u3000]+")
_PAGE_MARKER = patterns.compiled(r"[—–－\-]+ ?\d{1,3} ?[—–－\-]+|第 ?\d{1,3} ?页(?: *[，,/]? *共 ?\d{1,3} ?页)?")
_TABLE_ROW_START = patterns.compiled(r"\d{1,3}(?:\t| {2,}| ?[|｜│]|\p{Han})")
_SPACED_CHARACTER = patterns.compiled(r"\p{Han}(?:[ \u3000]|$)")
_COLUMN_GAP = patterns.compiled(r"(?<=\S) {2,}(?=\S)")


def _restore_line_breaks(text: str) -> str:
    """A page saved without its line breaks keeps a space where each break was: a long line whose
    space-separated parts open with numbering labels, field labels or table rows (`… 一、… 1.…
    责任单位：…`) gets its breaks back, one to one, so that it reads like the page it was. A space
    inside a phrase (2024 年, IE 9, 新建 120 公里, — 1 —) is no break; nor is the one after a bare label."""
    if " " not in text and "\u3000" not in text:
        return text
    characters = None
    position = 0
    for line in text.split("\n"):
        long_page = len(line) >= 80
        if _is_bordered_row(line):
            position += len(line) + 1
            continue  # its cells are bounded by their borders: a space inside a cell (…工程。 2.8月底前…) is no lost break
        if (long_page or len(_page_meta().findall(line)) >= 2) and _is_run_on(line):
            characters = characters if characters is not None else list(text)
            table = any(labels.is_table_header(part) for part in _GAP.split(line))
            markers = [match.span() for match in _PAGE_MARKER.finditer(line)]
            columns = len(_COLUMN_GAP.findall(line)) >= 2  # runs of spaces between the cells of a row
            sentences = columns and not table and _holds_sentences(line)
            for gap in _GAP.finditer(line):
                if any(start < gap.start() and gap.end() < end for start, end in markers):
                    continue  # — 1 —: a page number dropped whole as furniture
                before, after = line[gap.start() - 1:gap.start()], line[gap.end():gap.end() + 1]
                if not before or not after:
                    continue
                if not long_page and not _opens_block(line[gap.end():gap.end() + 16]):
                    continue  # a page's meta line (… 来源：… 作者：记者 陈晓东): broken before its keys only
                if not any(gap.end() == start or gap.start() == end for start, end in markers):
                    if before in CELL_BORDERS or after in CELL_BORDERS or (
                            columns and gap.end() - gap.start() >= 2
                            and not (sentences and labels.find_label(line[gap.end():gap.end() + 16]) is not None)):
                        continue  # a cell border stays in its row (a label after sentences opens a line)
                    if _is_word_gap(before, after, line[gap.end():gap.end() + 16]):
                        continue
                    if _SPACED_CHARACTER.match(line, gap.end()) and not _opens_block(line[gap.end():gap.end() + 16]):
                        continue  # characters spaced out one by one: 字号：大 中 小, 通 知
                segment_start = line.rfind(" ", 0, gap.start()) + 1
                label = labels.find_label(line[segment_start:gap.end() + 16])
                if label is not None and segment_start + label.end >= gap.end() \
                        and not (table and label.style == "arabic_space"):
                    continue  # 1. 开展…, 1 开展… — the space after a label (in a table: a row number)
                characters[position + gap.start()] = "\n"
        position += len(line) + 1
    return text if characters is None else "".join(characters)


def _holds_sentences(line: str) -> bool:
    """Whether the parts between a run-on line's runs of spaces are sentences and headings, not the
    cells of a row: long on average, or one of them ending a sentence (…总结如下：␣␣一、…)."""
    parts = _COLUMN_GAP.split(line)
    return sum(map(len, parts)) / len(parts) > 20 or any(part.endswith(("。", "：")) for part in parts[:-1])


_BORDERED_ROW_START = patterns.compiled(r"^[ \u3000]*[|｜│┃]?[ \u3000]*\d{1,3}[.．、]?[ \u3000]*[|｜│┃]")


def _is_bordered_row(line: str) -> bool:
    """A table row with cell borders that starts with its row number (1 | 新建… | … |)."""
    return _BORDERED_ROW_START.match(line) is not None and sum(line.count(border) for border in CELL_BORDERS) >= 2


def _is_word_gap(before: str, after: str, following: str) -> bool:
    """A space inside a phrase: between Latin letters or digits (IE 9, 2024 年), or in a spaced
    quantity (新建 120 公里) — unless what follows opens a block (…人民政府 2024年3月1日, … 2 城市停车)."""
    if before.isdigit():
        return after.isascii() and after.isalnum() or labels.starts_with_measure(following)
    if before.isascii() and before.isalpha():
        return after.isascii() and after.isalnum()
    if after.isdigit():
        return "\u4e00" <= before <= "\u9fff" and not _opens_block(following)
    return after.isascii() and after.isalpha() and before.isascii()


def _opens_block(part: str) -> bool:
    """Whether a space-separated part of a run-on line opens a block of the page it came from."""
    return (labels.find_label(part[:16]) is not None or labels.field_at(part) is not None
            or labels.DATE.match(part) is not None or _TABLE_ROW_START.match(part) is not None
            or labels.is_table_header(part.split(" ")[0]) or _page_meta().match(part) is not None)


@functools.cache
def _page_meta():
    return patterns.compiled(patterns.load("document")["page_meta"])


def _is_run_on(line: str) -> bool:
    parts = [part for part in _GAP.split(line) if part]
    if len(parts) < 3 or len(line) / len(parts) < 4:
        return False
    if any(labels.is_table_header(part) for part in parts):  # a table one cell per line: 序号 … 1 …
        return True
    return sum(1 for gap in _GAP.finditer(line) if gap.start() and _opens_block(line[gap.end():gap.end() + 16])) >= 2

_UNIT_COLUMNS = ("lead", "unit", "support")


def drop_furniture(lines: list[Line]) -> None:
    at_start, anywhere = _furniture()
    counts = collections.Counter(line.text for line in lines if line.text)
    continuing = _word_continuations(lines, counts)
    # In a text with a table, a unit's name repeated alone on its line is a cell (县住建局 in many rows):
    # a table's header on one line, or a column of units headed one cell per line (责任部门).
    tabled = any(labels.is_table_header(text) or labels.column_kind(text) in _UNIT_COLUMNS for text in counts)
    for line in lines:
        text = line.text
        if not text:
            continue
        if at_start.match(text) or anywhere.search(text) or (not line.bordered and _is_running_head(text, counts[text])
                                      and continuing[text] * 2 < counts[text]
                                      and not (tabled and names.is_unit_name(text))):
            line.dropped = True
    _drop_page_markers(lines)


@functools.cache
def _furniture() -> tuple[re.Pattern, re.Pattern]:
    """The furniture patterns anchored at a line's start, tried there only, and the others."""
    sources = patterns.load("document")["furniture"]
    return (patterns.compiled("|".join(f"(?:{source})" for source in sources if source.startswith("^"))),
            patterns.compiled("|".join(f"(?:{source})" for source in sources if not source.startswith("^"))))


def _word_continuations(lines: list[Line], counts: collections.Counter) -> collections.Counter:
    """For each repeated short line, how often it ends what the line before it left open: a page
    wrapped at a fixed width cuts 各区县（市）人民|政府 under every item, and those 政府 are the end of
    a unit's name, not a running head (which names an issuer or a publication: longer than three
    characters, or cutting no word)."""
    found: collections.Counter = collections.Counter()
    previous = ""
    for line in lines:
        text = line.text
        if not text:
            continue
        if counts[text] >= 3 and previous and previous[-1] not in TERMINAL + CLOSING \
                and patterns.match(r"\p{Han}", previous[-1]) \
                and (len(text) <= 3 or segmentation.crosses_word(previous, text)):
            found[text] += 1
        previous = text
    return found


def _drop_page_markers(lines: list[Line]) -> None:
    """A bare page number that a document-sharing site put between the halves of a word
    (…市财|2|政局…): dropped, so that the word joins again. A table one cell per line has bare
    row numbers: not in a text with a table header."""
    kept = [line for line in lines if line.text and not line.dropped]
    _drop_numbers_opening_pages(kept)
    if any(labels.is_table_header(line.text) for line in kept):
        return
    for previous, line, following in zip(kept, kept[1:], kept[2:]):
        if not _PAGE_NUMBER.match(line.text) or previous.text[-1] in TERMINAL + CLOSING \
                or labels.find_label(following.text) is not None:
            continue
        if patterns.match(r"\p{Han}", following.text) and segmentation.crosses_word(previous.text, following.text) \
                or patterns.match(r"\p{Han}", previous.text[-1]) and following.text[0].isdigit():
            line.dropped = True  # …市财|2|政局…, …达到|3|72%以上
    for previous, line in zip(kept, kept[1:]):
        marker = _GLUED_PAGE_NUMBER.match(line.text)
        if marker and not line.dropped and previous.text[-1] not in TERMINAL + CLOSING \
                and patterns.match(r"\p{Han}", previous.text[-1]) \
                and segmentation.crosses_word(previous.text, line.text[marker.end():]):
            line.keep(range(marker.end(), len(line.text)))  # …市财|2、政局…: the page number glued to the word


# Before a Chinese character only: a page that opens with a figure or a bracket (1、2021年…, 2、)各…)
# keeps its number, which could as well be a label there.
_PAGE_OPENING_NUMBER = patterns.compiled(r"^\d{1,3}、(?=\p{Han})")
_LEAST_PAGE_LENGTH = 200  # a page run into one line is far longer than a list item without its 。


def _drop_numbers_opening_pages(kept: list[Line]) -> None:
    """A document-sharing site's copy puts each page on one line, opened by the page's number:
    1、… 2、… 3、…, cutting a word or a unit list (…、市|2、财政局…), a sentence (…（责|3、任单位…)
    or none. The numbers are dropped, whatever they cut, where they count 1, 2, 3 … and either the
    site's header says what the copy is, or every one of them cuts a long page's last sentence."""
    pages = [line for line in kept if _PAGE_OPENING_NUMBER.match(line.text)]
    numbers = [int(line.text[:line.text.index("、")]) for line in pages]
    if len(pages) < 2 or numbers != list(range(1, len(pages) + 1)):
        return
    position = {id(line): index for index, line in enumerate(kept)}
    before = [kept[position[id(line)] - 1] if position[id(line)] else None for line in pages[1:]]
    cuts = sum(1 for line in before if line is not None and line.text[-1] not in TERMINAL + CLOSING)
    shared = any(_document_sharing().search(line.text) for line in kept[:position[id(pages[0])] + 1])
    long_pages = all(line is not None and len(line.text) >= _LEAST_PAGE_LENGTH for line in before)
    if (shared and cuts >= 1) or (cuts == len(before) and long_pages):
        for line in pages:
            line.keep(range(line.text.index("、") + 1, len(line.text)))


@functools.cache
def _document_sharing() -> re.Pattern:
    return patterns.compiled("|".join(f"(?:{source})" for source in patterns.load("document")["document_sharing"]))


def _is_running_head(text: str, count: int) -> bool:
    """A short line repeated on every page (a header or footer), not a repeated field line."""
    return (
        count >= 3
        and len(patterns.findall(r"\p{Han}", text)) >= 2
        and len(text) <= 40
        and not patterns.search(r"[：，。；、\d]", text)
        and labels.find_label(text) is None
        and not labels.is_table_header(text)  # a table's header repeated on every page is read as one
        and labels.column_kind(text) is None
    )
