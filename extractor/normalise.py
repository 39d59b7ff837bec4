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
from dataclasses import dataclass, field

import regex

from . import labels, patterns, responsibility, segmentation

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
_TERMINAL = "。！？；：…"
_CLOSING = "”’）」』】》\"'"
_SOFT_END = "，、“‘（《【—-～~"
_CONTINUATION_START = "，、。；：）”’》%"
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
    """One raw line as characters with their raw indices, cleaned in place."""

    __slots__ = ("characters", "offsets", "end_offset", "blank_before", "dropped")

    def __init__(self, characters, offsets, end_offset):
        self.characters, self.offsets, self.end_offset = characters, offsets, end_offset
        self.blank_before = False
        self.dropped = False

    @property
    def text(self) -> str:
        return "".join(self.characters)

    def keep(self, positions) -> None:
        self.characters = [self.characters[i] for i in positions]
        self.offsets = [self.offsets[i] for i in positions]


def normalise(raw: str) -> NormalisedText:
    lines = _split_lines(raw)
    for line in lines:
        _clean_line(line)
    _drop_furniture(lines)
    return _join(lines, len(raw))


def _split_lines(raw: str) -> list[_Line]:
    lines, characters, offsets = [], [], []
    for index, character in enumerate(raw):
        mapped = _CHARACTER_MAP.get(character, character)
        if character in ",:.":
            mapped = _contextual_punctuation(raw, index, character)
        if mapped == "\n":
            lines.append(_Line(characters, offsets, index))
            characters, offsets = [], []
        elif mapped:
            characters.append(mapped)
            offsets.append(index)
    lines.append(_Line(characters, offsets, len(raw)))
    return lines


def _contextual_punctuation(raw: str, index: int, character: str) -> str:
    """Half-width , : . mean ， ： 。 in Chinese text but stay in 1,000, 10:30, 2.5 and URLs."""
    before = raw[index - 1] if index else ""
    after = raw[index + 1] if index + 1 < len(raw) else ""
    if before.isdigit() and after.isdigit():
        return character
    if character == ":" and after == "/":
        return character
    if character == ".":
        # 组织实施. ends a sentence; 1. and 126.com and 2.5 keep their dot.
        ends_chinese = bool(before) and "\u4e00" <= before <= "\u9fff" or before in "）)”"
        return "。" if ends_chinese and (not after or after in "\r\n（( \t" or "\u4e00" <= after <= "\u9fff") else "."
    return {",": "，", ":": "："}[character]


def _clean_line(line: _Line) -> None:
    text = line.text
    byline = patterns.compiled(patterns.load("document")["byline"]).search(text)
    if byline and byline.start() > 0:
        line.keep(range(byline.start()))
        text = line.text
    gaps = [match for match in regex.finditer(r"[ \t]+", text)]
    table_row = sum(1 for gap in gaps if "\t" in gap.group() or len(gap.group()) >= 2) >= 2
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
            line.characters[gap.start()] = kept
    keep.extend(range(previous_end, len(text)))
    line.keep(keep)


def _kept_gap_character(text: str, gap, table_row: bool) -> str:
    """What a run of spaces becomes: nothing between Chinese, digits and units (2 万名, 全 年)."""
    before, after = text[gap.start() - 1], text[gap.end()]
    if table_row and ("\t" in gap.group() or len(gap.group()) >= 2):
        return "\t"
    if labels.is_spaced_label(text[: gap.start()], text[gap.end():]):
        return " "
    if before.isdigit() and after.isdigit():
        return " "
    if before.isascii() and before.isalpha() and after.isascii() and after.isalnum():
        return " "
    if before.isascii() and before.isalnum() and after.isascii() and after.isalpha():
        return " "
    return ""


def _drop_furniture(lines: list[_Line]) -> None:
    furniture = [patterns.compiled(source) for source in patterns.load("document")["furniture"]]
    counts = collections.Counter(line.text for line in lines if line.text)
    for line in lines:
        text = line.text
        if not text:
            continue
        if any(pattern.search(text) for pattern in furniture) or _is_running_head(text, counts[text]):
            line.dropped = True


def _is_running_head(text: str, count: int) -> bool:
    """A short line repeated on every page (a header or footer), not a repeated field line."""
    return (
        count >= 3
        and len(text) <= 40
        and not regex.search(r"[：，。；、\d]", text)
        and labels.find_label(text) is None
    )


def _join(lines: list[_Line], raw_length: int) -> NormalisedText:
    paragraphs: list[list[_Line]] = []
    blank = False
    in_table = False
    for line in lines:
        text = line.text
        if line.dropped or not text:
            blank = True
            continue
        line.blank_before = blank
        blank = False
        if labels.is_table_header(text):
            in_table = True
        elif in_table and labels.ends_table(text):
            in_table = False
        # The line after a bare block number (01, 02 …) is that block's heading.
        after_block_number = len(paragraphs) >= 2 and len(paragraphs[-1]) == 1 and \
            labels.is_block_number(paragraphs[-2][-1].text)
        if paragraphs and _should_join(paragraphs[-1], line, in_table, after_block_number):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    characters: list[str] = []
    offsets: list[int] = []
    for number, paragraph in enumerate(paragraphs):
        if number:
            characters.append("\n")
            offsets.append(paragraphs[number - 1][-1].end_offset)
        for line in paragraph:
            characters.extend(line.characters)
            offsets.extend(line.offsets)
    offsets.append(raw_length)
    return NormalisedText("".join(characters), offsets)


def _should_join(paragraph: list[_Line], line: _Line, in_table: bool, is_heading: bool = False) -> bool:
    previous, following = paragraph[-1].text, line.text
    if _ends_sentence(previous) or labels.is_structural_line(following):
        return False
    if labels.is_standalone_line(previous):
        return False
    if previous[-1] in _SOFT_END or following[0] in _CONTINUATION_START:
        return True
    if in_table:
        return False
    if line.blank_before and labels.is_field_line(paragraph[0].text):
        return False
    whole = "".join(part.text for part in paragraph)
    label = labels.find_label(whole)
    body = whole[label.end:] if label else whole
    sentence_like = any(mark in body for mark in _SENTENCE_PUNCTUATION)
    if (label or is_heading) and not sentence_like:
        # A numbered heading (十、提高妇女、儿童…水平) ends at its line unless a word runs on.
        return segmentation.crosses_word(previous, following)
    if not line.blank_before:
        return True
    # Unnumbered text with an enumeration comma is a sentence, not a headline.
    return sentence_like or "、" in body or segmentation.crosses_word(previous, following)


def _ends_sentence(text: str) -> bool:
    """Ends with 。 or ：, also behind quotes, and `。（责任单位：…）` or a bracketed unit list."""
    stripped = text.rstrip(_CLOSING)
    if stripped and stripped[-1] in _TERMINAL:
        return True
    if text.endswith(("）", ")")):
        opening = text.rfind("（")
        if opening > 0 and text[opening - 1] in _TERMINAL:
            return True
        return responsibility.find_in_text(text) is not None
    return False

