"""Stage 2, normalise: raw text → one paragraph per line, layout repaired, with an offset map.

Every normalised character comes from one raw character (possibly substituted, as ％ → %),
so the map is a list of raw indices and spans can always be traced back to the source.
Notices reach us as PDF copies and newspaper columns: lines break mid-word and mid-number,
page numbers and running heads stand between the halves of a sentence. Joining is decided
line by line from punctuation, numbering labels and, where a line ends without punctuation,
from whether a word spans the seam (团辅活|动).
"""

from __future__ import annotations

import collections
import functools
import html
import operator
import re
import unicodedata
from dataclasses import dataclass, field

from . import labels, names, patterns, segmentation

# One raw character → its normal form; "" drops it.
_CHARACTER_MAP = {
    **{chr(code): chr(code - 0xFEE0) for code in range(0xFF10, 0xFF1A)},  # ０-９
    **{chr(code): chr(code - 0xFEE0) for code in range(0xFF21, 0xFF3B)},  # Ａ-Ｚ
    **{chr(code): chr(code - 0xFEE0) for code in range(0xFF41, 0xFF5B)},  # ａ-ｚ
    "％": "%", "．": ".", "－": "-", "／": "/", "＋": "+",
    "(": "（", ")": "）", ";": "；", "!": "！", "?": "？",
    "\u3000": " ", "\xa0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",
    "\r": "", "\ufeff": "", "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\f": "\n",
}
# PDF fonts often map characters to Kangxi radicals or compatibility ideographs (⼀ for 一,
# ⽇ for 日): take the unified ideograph they stand for.
_CHARACTER_MAP.update({
    chr(code): unicodedata.normalize("NFKC", chr(code))
    for start, end in ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF))
    for code in range(start, end + 1)
    if len(unicodedata.normalize("NFKC", chr(code))) == 1 and unicodedata.normalize("NFKC", chr(code)) != chr(code)
})
_CELL_BORDERS = frozenset("|｜│┃")
_CELL_BORDER = patterns.compiled("[|｜│┃]")
_PAGE_NUMBER = patterns.compiled(r"^\d{1,3}$")
_GLUED_PAGE_NUMBER = patterns.compiled(r"^\d{1,3}[、.](?=\p{Han})")
_TERMINAL = "。！？；：…"
_CLOSING = "”’）」』】》\"'"
_SOFT_END = "，、“‘（《【—-～~的和及与或"
_CONTINUATION_START = "，、。；：）”’》%的"
_SENTENCE_PUNCTUATION = "，。；！？,"


@dataclass
class NormalisedText:
    text: str
    offsets: list[int] = field(repr=False)  # offsets[i]: raw index of text[i]; one extra entry for the end

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-text span that the normalised span [start, end) comes from."""
        if start >= end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) of every line of the normalised text."""
        spans, start = [], 0
        for line in self.text.split("\n"):
            spans.append((start, start + len(line)))
            start += len(line) + 1
        return spans


class _Line:
    """One raw line as its text and the raw index of each character, cleaned in place. Its
    characters are listed only when one of them is replaced: most lines are kept as they are."""

    __slots__ = ("_characters", "offsets", "end_offset", "blank_before", "dropped", "text", "bordered")

    def __init__(self, text: str, offsets, end_offset: int):
        self.text, self.offsets, self.end_offset = text, offsets, end_offset
        self._characters = None
        self.blank_before = False
        self.dropped = False
        self.bordered = False  # its cells were separated by pipes

    @property
    def characters(self) -> list[str]:
        if self._characters is None:
            self._characters = list(self.text)
        return self._characters

    @characters.setter
    def characters(self, characters: list[str]) -> None:
        self._characters = characters

    def keep(self, positions) -> None:
        if len(positions) == len(self.text):
            if self._characters is not None:
                self.text = "".join(self._characters)  # nothing dropped: perhaps a character replaced
            return
        if not positions:
            self._characters, self.offsets, self.text = [], [], ""
            return
        pick = operator.itemgetter(*positions)
        self._characters = list(pick(self.characters)) if len(positions) > 1 else [pick(self.characters)]
        self.offsets = list(pick(self.offsets)) if len(positions) > 1 else [pick(self.offsets)]
        self.text = "".join(self._characters)


