"""The joiner: lines into paragraphs, one paragraph per line of the normalised text.

Notices reach us as PDF copies and newspaper columns: lines break mid-word and mid-number, and
headings, fields and table rows must still stand alone. Joining is decided line by line from
punctuation, numbering labels, field keys, the width at which a PDF copy wrapped and, where a
line ends without punctuation, from whether a word spans the seam (团辅活|动)."""

from __future__ import annotations

import functools
import re

from ..base import labels, names, patterns, segmentation
from .lines import CLOSING, TERMINAL
from .offsets import Line, NormalisedText

_SOFT_END = "，、“‘（《【—-～~的和及与或"
_CONTINUATION_START = "，、。；：）”’》%的"
_SENTENCE_PUNCTUATION = "，。；！？,"


class _Paragraph:
    """The lines joined so far into one paragraph, with what the joining rules ask of its text kept
    up to date line by line: its head, its tail, its bracket counts and where its last sentence
    mark stands. A page run on into thousands of lines must not be re-read whole for each."""

    EDGE = 1000  # far longer than any label, field key, title or bracketed unit note

    __slots__ = ("lines", "head", "tail", "length", "brackets", "last_sentence_mark", "last_enumeration_mark")

    def __init__(self, line: Line):
        self.lines: list[Line] = []
        self.head = self.tail = ""
        self.length = 0
        self.brackets: dict[str, int] = {}
        self.last_sentence_mark = self.last_enumeration_mark = -1
        self.add(line)

    def add(self, line: Line) -> None:
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


def join_lines(lines: list[Line], raw_length: int) -> NormalisedText:
    paragraphs: list[_Paragraph] = []
    blank = False
    in_table = False
    wrap_width = _wrap_width([line.text for line in lines if not line.dropped])
    kept = [line for line in lines if not line.dropped and line.text]
    texts = [line.text for line in kept]
    headerless = {id(kept[index]) for index in range(len(kept)) if labels.headerless_cell_columns(texts, index)}
    group_rows = _group_rows(texts, kept)
    for line in lines:
        text = line.text
        if line.dropped or not text:
            blank = True
            continue
        line.blank_before = blank
        blank = False
        if labels.is_table_header(text) or id(line) in headerless:
            in_table = True
        elif in_table and labels.ends_table(text) and id(line) not in group_rows:
            in_table = False
        # The line after a bare block number (01, 02 …) is that block's heading.
        after_block_number = len(paragraphs) >= 2 and len(paragraphs[-1].lines) == 1 and \
            labels.is_block_number(paragraphs[-2].lines[-1].text)
        after_sentence = len(paragraphs) >= 2 and _ends_sentence(paragraphs[-2].end_view())
        if paragraphs and _should_join(paragraphs[-1], line, in_table, after_block_number, wrap_width,
                                       first=len(paragraphs) == 1, after_sentence=after_sentence):
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


_ROW_START = patterns.compiled(r"\d{1,3}(?:[.．、]?(?:[\t |｜│]|$))")


def _group_rows(texts: list[str], kept: list[Line]) -> set[int]:
    """The group rows inside a table (一、经济社会发展主要预期目标, （一）…), which end no table: a
    short line with a 一、 or （一） label whose next line past other group rows is a numbered row."""
    found = set()
    for index, text in enumerate(texts):
        label = labels.find_label(text)
        if label is None or label.style not in ("chinese_comma", "chinese_paren") or len(text) > 40:
            continue
        following = index + 1
        while following < len(texts) and (group := labels.find_label(texts[following])) is not None \
                and group.style in ("chinese_comma", "chinese_paren") and len(texts[following]) <= 40:
            following += 1
        if following < len(texts) and _ROW_START.match(texts[following]):
            found.add(id(kept[index]))
    return found


_COLUMN_TAG = patterns.compiled(r"^【[^【】\d：:，。；、\s]{2,12}】")
# A numbering label alone after a sentence's end at the line's end (…剂次。（9）, …。10.).
_LABEL_AT_END = patterns.compiled(r"[。；！？]\s*(?:[（(]\d{1,2}[）)]|\d{1,2}[.．、]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])$")
# A tool bar left open at the line's end: 【字体：, 【字号:, [字体
_TOOL_BAR = patterns.compiled(r"[【\[](?:字体|字号|文字)(?:大小)?[：:]?[ \t大中小]*$")


def _should_join(paragraph: _Paragraph, line: Line, in_table: bool, is_heading: bool = False,
                 wrap_width: float | None = None, first: bool = False, after_sentence: bool = False) -> bool:
    """Whether `line` continues `paragraph`. The first rule that applies decides."""
    previous, following = paragraph.lines[-1].text, line.text
    if paragraph.lines[-1].bordered or line.bordered:
        return False  # a cell border (序号|, 1 | 项目 |) ends what it closes
    if paragraph.lines[-1].stands_alone or line.stands_alone:
        return False  # 一开展…行动: a bare numeral heading in sequence, and its caption, stand alone
    starts_item = labels.find_label(following) is not None
    if _TOOL_BAR.search(previous):
        return False  # 【打印】【字体：|…: a page's tool bar, its bracket never closed, runs into nothing
    # Unfinished syntax runs on: an open bracket (（牵头单位：市教育局；|配合单位：…）); not across
    # the blank line between two cells of a table copied one cell per line (80%（马站未开工 | | 县民政局),
    # nor from one row of tab-parted cells to the next (a cell ends its bracket: OCR lost a ）).
    if paragraph.open_bracket() and not starts_item and not (in_table and line.blank_before) \
            and not ("\t" in previous and "\t" in following):
        return True
    # A line that starts something new stops the paragraph; so does a site's column tag, which opens
    # a headline of its own (政府信息公开|【直击两会】某县…).
    if labels.is_structural_line(following) or labels.is_standalone_line(previous) or _COLUMN_TAG.match(following):
        return False
    end = paragraph.end_view()
    # An empty field (牵头单位：|区住建局) and a trailing ； (…200公里；|六是…) run on.
    if not starts_item and (_ends_with_empty_field(end) or end.endswith("；")):
        return True
    if _LABEL_AT_END.search(previous) and not starts_item:
        return True  # …剂次。（9）|完成…: a label the line end cut from its item's words
    if _ends_sentence(end):
        return False
    # Words and numbers cut by the line end run on: 建设|的, |，, 50|个县级, 不少于|800个.
    if previous[-1] in _SOFT_END or following[0] in _CONTINUATION_START or _breaks_quantity(previous, following) \
            or previous.endswith("关于"):  # 某省人民政府关于|落实…的意见: a title cut after its 关于
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
    # A crosshead (a short line with no sentence mark, after a paragraph that ended a sentence) ends
    # before the sentences under it, unless a word runs on: 市民出行更加方便|我市启动…
    if after_sentence and len(paragraph.lines) == 1 and len(previous) <= 30 \
            and not any(mark in previous for mark in "，。；：") and any(mark in following for mark in "，。") \
            and not segmentation.crosses_word(previous, following):
        return False
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
    stripped = text.rstrip(CLOSING)
    if stripped and stripped[-1] in TERMINAL:
        return True
    if text.endswith(("）", ")")):
        opening = text.rfind("（")
        if opening > 0 and text[opening - 1] in TERMINAL:
            return True
        return names.closes_with_unit_note(text)
    return False

