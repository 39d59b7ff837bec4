"""Table cells: every way a copied table separates its cells becomes one border, a tab.

Pipes (`1 | 项目 | … |`), runs of spaces or tabs between cells, and one space between the cells of
a table under a recognised header all become tabs; any other run of spaces becomes what the text
means by it: nothing between Chinese characters, digits and units (2 万名, 全 年), one space between
Latin words, a label and its text, or blocks run together (`…3000个 2.新增…`), and nothing inside
a number grouped by thousands (3 000人)."""

from __future__ import annotations

from ..base import labels, names, patterns
from .offsets import Line

CELL_BORDERS = frozenset("|｜│┃")
_CELL_BORDER = patterns.compiled("[|｜│┃]")


def repair_spaces(line: Line) -> None:
    """A line whose cell borders are marked: each run of spaces or tabs becomes a tab, a space or nothing."""
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


def mark_cell_borders(line: Line) -> None:
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


def mark_single_space_cells(lines: list[Line]) -> None:
    """A table copied with one space between its cells (`序号 项目名称 目标任务 牵头单位`, then
    `1 城镇老旧小区改造 改造老旧小区50个 县住建局 各乡镇`): its header and every row that starts with
    a number and has as many cells (or one fewer, an empty last cell) get tabs for those spaces. A
    header without 序号 (项目名称 年度目标 完成情况 责任单位) numbers no row: its rows are the lines
    right after it with as many cells."""
    columns, numbered, in_rows = 0, False, False
    spaced_rows = False  # under a header spaced out by hand (单 位, 备  注): rows tabbed gap by gap
    for line in lines:
        text = line.text
        if not text:
            continue
        if _mark_spaced_header(line):
            spaced_rows, in_rows = True, False
            continue
        if spaced_rows:
            if _ROW_NUMBER.match(text) or _is_spaced_sub_row(text):
                _tab_every_gap(line)
                continue
            spaced_rows = False
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


_GAP = patterns.compiled(r" +")


def _mark_spaced_header(line: Line) -> bool:
    """A header of cells separated by spaces, one or more, whose names may be spaced out
    themselves (`序号 考核指标 单 位 工作目标 已完成数 占年任务之比 备  注`): single characters in a
    row are one name (单位, 备注). Its gaps become tabs, the gaps inside a name go."""
    text = line.text
    if not text.startswith("序号 ") or "\t" in text or len(text) > 80:
        return False
    gaps = list(_GAP.finditer(text))
    parts = _GAP.split(text)
    joined = _joined_pairs(parts)
    names, current = [], parts[0]
    for index, gap in enumerate(gaps):
        if index in joined:
            current += parts[index + 1]
        else:
            names.append(current)
            current = parts[index + 1]
    names.append(current)
    if not any(len(part) == 1 for part in parts) and "  " not in text:
        return False  # one space between whole names: the plain reader below takes it
    if not labels.is_header_of_known_columns(names, [labels.column_kind(name) for name in names]):
        return False
    characters = line.characters
    keep = []
    for index, gap in enumerate(gaps):
        if index not in joined:
            characters[gap.start()] = "\t"
            keep.append(gap.start())
    dropped = {position for gap in gaps for position in range(gap.start(), gap.end())} - set(keep)
    line.keep([position for position in range(len(text)) if position not in dropped])
    line.bordered = True
    return True


def _joined_pairs(parts: list[str]) -> set[int]:
    """The gaps that join two single characters (单 位 → 单位): each character joins once."""
    found, position = set(), 0
    while position + 1 < len(parts):
        if len(parts[position]) == 1 and len(parts[position + 1]) == 1:
            found.add(position)
            position += 2
        else:
            position += 1
    return found


def _is_spaced_sub_row(text: str) -> bool:
    """A row without 序号 under a spaced header's rows: cells with a figure among them
    (`提质改造农村公路 公里  168 171.70  102.2%`), no sentence of prose."""
    parts = _GAP.split(text.strip())
    return len(parts) >= 3 and any(patterns.fullmatch(r"[-—]|[\d.]+%?", part) for part in parts) \
        and len(text) <= 120


def _tab_every_gap(line: Line) -> None:
    """Every run of spaces in a row of a spaced table is a cell border (one tab, once spaces are repaired)."""
    for gap in _GAP.finditer(line.text):
        for position in range(gap.start(), gap.end()):
            line.characters[position] = "\t"
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
    if table_row and _between_unit_names(text, gap):
        return " "  # | 市住建局 市商务局 |: a cell of units separated by spaces, which split_units splits
    if before.isdigit() and after.isdigit():
        return "" if _THOUSANDS_GAP.match(text, _digits_start(text, gap.start())) else " "
    if before.isascii() and before.isalpha() and after.isascii() and after.isalnum():
        return " "
    if before.isascii() and before.isalnum() and after.isascii() and after.isalpha():
        return " "
    return ""


_LIST_SEPARATORS = "、，,；; \t|｜│┃"


def _between_unit_names(text: str, gap) -> bool:
    """Whether the words on both sides of a gap are each a unit's name by itself (县财政局 县住建局),
    not the halves of one word spaced out (全 年, 通 知)."""
    start = max(text.rfind(separator, 0, gap.start()) for separator in _LIST_SEPARATORS) + 1
    ends = [position for separator in _LIST_SEPARATORS if (position := text.find(separator, gap.end())) >= 0]
    before, after = text[start:gap.start()], text[gap.end():min(ends, default=len(text))]
    return names.is_unit_name(before) and names.is_unit_name(after) and len(before) <= 20 and len(after) <= 20