def normalise(raw: str) -> NormalisedText:
    lines = _split_lines(to_simplified(raw))
    for line in lines:
        _decode_entities(line)
        _mark_cell_borders(line)
        _unbracket_field_keys(line)
    _mark_single_space_cells(lines)
    # Bylines and injected debris are rare: looked for line by line only in a text that has some.
    whole = "\n".join(line.text for line in lines)
    byline = _byline(re.MULTILINE).search(whole) is not None
    debris = _inline_debris(re.MULTILINE).search(whole) is not None
    for line in lines:
        _clean_line(line, byline, debris)
    _drop_furniture(lines)
    return _join(lines, len(raw))


@functools.cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s.json")


def to_simplified(raw: str) -> str:
    """Mirror sites serve notices in traditional characters: every pattern is written in simplified
    ones. OpenCC converts; where a phrase changes length, character by character, so that the
    offset map stays one to one."""
    converted = _converter().convert(raw)
    if len(converted) == len(raw):
        return converted
    convert = _converter().convert
    return "".join(single if len(single := convert(character)) == 1 else character for character in raw)


_TRANSLATION = str.maketrans({key: value for key, value in _CHARACTER_MAP.items() if len(value) == 1})
_DROPPED = frozenset(key for key, value in _CHARACTER_MAP.items() if value == "")
_DROPPED_CHARACTER = patterns.compiled("[" + "".join(sorted(_DROPPED)) + "]")
_HALF_WIDTH_PUNCTUATION = patterns.compiled(r"[,:.]")
_LONE_RETURN = patterns.compiled(r"\r(?!\n)")


def _split_lines(raw: str) -> list[_Line]:
    """Characters mapped one to one (str.translate), a few dropped, then cut into lines."""
    translated = raw.translate(_TRANSLATION)
    replaced = {match.start(): punctuation for match in _HALF_WIDTH_PUNCTUATION.finditer(raw)
                if (punctuation := _contextual_punctuation(raw, match.start(), match.group())) != match.group()}
    lone_returns = {match.start() for match in _LONE_RETURN.finditer(raw)}
    replaced.update(dict.fromkeys(lone_returns, "\n"))  # a file with old Mac line ends: \r alone breaks the line
    offsets = range(len(raw))
    dropped = _DROPPED_CHARACTER.search(raw) is not None
    if replaced or dropped:  # most texts have neither: no list of their characters
        text = list(translated)
        for index, character in replaced.items():
            text[index] = character
        if dropped:
            kept = [index for index, character in enumerate(raw)
                    if character not in _DROPPED or index in lone_returns]
            text, offsets = [text[index] for index in kept], kept
        translated = "".join(text)
    lines, start = [], 0
    joined = _restore_line_breaks(translated)
    while True:
        end = joined.find("\n", start)
        stop = len(joined) if end < 0 else end
        lines.append(_Line(joined[start:stop], offsets[start:stop], offsets[stop] if stop < len(offsets) else len(raw)))
        if end < 0:
            return lines
        start = end + 1


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
        if (long_page or len(_page_meta().findall(line)) >= 2) and _is_run_on(line):
            characters = characters if characters is not None else list(text)
            table = any(labels.is_table_header(part) for part in _GAP.split(line))
            markers = [match.span() for match in _PAGE_MARKER.finditer(line)]
            columns = len(_COLUMN_GAP.findall(line)) >= 2  # runs of spaces between the cells of a row
            for gap in _GAP.finditer(line):
                if any(start < gap.start() and gap.end() < end for start, end in markers):
                    continue  # — 1 —: a page number dropped whole as furniture
                before, after = line[gap.start() - 1:gap.start()], line[gap.end():gap.end() + 1]
                if not before or not after:
                    continue
                if not long_page and not _opens_block(line[gap.end():gap.end() + 16]):
                    continue  # a page's meta line (… 来源：… 作者：记者 陈晓东): broken before its keys only
                if not any(gap.end() == start or gap.start() == end for start, end in markers):
                    if before in _CELL_BORDERS or after in _CELL_BORDERS or (columns and gap.end() - gap.start() >= 2):
                        continue  # a cell border stays in its row
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


