"""Numbering labels (一、 （一） 1. ① …) and the kinds of line a notice is made of.

Shared by the normaliser, which must not glue a new item onto the line before it, and by
the outline, which builds the numbering tree from the labels.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import names, patterns

_DATE = (
    r"(?:\d{4}|[〇零一二三四五六七八九○Ｏ]{4})年(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号]"
)
DATE_LINE = patterns.compiled(rf"^[（(]?{_DATE}[）)]?$")
DATE = patterns.compiled(_DATE)
_NUMBER_ONLY = patterns.compiled(r"^\d{1,4}$")
_ATTACHMENT = patterns.compiled(r"^附件\s*\d{0,2}\s*[：:]?$")


@dataclass(frozen=True)
class Label:
    style: str
    number: int
    end: int  # index just after the label in the paragraph


@functools.cache
def heading_styles() -> list[dict]:
    """The styles of patterns/headings.toml, {bullets} in a regex standing for the bullet characters."""
    data = patterns.load("headings")
    return [{**style, "regex": style["regex"].replace("{bullets}", _bullets())} for style in data["style"]]


@functools.cache
def style_family(style: str) -> str:
    """The family a label style belongs to (1. 1、 1 are all arabic), else the style itself."""
    return next((entry.get("family", style) for entry in heading_styles() if entry["name"] == style), style)


@functools.cache
def is_degraded(style: str) -> bool:
    """A spoilt shape (3，): a label only where it continues the numbering of its family."""
    return next((entry.get("degraded", False) for entry in heading_styles() if entry["name"] == style), False)


@functools.cache
def _bullets() -> str:
    return patterns.load("headings")["bullets"]


@functools.cache
def _styles() -> list[tuple[str, re.Pattern, bool]]:
    """(name, pattern, whether a measure word right after the label makes it a quantity)."""
    return [(style["name"], patterns.compiled(style["regex"]), style.get("not_before_measure", False))
            for style in heading_styles()]


@functools.cache
def paragraph_heading() -> re.Pattern:
    return patterns.compiled(patterns.load("headings")["paragraph_heading"]["regex"])


@functools.cache
def inline_ordinal() -> re.Pattern:
    return patterns.compiled(patterns.load("headings")["inline"]["regex"])


@functools.cache
def list_opener() -> re.Pattern:
    """The word after which an unnumbered `；` list starts (patterns/layout.toml, list_opener)."""
    return patterns.compiled(patterns.load("layout")["list_opener"]["regex"])


@functools.cache
def run_in_lead() -> re.Pattern:
    """A run-in lead of an unnumbered item (patterns/headings.toml, run_in_lead); group `suffix`
    holds its category noun, if it ends in one."""
    entry = patterns.load("headings")["run_in_lead"]
    return patterns.compiled(entry["regex"].replace("{suffixes}", patterns.alternation(entry["suffixes"])))


@patterns.text_cache
def label_number(written: str) -> int:
    if written.isascii() and written.isdigit():
        return int(written)
    if written in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(written) + 1
    for series in _ONE_CHARACTER_SERIES:
        if written in series:
            return series.index(written) + 1
    if written in _bullets() or written == "——":
        return 0  # a bullet: the outline numbers bullets by their order
    return small_chinese_number(written)


_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def small_chinese_number(written: str) -> int:
    """一 … 九十九 read directly, the rest by cn2an: labels are small numbers, and importing cn2an
    costs a command-line run a fifth of a second."""
    tens, _, ones = written.partition("十")
    if "十" in written and tens in ("", *_DIGITS) and ones in ("", *_DIGITS) and len(written) <= 3:
        return (_DIGITS.get(tens, 1) if tens else 1) * 10 + _DIGITS.get(ones, 0)
    if written in _DIGITS:
        return _DIGITS[written]
    import cn2an

    return int(cn2an.cn2an(written, "normal"))


_LABEL_START_DASH = "—"  # the dash bullet ——新建…, which its pattern writes twice
_ONE_CHARACTER_SERIES = ("⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇", "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛", "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩",
                         "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ")
# The first characters of every style of patterns/headings.toml (民实项任事: 实事一：…, 项目2：…;
# 关關: 关键词：…), so
# that most paragraphs are told they open with no label without trying each style.
_LABEL_STARTS = "0123456789一二三四五六七八九十百（【关關①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳第民重实项任事之" + _LABEL_START_DASH \
    + "".join(_ONE_CHARACTER_SERIES)


@functools.cache
def _label_starts() -> frozenset[str]:
    return frozenset(_LABEL_STARTS + _bullets())


@patterns.text_cache
def find_label(text: str) -> Label | None:
    """The numbering label a paragraph starts with, if any (sequence is checked by the outline)."""
    if not text or text[0] not in _label_starts():
        return None
    for name, pattern, not_before_measure in _styles():
        match = pattern.match(text)
        if match:
            if not_before_measure and starts_with_measure(text[match.end():].lstrip(" \t")):
                continue
            end = match.end()
            while end < len(text) and text[end] in " \t":
                end += 1
            return Label(name, label_number(match.group(1)), end)
    return None


def is_block_number(text: str) -> bool:
    """01, 02 … alone on a line: the number of the block whose heading follows."""
    label = find_label(text)
    return label is not None and label.style == "zero_padded" and label.end >= len(text)


@functools.cache
def _bare_numeral() -> re.Pattern:
    return patterns.compiled(patterns.load("headings")["bare_numeral"]["regex"])


def bare_numeral_headings(lines: list[str]) -> dict[int, tuple[int, int]]:
    """Lines opening with a bare numeral heading (一开展…行动, 二…, 三…: patterns/headings.toml,
    bare_numeral), line index → (number, where the heading starts). Only lines with no sentence
    mark, counting 1, 2, 3 … in order across the text (other lines between), at least three."""
    found: dict[int, tuple[int, int]] = {}
    for index, line in enumerate(lines):
        match = _bare_numeral().match(line)
        if match is None or len(line) > 80 or any(mark in line for mark in "，。；！？,;：:"):
            continue
        if label_number(match.group(1)) == len(found) + 1:
            found[index] = (len(found) + 1, match.end())
    return found if len(found) >= 3 else {}


def is_spaced_label(before: str, after: str) -> bool:
    """A line-initial `1 开展…` keeps its space, `2 万名` does not: a unit follows a number."""
    if not patterns.fullmatch(r"\d{1,2}", before) or not after or not patterns.match(r"\p{Han}", after):
        return False
    return not starts_with_measure(after)


@functools.cache
def _measure_start(with_time_words: bool) -> re.Pattern:
    units = [form for unit in patterns.load("units")["unit"] for form in unit["forms"]]
    words = units + list(patterns.load("numerals")["magnitudes"]) + ["千", "百", "余", "多"]
    if with_time_words:
        words += ["年", "月", "日", "号", "岁", "周岁", "届", "期", "版", "级", "星", "分钟", "小时", "天"]
    return patterns.compiled(rf"(?:{patterns.alternation(words)})")


@functools.cache
def _counted_measure() -> re.Pattern:
    units = [form for unit in patterns.load("units")["unit"] for form in unit["forms"]]
    return patterns.compiled(rf"(?<![\d.])\d+(?:\.\d+)?({patterns.alternation(units)})")


def counted_measure(text: str) -> str | None:
    """The measure word of the first number a text counts with one (新增800张养老床位 → 张), not a
    magnitude (1.2万人 names no measure of a bare 1.35 beside it)."""
    match = _counted_measure().search(text)
    return match.group(1) if match else None


@functools.cache
def _counted_figure() -> re.Pattern:
    units = [form for unit in patterns.load("units")["unit"] for form in unit["forms"]]
    magnitudes = patterns.alternation(patterns.load("numerals")["magnitudes"])
    return patterns.compiled(rf"(?<![\d.])(\d+(?:\.\d+)?)({magnitudes})?({patterns.alternation(units)})")


def counted_figure(text: str) -> tuple[float, str, str] | None:
    """The first figure a text counts with a measure word: its number, magnitude and measure
    (减少大班额1.4万个以上 → 1.4, 万, 个)."""
    match = _counted_figure().search(text)
    return (float(match.group(1)), match.group(2) or "", match.group(3)) if match else None


def starts_with_measure(text: str, with_time_words: bool = True) -> bool:
    """Whether text starts with what follows a number: a unit or magnitude (and, by default,
    年/月/日 and the like, which follow a number without making it a quantity)."""
    return bool(_measure_start(with_time_words).match(text))


@functools.cache
def _field_line_start() -> re.Pattern:
    return patterns.compiled(rf"^(?:{patterns.alternation(patterns.load('document')['field_keys'])})\s*：")


@patterns.text_cache
def is_field_line(text: str) -> bool:
    return bool(_field_line_start().match(text)) or field_at(text) is not None


@patterns.text_cache
def column_kind(name: str) -> str | None:
    """What a table column holds, from its header: 牵头部门 → lead, 年度目标任务 → content."""
    data = patterns.load("tables")
    if name in data["columns"]:
        return data["columns"][name]
    if len(name) > 12:
        # 进展情况、存在问题及下一步打算: a long header names its column by its first part.
        first = patterns.split(rf"[{data['column_joiners']}]", name, maxsplit=1)[0]
        if len(name) > 20 or len(first) == len(name) or patterns.search(r"[，。；：,;:]", name):
            return None
        name = first
    return next((kind for keyword, kind in data["keyword_kinds"] if keyword in name), None)


def table_header_columns(text: str) -> list[str]:
    """The column names of a header row starting with 序号: cells split by tabs, or run together."""
    if not text.startswith("序号"):
        return []
    cells = [cell for cell in patterns.split(r"\t|\s{2,}", text) if cell.strip()]
    if len(cells) >= 3:
        return cells if is_header_of_known_columns(cells, [column_kind(cell) for cell in cells]) else []
    glued_header, column_name = _glued_header()
    if not glued_header.match(text):
        return []
    return column_name.findall(text)


def is_header_of_known_columns(cells: list[str], kinds: list[str | None]) -> bool:
    """Whether header cells, with the kinds their names give (None: a name outside the
    vocabulary), make a table's header: every name known; or, under a 序号 that only a header
    starts with, three columns saying what a task is or who does it (实事项目 | 工作举措及实施计划 |
    责任单位 | 配合单位: one unknown name does not lose the table; a page's metadata rows, 索引号 |
    … | 公开方式, never start with 序号)."""
    if len(cells) < 3:
        return False
    if all(kinds):
        return True
    return cells[0].strip() == "序号" and sum(1 for kind in kinds[1:] if kind not in (None, "other")) >= 3


@functools.cache
def _glued_header() -> tuple[re.Pattern, re.Pattern]:
    """A header row whose cells run together (序号项目名称目标任务), and one column name in it:
    a name, or two joined (建设内容及目标, 目标任务和完成时限)."""
    data = patterns.load("tables")
    words = patterns.alternation(data["columns"])
    either = patterns.alternation([*data["columns"], *(keyword for keyword, _ in data["keyword_kinds"])])
    name = rf"(?:{words})(?:[{data['column_joiners']}](?:{either}))?"
    return patterns.compiled(rf"^(?:{name}[\t ]*)+$"), patterns.compiled(name)


def is_table_header(text: str) -> bool:
    return text == "序号" or len(table_header_columns(text)) >= 3


def headerless_cell_columns(texts: list[str], index: int) -> int:
    """How many column names, one a line, start at `index` of a table copied one cell per line
    whose header lost its empty 序号 cell (项目名称 / 目标任务 / 责任单位 / 1 / …): three at least,
    one of them naming the task, and the first row number 1 right after them; else 0."""
    count = 0
    while index + count < len(texts) and len(texts[index + count]) <= 12 and column_kind(texts[index + count]) \
            and column_kind(texts[index + count]) != "number":
        count += 1
    if count < 3 or index + count >= len(texts) or texts[index + count].strip() != "1":
        return 0
    kinds = {column_kind(text) for text in texts[index:index + count]}
    return count if kinds & {"title", "content"} else 0


def ends_table(text: str) -> bool:
    label = find_label(text)
    return (label is not None and label.style in ("chinese_comma", "chinese_paren")) or text.startswith("附件")


DOC_NUMBER = patterns.compiled(r"(\p{Han}{1,12})\s*[〔［\[【（(﹝〖]\s*(\d{4})\s*[〕］\]】）)﹞〗]\s*第?\s*(\d{1,4})\s*号")


_NAME_AND_DATE = patterns.compiled(rf"^(\S{{2,40}}?)[\t ]*({_DATE}|\d{{4}}-\d{{1,2}}-\d{{1,2}})$")


_DASHED_DATE = patterns.compiled(r"^\d{4}-\d{1,2}-\d{1,2}$")


def signature(before: str, text: str) -> tuple[str, str] | None:
    """(issuer, date) where `text` ends a signature: the issuer's name alone on the line before a
    date line (2024年3月5日, or 2024-03-05 as a copied page writes it), or both on one line."""
    if (DATE_LINE.match(text) or _DASHED_DATE.match(text)) and len(before) <= 30 and names.is_unit_name(before) \
            and not any(mark in before for mark in "，。；！？：,;"):
        return before, text
    return signature_line(text)


def signature_line(text: str) -> tuple[str, str] | None:
    """(issuer, date) of a line that signs with both, as a copied page writes it (某市人民政府办公室
    2024年3月5日, under a headline or at the end)."""
    if not (text.endswith(("日", "号")) or text[-1:].isdigit()):
        return None  # what every date the pattern takes ends with: most lines are told at once
    match = _NAME_AND_DATE.match(text)
    if match and names.is_unit_name(match.group(1)):
        return match.group(1), match.group(2)
    return None


@patterns.text_cache
def is_standalone_line(text: str) -> bool:
    """Lines that stand alone whatever follows: a bare number (a year in a graphic, 01), a date,
    a document number (in brackets too: （岳政发[2008]11号）), a row of tab-separated cells (a web
    page's 索引号/文号 block, a table row), a line of a web page's metadata block (发布机构：…生成日期：…,
    then the headline on its own line)."""
    return bool(_NUMBER_ONLY.match(text) or DATE_LINE.match(text) or is_table_header(text) or "\t" in text
                or DOC_NUMBER.fullmatch(text.strip("（()）")) or _ATTACHMENT.match(text) or signature_line(text)
                or patterns.compiled(patterns.load("document")["dateline"]).match(text)
                or _web_metadata_line().match(text))


@functools.cache
def _web_metadata_line() -> re.Pattern:
    return patterns.compiled(rf"^(?:{patterns.alternation(patterns.load('document')['web_keys'])})\s*：")


@patterns.text_cache
def is_structural_line(text: str) -> bool:
    """A line that starts something new and is never the continuation of the line before."""
    if is_standalone_line(text) or is_field_line(text) or text.startswith("附件"):
        return True
    label = find_label(text)
    if label is None:
        return False
    # 2.5万人次 at the start of a column line is a number, not item 2.
    return not (label.style == "arabic_dot" and text[label.end - 1 : label.end].isdigit()) and not (
        label.style == "arabic_dot" and patterns.match(r"\d{1,3}\.\d", text)
    )


@functools.cache
def _mid_line_styles() -> frozenset[str]:
    return frozenset(patterns.load("layout")["mid_line_styles"])


@patterns.text_cache
def mid_line_label(window: str) -> Label | None:
    """A numbering label that may open a block inside a line (`（2）改造…`, `2.新增…`), read from
    the characters after a boundary; `1.5万`, `2.50个` and `3 个` are numbers, not labels."""
    label = find_label(window)
    if label is None or label.style not in _mid_line_styles():
        return None
    after = window[label.end:label.end + 1]
    if label.style in ("arabic_dot", "arabic_comma") and (not after or after.isdigit() or after in "%.,"):
        return None
    return label


@functools.cache
def field_kinds() -> dict[str, str]:
    """Field label → kind: lead/unit/support/ignored from responsibility.toml, progress/target/meta
    from layout.toml."""
    responsibility = patterns.load("responsibility")
    kinds = {}
    for kind in ("lead", "unit", "support", "ignored"):
        for key in responsibility[f"{kind}_markers"]:
            kinds[key] = kind
    for group in patterns.load("layout")["field"]:
        for key in group["keys"]:
            kinds.setdefault(key, group["kind"])
    return kinds


@functools.cache
def _field_start() -> re.Pattern:
    return patterns.compiled(rf"(?:{patterns.alternation(field_kinds())})\s*：")


def field_at(text: str, position: int = 0):
    """The `key：` field label starting at `position`, as a match (group() is key and colon)."""
    return _field_start().match(text, position)


def field_ending_at(text: str, colon: int, floor: int = 0, accept=lambda match: True):
    """The field label (`key：`) whose colon is at `colon`, starting no earlier than `floor`, the
    longest key that `accept` takes (what stands before it decides); as a match, or None."""
    for key_start in range(max(floor, colon - 10), colon):
        match = field_at(text, key_start)
        if match is not None and match.end() == colon + 1 and accept(match):
            return match
    return None


def field_kind(text: str) -> str | None:
    """The kind of field a block opens with (`完成情况：…` → progress), if it opens with one."""
    match = field_at(text)
    return field_kinds()[match.group().rstrip("：").strip()] if match else None


def starts_block(window: str) -> bool:
    """Whether a block may start here inside a line: a numbering label or a field label."""
    return bool(window) and (mid_line_label(window) is not None or field_at(window) is not None)
