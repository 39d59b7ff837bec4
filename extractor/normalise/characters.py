"""Characters and scripts: one raw character becomes its normal form, one to one.

Full-width digits and letters become ASCII, Kangxi radicals and compatibility ideographs that PDF
fonts produce (⼀ for 一) the ideograph they stand for, traditional characters simplified (mirror
sites serve notices in them, and every pattern is written in simplified ones), half-width , : .
the Chinese marks they mean in running text (but not in 1,000, 10:30, 2.5 or a URL), and a field
key written in square brackets (【责任单位】) the key with its colon. Substituting one character
for one keeps the offset map exact."""

from __future__ import annotations

import functools
import re
import unicodedata

from ..base import labels, patterns
from .offsets import Line

# One raw character → its normal form; "" drops it.
CHARACTER_MAP = {
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
CHARACTER_MAP.update({
    chr(code): unicodedata.normalize("NFKC", chr(code))
    for start, end in ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF))
    for code in range(start, end + 1)
    if len(unicodedata.normalize("NFKC", chr(code))) == 1 and unicodedata.normalize("NFKC", chr(code)) != chr(code)
})


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


TRANSLATION = str.maketrans({key: value for key, value in CHARACTER_MAP.items() if len(value) == 1})
_DROPPED = frozenset(key for key, value in CHARACTER_MAP.items() if value == "")
_DROPPED_CHARACTER = patterns.compiled("[" + "".join(sorted(_DROPPED)) + "]")
_HALF_WIDTH_PUNCTUATION = patterns.compiled(r"[,:.]")
_LONE_RETURN = patterns.compiled(r"\r(?!\n)")


def map_characters(raw: str) -> tuple[str, range | list[int]]:
    """Characters mapped one to one (str.translate), a few dropped: the text and the raw index of
    each of its characters."""
    translated = raw.translate(TRANSLATION)
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
    return translated, offsets


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


def unbracket_field_keys(line: Line) -> None:
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