def _contextual_punctuation(raw: str, index: int, character: str) -> str:
    """Half-width , : . mean ， ： 。 in Chinese text but stay in 1,000, 10:30, 2.5 and URLs."""
    before = raw[index - 1] if index else ""
    after = raw[index + 1] if index + 1 < len(raw) else ""
    if before.isdigit() and after.isdigit():
        return character
    if character == ":" and after == "/":
        return character
    if character == ".":
        numeral = index
        while numeral > 0 and index - numeral < 3 and raw[numeral - 1] in "一二三四五六七八九十":
            numeral -= 1
        if numeral < index and (numeral == 0 or raw[numeral - 1] in "\n\r \t\u3000"):
            return "、"  # 二.医疗卫生 at a line's start is the label 二、, not a sentence that ends
        # 组织实施. ends a sentence; 1. and 126.com and 2.5 keep their dot.
        ends_chinese = bool(before) and "\u4e00" <= before <= "\u9fff" or before in "）)”"
        return "。" if ends_chinese and (not after or after in "\r\n（( \t" or "\u4e00" <= after <= "\u9fff") else "."
    return {",": "，", ":": "："}[character]


def _clean_line(line: _Line, may_have_byline: bool, may_have_debris: bool) -> None:
    """A line whose entities are decoded and cell borders marked: its byline, injected debris and
    spaces dropped."""
    text = line.text
    byline = _byline().search(text) if may_have_byline else None
    if byline and byline.start() > 0:
        line.keep(range(byline.start()))
    debris = [match.span() for match in _inline_debris().finditer(line.text)] if may_have_debris else []
    if debris:  # a link or a site's stamp injected into a sentence
        line.keep([index for index in range(len(line.text)) if not any(start <= index < end for start, end in debris)])
    text = line.text
    if " " not in text and "\t" not in text:
        return
    gaps = [match for match in patterns.finditer(r"[ \t]+", text)]
    table_row = line.bordered or sum(1 for gap in gaps if "\t" in gap.group() or len(gap.group()) >= 2) >= 2
    keep = []
    previous_end = 0
    for gap in gaps:
        keep.extend(range(previous_end, gap.start()))
        previous_end = gap.end()
        if gap.start() == 0 or gap.end() == len(text):
            continue
        kept = _kept_gap_character(text, gap, table_row)
        if kept:
            keep.append(gap.start())
            line.characters[gap.start()] = kept  # the text is rebuilt once, by keep
    keep.extend(range(previous_end, len(text)))
    line.keep(keep)


_ENTITY = patterns.compiled(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5})[;；]")  # ; is ； by now


def _decode_entities(line: _Line) -> None:
    """A page's source copied as text keeps its entities (&nbsp; &ldquo; &#8220;): each becomes the
    one character it stands for, mapped to the entity's first raw character."""
    if "&" not in line.text:
        return
    keep, previous = [], 0
    for match in _ENTITY.finditer(line.text):
        character = html.unescape(match.group()[:-1] + ";")
        if len(character) != 1:
            continue
        keep.extend(range(previous, match.start() + 1))
        line.characters[match.start()] = character.translate(_TRANSLATION)
        previous = match.end()
    if previous:
        keep.extend(range(previous, len(line.text)))
        line.keep(keep)


@functools.cache
def _byline(flags: int = 0):
    return patterns.compiled(patterns.load("document")["byline"], flags)


@functools.cache
def _inline_debris(flags: int = 0):
    return patterns.compiled("|".join(f"(?:{source})" for source in patterns.load("document")["inline_debris"]), flags)


def _unbracket_field_keys(line: _Line) -> None:
    """A field key written as a heading in square brackets (【责任单位】市教育局) is the key with its
    colon (责任单位：市教育局), as every later stage knows it: 【 dropped, 】 read as ：."""
    if "【" not in line.text:
        return
    keys = list(_bracketed_field_key().finditer(line.text))
    if not keys:
        return
    for match in keys:
        line.characters[match.end() - 1] = "："
    starts = {match.start() for match in keys}
    line.keep([index for index in range(len(line.text)) if index not in starts])


@functools.cache
def _bracketed_field_key() -> re.Pattern:
    return patterns.compiled(rf"【(?:{patterns.alternation(labels.field_kinds())})】")


def _mark_cell_borders(line: _Line) -> None:
    """A table copied from a web page or a document site separates its cells with pipes
    (`1 | 项目 | … |`, or one cell per line `序号|`): every border becomes the one cell border the
    later stages know, a tab."""
    if not _CELL_BORDER.search(line.text):
        return
    line.text = _CELL_BORDER.sub("\t", line.text)
    line.characters = list(line.text)
    line.bordered = True


_SINGLE_SPACE = patterns.compiled(r"(?<=\S) (?=\S)")
_ROW_NUMBER = patterns.compiled(r"^\d{1,3} ")


def _mark_single_space_cells(lines: list[_Line]) -> None:
    """A table copied with one space between its cells (`序号 项目名称 目标任务 牵头单位`, then
    `1 城镇老旧小区改造 改造老旧小区50个 县住建局 各乡镇`): its header and every row that starts with
    a number and has as many cells (or one fewer, an empty last cell) get tabs for those spaces. A
    header without 序号 (项目名称 年度目标 完成情况 责任单位) numbers no row: its rows are the lines
    right after it with as many cells."""
    columns, numbered, in_rows = 0, False, False
    for line in lines:
        text = line.text
        if not text:
            continue
        if " " not in text or "\t" in text or "  " in text:
            in_rows = False
            continue
        parts = text.split(" ")
        kinds = [labels.column_kind(part) for part in parts] if len(parts) >= 3 else [None]
        if all(kinds) and (parts[0] == "序号" or {"title", "content"} & set(kinds)):
            columns, numbered, in_rows = len(parts), parts[0] == "序号", True
        elif not (columns and columns - 1 <= len(parts) <= columns
                  and (_ROW_NUMBER.match(text) if numbered else in_rows)):
            in_rows = False
            continue
        for match in _SINGLE_SPACE.finditer(text):
            line.characters[match.start()] = "\t"
        line.text = "".join(line.characters)
        line.bordered = True


# Digits grouped by thousands with a space (3 000人, 1 234 567元): the spaces go, the number stays whole.
_THOUSANDS_GAP = patterns.compiled(r"\d{1,3}(?:[ \u2009\u202f\u00a0]\d{3})+(?![\d.．])")


def _digits_start(text: str, end: int) -> int:
    start = end
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    return start if start == 0 or text[start - 1] not in ".．" else end  # 1.5 000: no grouping


def _kept_gap_character(text: str, gap, table_row: bool) -> str:
    """What a run of spaces becomes: nothing between Chinese, digits and units (2 万名, 全 年)."""
    before, after = text[gap.start() - 1], text[gap.end()]
    if table_row and ("\t" in gap.group() or len(gap.group()) >= 2):
        return "\t"
    if labels.is_spaced_label(text[: gap.start()], text[gap.end():]):
        return " "
    if labels.starts_block(text[gap.end():gap.end() + 16]):
        return " "  # run-on text: the space is all that separates `…3000个 2.新增…`, `市城管局 完成情况：`
    if before.isdigit() and after.isdigit():
        return "" if _THOUSANDS_GAP.match(text, _digits_start(text, gap.start())) else " "
    if before.isascii() and before.isalpha() and after.isascii() and after.isalnum():
        return " "
    if before.isascii() and before.isalnum() and after.isascii() and after.isalpha():
        return " "
    return ""


def _drop_furniture(lines: list[_Line]) -> None:
    at_start, anywhere = _furniture()
    counts = collections.Counter(line.text for line in lines if line.text)
    continuing = _word_continuations(lines, counts)
    for line in lines:
        text = line.text
        if not text:
            continue
        if at_start.match(text) or anywhere.search(text) or (not line.bordered and _is_running_head(text, counts[text])
                                      and continuing[text] * 2 < counts[text]):
            line.dropped = True
    _drop_page_markers(lines)


@functools.cache
def _furniture() -> tuple[re.Pattern, re.Pattern]:
    """The furniture patterns anchored at a line's start, tried there only, and the others."""
    sources = patterns.load("document")["furniture"]
    return (patterns.compiled("|".join(f"(?:{source})" for source in sources if source.startswith("^"))),
            patterns.compiled("|".join(f"(?:{source})" for source in sources if not source.startswith("^"))))


def _word_continuations(lines: list[_Line], counts: collections.Counter) -> collections.Counter:
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
        if counts[text] >= 3 and previous and previous[-1] not in _TERMINAL + _CLOSING \
                and patterns.match(r"\p{Han}", previous[-1]) \
                and (len(text) <= 3 or segmentation.crosses_word(previous, text)):
            found[text] += 1
        previous = text
    return found


def _drop_page_markers(lines: list[_Line]) -> None:
    """A bare page number that a document-sharing site put between the halves of a word
    (…市财|2|政局…): dropped, so that the word joins again. A table one cell per line has bare
    row numbers: not in a text with a table header."""
    kept = [line for line in lines if line.text and not line.dropped]
    if any(labels.is_table_header(line.text) for line in kept):
        return
    for previous, line, following in zip(kept, kept[1:], kept[2:]):
        if not _PAGE_NUMBER.match(line.text) or previous.text[-1] in _TERMINAL + _CLOSING \
                or labels.find_label(following.text) is not None:
            continue
        if patterns.match(r"\p{Han}", following.text) and segmentation.crosses_word(previous.text, following.text) \
                or patterns.match(r"\p{Han}", previous.text[-1]) and following.text[0].isdigit():
            line.dropped = True  # …市财|2|政局…, …达到|3|72%以上
    for previous, line in zip(kept, kept[1:]):
        marker = _GLUED_PAGE_NUMBER.match(line.text)
        if marker and not line.dropped and previous.text[-1] not in _TERMINAL + _CLOSING \
                and patterns.match(r"\p{Han}", previous.text[-1]) \
                and segmentation.crosses_word(previous.text, line.text[marker.end():]):
            line.keep(range(marker.end(), len(line.text)))  # …市财|2、政局…: the page number glued to the word


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


class _Paragraph:
    """The lines joined so far into one paragraph, with what the joining rules ask of its text kept
    up to date line by line: its head, its tail, its bracket counts and where its last sentence
    mark stands. A page run on into thousands of lines must not be re-read whole for each."""

    EDGE = 1000  # far longer than any label, field key, title or bracketed unit note

    __slots__ = ("lines", "head", "tail", "length", "brackets", "last_sentence_mark", "last_enumeration_mark")

    def __init__(self, line: _Line):
        self.lines: list[_Line] = []
        self.head = self.tail = ""
        self.length = 0
        self.brackets: dict[str, int] = {}
        self.last_sentence_mark = self.last_enumeration_mark = -1
        self.add(line)

    def add(self, line: _Line) -> None:
        text = line.text
        self.lines.append(line)
        if len(self.head) < self.EDGE:
            self.head = (self.head + text)[:self.EDGE]
        self.tail = (self.tail + text)[-self.EDGE:]
        if _BRACKET.search(text):
            for bracket in _BRACKETS:
                self.brackets[bracket] = self.brackets.get(bracket, 0) + text.count(bracket)
        mark = max(map(text.rfind, _SENTENCE_PUNCTUATION))
        if mark >= 0:
            self.last_sentence_mark = self.length + mark
        if (mark := text.rfind("、")) >= 0:
            self.last_enumeration_mark = self.length + mark
        self.length += len(text)

    def end_view(self) -> str:
        """The whole text when short, else its tail behind a line break (which no rule reads as
        the start of the text or as part of a word): for the rules that look at its end."""
        return self.tail if self.length <= self.EDGE else "\n" + self.tail

    def open_bracket(self) -> bool:
        """An open bracket near the end (（牵头单位：市教育局；|配合单位：…）)."""
        return bool(self.brackets) and any(
            self.brackets.get(opening, 0) > self.brackets.get(closing, 0) and opening in self.tail[-59:]
            for opening, closing in _BRACKET_PAIRS)


_BRACKET_PAIRS = ("（）", "[]", "［］", "【】")
_BRACKETS = "".join(_BRACKET_PAIRS)
_BRACKET = patterns.compiled(f"[{re.escape(_BRACKETS)}]")


def _join(lines: list[_Line], raw_length: int) -> NormalisedText:
    paragraphs: list[_Paragraph] = []
    blank = False
    in_table = False
    wrap_width = _wrap_width([line.text for line in lines if not line.dropped])
    kept = [line for line in lines if not line.dropped and line.text]
    texts = [line.text for line in kept]
    headerless = {id(kept[index]) for index in range(len(kept)) if labels.headerless_cell_columns(texts, index)}
    for line in lines:
        text = line.text
        if line.dropped or not text:
            blank = True
            continue
        line.blank_before = blank
        blank = False
        if labels.is_table_header(text) or id(line) in headerless:
            in_table = True
        elif in_table and labels.ends_table(text):
            in_table = False
        # The line after a bare block number (01, 02 …) is that block's heading.
        after_block_number = len(paragraphs) >= 2 and len(paragraphs[-1].lines) == 1 and \
            labels.is_block_number(paragraphs[-2].lines[-1].text)
        if paragraphs and _should_join(paragraphs[-1], line, in_table, after_block_number, wrap_width,
                                       first=len(paragraphs) == 1):
            paragraphs[-1].add(line)
        else:
            paragraphs.append(_Paragraph(line))
    parts: list[str] = []
    offsets: list[int] = []
    for number, paragraph in enumerate(paragraphs):
        if number:
            parts.append("\n")
            offsets.append(paragraphs[number - 1].lines[-1].end_offset)
        for line in paragraph.lines:
            parts.append(line.text)
            offsets.extend(line.offsets)
    offsets.append(raw_length)
    return NormalisedText("".join(parts), offsets)


def _should_join(paragraph: _Paragraph, line: _Line, in_table: bool, is_heading: bool = False,
                 wrap_width: float | None = None, first: bool = False) -> bool:
    """Whether `line` continues `paragraph`. The first rule that applies decides."""
    previous, following = paragraph.lines[-1].text, line.text
    if paragraph.lines[-1].bordered or line.bordered:
        return False  # a cell border (序号|, 1 | 项目 |) ends what it closes
    starts_item = labels.find_label(following) is not None
    # Unfinished syntax runs on: an open bracket (（牵头单位：市教育局；|配合单位：…）).
    if paragraph.open_bracket() and not starts_item:
        return True
    # A line that starts something new stops the paragraph.
    if labels.is_structural_line(following) or labels.is_standalone_line(previous):
        return False
    end = paragraph.end_view()
    # An empty field (牵头单位：|区住建局) and a trailing ； (…200公里；|六是…) run on.
    if not starts_item and (_ends_with_empty_field(end) or end.endswith("；")):
        return True
    if _ends_sentence(end):
        return False
    # Words and numbers cut by the line end run on: 建设|的, |，, 50|个县级, 不少于|800个.
    if previous[-1] in _SOFT_END or following[0] in _CONTINUATION_START or _breaks_quantity(previous, following):
        return True
    # A unit list cut inside a name (配合单位：省发展改革委、省|财政厅) runs on.
    if _unfinished_unit_list(paragraph.head, end) and not starts_item:
        return True
    # The document's first line read as a headline (short, no sentence mark: …民生实事项目完成情况)
    # ends before a sentence, unless a word runs on.
    if first and len(paragraph.lines) == 1 and len(previous) <= 60 and not any(mark in previous for mark in "，。；：")\
            and any(mark in following for mark in "，。") and not (wrap_width and _width(previous) >= wrap_width - 2.5) \
            and not segmentation.crosses_word(previous, following):
        return False
    # A title ends at its document kind (…的通知), unless the kind is only part of it.
    if _ends_title(end, first):
        return _ends_title(end + following, True) and len(following) <= 30
    if _is_name_line(end) and following.startswith("关于"):
        return True  # 许昌市人民政府 / 关于印发…的通知: one title over two lines
    # A unit's name cut by the line end inside a field of units (…责任单位：区市|场监管局): no signature.
    if not starts_item and _last_field_kind(end) in _RESPONSIBILITY_KINDS and segmentation.crosses_word(previous, following):
        return True
    # A field of units ending with a whole name (责任单位：市教育局) ends its paragraph, unless the
    # next line lists more units (…市教育局|市财政局、市民政局).
    if _last_field_kind(end) in _RESPONSIBILITY_KINDS and names.is_unit_name(_last_listed(end)) \
            and not names.is_unit_name(next(iter(names.split_units(following)), "")):
        return False
    if in_table or _is_name_line(following):
        return False
    label = labels.find_label(paragraph.head)
    body_start = label.end if label else 0
    sentence_like = paragraph.last_sentence_mark >= body_start
    # A heading alone on its line (十、提高妇女、儿童…水平) ends there unless a word runs on.
    full_line = bool(wrap_width) and _width(previous) >= wrap_width - 2.5
    if len(paragraph.lines) == 1 and (label or is_heading) and not sentence_like and not full_line:
        return segmentation.crosses_word(previous, following)
    if line.blank_before and labels.is_field_line(paragraph.lines[0].text):
        return segmentation.crosses_word(previous, following)
    # Hard-wrapped text (a PDF copy): a full line runs on, a short one ends its paragraph.
    if full_line:
        return True
    if wrap_width and _width(previous) < wrap_width - 4:
        return segmentation.crosses_word(previous, following)
    if not line.blank_before:
        return True
    # Across a blank line (a page break): a sentence runs on, a headline does not.
    return sentence_like or paragraph.last_enumeration_mark >= body_start or segmentation.crosses_word(previous, following)


def _unfinished_unit_list(head: str, end: str) -> bool:
    """A responsibility field whose last unit is no name yet (…、省): the field opens the paragraph
    (its head), or is the last field of its end (…。责任单位：区市|场监管局)."""
    if labels.field_kind(head) not in _RESPONSIBILITY_KINDS and _last_field_kind(end) not in _RESPONSIBILITY_KINDS:
        return False
    last = _last_listed(end)
    return bool(last) and not names.is_unit_name(last) and len(last) <= 6


def _last_listed(text: str) -> str:
    """The last entry of a list at the end of a text (责任单位：市财政局、市教育局 → 市教育局)."""
    return patterns.split(r"[、，；,;：\s]", text)[-1]


_RESPONSIBILITY_KINDS = ("lead", "unit", "support", "ignored")


def _last_field_kind(text: str) -> str | None:
    """The kind of the last `key：` field label of a text after a sentence or clause end."""
    colon = text.rfind("：")
    while colon > 0:
        match = labels.field_ending_at(text, colon, accept=lambda match: (
            match.start() == 0 or text[match.start() - 1] in "。；，\n "))
        if match is not None:
            return labels.field_kinds()[match.group().rstrip("：").strip()]
        colon = text.rfind("：", 0, colon)
    return None


def _ends_with_empty_field(text: str) -> bool:
    return text.endswith("：") and _empty_field_end().search(text) is not None


@functools.cache
def _empty_field_end() -> re.Pattern:
    keys = patterns.alternation(patterns.load("document")["field_keys"])
    return patterns.compiled(rf"(?:^|[。；（，])(?:{keys})：$")


def _breaks_quantity(previous: str, following: str) -> bool:
    """A quantity cut by the line end: 50|个县级, 不少于|800个, 2.6|万人次, 二十万|人次."""
    if previous[-1].isdigit() or previous[-1] in "零〇一二两三四五六七八九十百千万亿":
        return labels.starts_with_measure(following, with_time_words=False)
    return bool(patterns.match(r"\d+(?:\.\d+)?", following)) and labels.starts_with_measure(
        patterns.sub(r"^\d+(?:\.\d+)?", "", following), with_time_words=False) and not labels.is_standalone_line(previous)


def _width(text: str) -> float:
    """Display width: a Chinese character is one, a half-width (ASCII) character half."""
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))


def _wrap_width(texts: list[str]) -> float | None:
    """The width at which a PDF copy broke every line, if it did: most long lines end within
    a character or two of the same width. None for text with one line per paragraph."""
    widths = sorted(_width(text) for text in texts if _width(text) >= 8)
    if len(widths) < 8:
        return None
    width = widths[int(len(widths) * 0.9) - 1]
    full = sum(1 for value in widths if value >= width - 2.5)  # a first line is indented by two
    return width if width <= 50 and full >= max(6, 0.25 * len(widths)) else None


def _is_name_line(text: str) -> bool:
    """An issuer's name alone on a line (a signature or a byline of the issuing office)."""
    if len(text) > 25:
        return False
    suffix = next((suffix for suffix in _issuer_suffixes() if text.endswith(suffix)), None)
    return suffix is not None and 2 <= len(text) - len(suffix) and len(text) <= 25 \
        and not text.startswith(("人民", "民政")) and not patterns.search(r"[\d，。；：、,;“”（）]", text) \
        and labels.find_label(text) is None


@functools.cache
def _issuer_suffixes() -> tuple[str, ...]:
    """Longest first, so that 人民政府 is found before 政府."""
    return tuple(sorted(patterns.load("document")["issuer_suffixes"], key=len, reverse=True))


@functools.cache
def _title_endings() -> tuple[str, ...]:
    return tuple(patterns.load("document")["title_endings"])


def _ends_title(text: str, first: bool = False) -> bool:
    """…关于印发…方案的通知 (or the document's first line ending in 方案, 清单 …): a complete
    title, which the addressee line or the first paragraph never continues."""
    return len(text) <= 80 and ("关于" in text or first) and text.endswith(_title_endings()) \
        and not any(mark in text for mark in "，。；")


def _ends_sentence(text: str) -> bool:
    """Ends with 。 or ：, also behind quotes, and `。（责任单位：…）` or a bracketed unit list."""
    stripped = text.rstrip(_CLOSING)
    if stripped and stripped[-1] in _TERMINAL:
        return True
    if text.endswith(("）", ")")):
        opening = text.rfind("（")
        if opening > 0 and text[opening - 1] in _TERMINAL:
            return True
        return names.closes_with_unit_note(text)
    return False

