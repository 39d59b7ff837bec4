"""Task tables, however they were flattened: rows of named cells.

Copied tables arrive one cell per line, one row per line with a cell border between cells (a tab:
the normaliser turns pipes and runs of spaces into tabs), or run together with no separator. A
table may have lost its header (a page fragment), repeat its header on every page, count from
any number, hold section rows (`一、经济发展`) between its rows, and break a cell over several
lines. Each numbered row becomes a `Row` whose cells are named by the column they stand in
(patterns/tables.toml: 项目名称 → title, 牵头单位 → lead …); numbering inside a cell (steps
1. 2., ①②) is never a row of its own.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..base import labels, names, patterns, segmentation
from . import alignment
from .blocks import Block

UNIT_KINDS = ("lead", "unit", "support")
# 12, 12. or 12、 in its cell, or 十二 alone in its cell.
_ROW_NUMBER = patterns.compiled(r"^(\d{1,3}|[一二三四五六七八九十]{1,3}(?=\t))(?:[.．、](?=\t)|(?![\d.．%]))[\t ]*")


@dataclass(frozen=True)
class Group:
    """A group the rows below it belong to: a section row (一、经济发展, （一）…) or a numbered
    category cell (一、就业促进（3项））, with its printed number and heading."""
    style: str
    number: int
    heading: str


@dataclass
class Row:
    number: int
    span: tuple[int, int]
    cells: list[tuple[int, int]] = field(default_factory=list)  # spans of the cells after 序号
    section: int = 0  # how many section rows (一、经济发展) came before it in its table
    fields: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # column kind → cell spans
    names: dict[tuple[int, int], str] = field(default_factory=dict)  # cell span → its column's name (cells by position)
    subrows: list[list[tuple[int, int]]] = field(default_factory=list)  # rows without 序号 under it, their cells
    subrow_fields: list[dict[str, list[tuple[int, int]]]] = field(default_factory=list)  # each sub-row's cells by kind
    groups: list[Group] = field(default_factory=list)  # the groups it is in, outermost first


@dataclass
class Table:
    columns: list[str]
    rows: list[Row]
    column_units: dict[str, str] = field(default_factory=dict)  # column kind → unit its bare numbers take
    restarts: bool = False  # numbering counts from 1 again in each section
    start: int = 0  # where the table starts (its header, if it has one)
    parent: tuple[list[int], str] | None = None  # path and heading of the numbered heading right above it
    category: str | None = None  # the column whose numbered cells open groups (类别), no cell of any row
    total: list[tuple[int, int]] = field(default_factory=list)  # the total row's cells, placed as a row's (全省 | 1500 | …)

    def cell_columns(self) -> list[str]:
        """The columns a row's cells stand in: all after 序号, but a category column of groups."""
        return [column for column in self.columns[1:] if column != self.category]


def find_table_rows(text: str, blocks: list[Block]) -> tuple[list[Table], set[int]]:
    """The tables among the blocks, and the indices of the blocks they consume."""
    tables, used = [], set()
    index = 0
    while index < len(blocks):
        columns, after = _header(blocks, index)
        if not columns:
            columns, after = _headerless(text, blocks, index)
        if not columns:
            index += 1
            continue
        table, end = _rows(text, blocks, after, columns)
        table.start = blocks[index].start
        if table.rows:
            table.total = _total_row(blocks, end, len(table.rows[-1].cells))
            for row in table.rows:
                _place_cells(table, row, text)
            tables.append(table)
            used.update(range(index, end))
        index = max(end, index + 1)
    return tables, used


_BRACKETED_NOTE = r"[（(][^（）()]{1,6}[）)]$"


def without_bracketed_note(name: str) -> str:
    """A header or title without the short note in brackets at its end: 总投资（万元） → 总投资,
    新建公共充电桩（个） → 新建公共充电桩."""
    return patterns.sub(_BRACKETED_NOTE, "", name).strip()


def column_unit(name: str) -> str | None:
    """The unit a column's bare numbers take from its header: 新增托位（个） → 个, 目标（万人） → 万人."""
    match = patterns.search(r"[（(]([^（）()]{1,6})[）)]$", name)
    if match and labels.starts_with_measure(match.group(1), with_time_words=False):
        return match.group(1)
    return None


def _kind(name: str) -> str:
    kind = labels.column_kind(without_bracketed_note(name) or name)
    return kind or "other"


def _header(blocks: list[Block], index: int) -> tuple[list[str], int]:
    """The column names of a header at `index` (one row, or one cell per line after 序号)."""
    text = blocks[index].text
    if text == "序号":
        return _header_one_cell_per_line(blocks, index)
    columns = _header_columns(text)
    if len(columns) >= 3:
        return columns, index + 1
    count = labels.headerless_cell_columns([block.text for block in blocks[index:index + 16]], 0)
    if count and not any(block.is_row for block in blocks[index:index + count]):
        return ["序号"] + [block.text for block in blocks[index:index + count]], index + count
    return [], index


_LONGEST_COLUMN_NAME = 20


def _header_one_cell_per_line(blocks: list[Block], index: int) -> tuple[list[str], int]:
    """序号 and the column names one a line after it: every short line with no sentence mark up to
    the first line that is only a row number (1-10月推进情况 is a name). Names outside the
    vocabulary (是否达序时, 说明) are columns too, of kind "other", when two at least are known;
    with no row number after them they are no header (a list of names in the text)."""
    columns, position = ["序号"], index + 1
    while position < len(blocks) and not blocks[position].is_row and _is_column_name(blocks[position].text):
        columns.append(blocks[position].text)
        position += 1
    known = len(columns) - 1
    while position < len(blocks) and not blocks[position].is_row:
        name = blocks[position].text
        if _BARE_ROW_NUMBER.fullmatch(name) or _is_section_row(blocks[position]):
            break
        if len(name) > _LONGEST_COLUMN_NAME or patterns.search(r"[，。；：,;:！？]", name) or name == "序号":
            break
        columns.append(name)
        known += _is_column_name(name)
        position += 1
    if len(columns) - 1 == known:  # every name known, whatever follows
        return (columns, position) if len(columns) >= 3 else ([], index)
    if known < 2 or position >= len(blocks) or not (
            _BARE_ROW_NUMBER.fullmatch(blocks[position].text) or _is_section_row(blocks[position])):
        return [], index
    return columns, position


# A row number alone on its line: 12, 12. or 12、.
_BARE_ROW_NUMBER = patterns.compiled(r"\d{1,3}[.．、]?")


def _is_column_name(text: str) -> bool:
    return labels.column_kind(without_bracketed_note(text) or text) is not None


def _header_columns(text: str) -> list[str]:
    if "\t" in text:
        cells = [cell.strip() for cell in text.split("\t") if cell.strip()]
        kinds = [_kind(cell) if _is_column_name(cell) or column_unit(cell) else None for cell in cells]
        if not labels.is_header_of_known_columns(cells, kinds):
            return []
        if sum(1 for cell in cells if _kind(cell) != "other") < 3:
            return []
        return cells
    return labels.table_header_columns(text)




def _headerless(text: str, blocks: list[Block], index: int) -> tuple[list[str], int]:
    """A page fragment that starts mid-table: at least two rows numbered in sequence, of the same
    number of cells (three at least), name their columns by what the cells hold."""
    rows = []
    position = index
    while position < len(blocks) and blocks[position].is_row:
        cells = [cell for cell in blocks[position].cells()]
        number = _ROW_NUMBER.match(blocks[position].text)
        if number is None or len(cells) < 3 or (rows and (labels.label_number(number.group(1)) != rows[-1][0] + 1
                                                          or len(cells) != len(rows[-1][1]))):
            break
        rows.append((labels.label_number(number.group(1)), cells))
        position += 1
    if len(rows) < 2:
        return [], index
    width = len(rows[0][1]) - 1
    columns = ["序号"]
    texts = [[text[start:end] for start, end in cells[1:]] for _, cells in rows]
    digits = [sum(1 for row in texts if patterns.search(r"\d", row[column])) for column in range(width)]
    content = max(range(width), key=lambda column: (digits[column], -column))
    units_named = 0
    for column in range(width):
        values = [row[column] for row in texts]
        if all(_is_unit_list(value) for value in values):
            columns.append(("责任单位", "配合单位")[min(units_named, 1)])
            units_named += 1
        elif column == content:
            columns.append("目标任务")
        elif column < content and "项目" not in columns:
            columns.append("项目")
        else:
            columns.append("备注")
    return columns, index


def _is_unit_list(value: str) -> bool:
    return alignment.cell_type(value) == "units"


_BARE_CHINESE_NUMBER = patterns.compiled(r"[（(]?[一二三四五六七八九十]{1,3}[）)、]?")


def _is_section_row(block: Block) -> bool:
    """一、经济发展 (alone, or as the first cell of an otherwise empty row) inside a table."""
    cells = [cell for cell in block.text.split("\t") if cell.strip()]
    if len(cells) == 2 and _BARE_CHINESE_NUMBER.fullmatch(cells[0].strip()) and len(cells[1]) <= 20 \
            and not patterns.search(r"\d", cells[1]):
        return True  # 一 | 教育类 | | |: the group's numeral in the 序号 column, its name beside it
    if len(cells) != 1:
        return False
    label = labels.find_label(cells[0])
    return label is not None and label.style in ("chinese_comma", "chinese_paren") and len(cells[0]) <= 30


def _rows(text: str, blocks: list[Block], start: int, columns: list[str]) -> tuple[Table, int]:
    counted = _kind(columns[0]) != "number"  # a header without 序号: its rows are counted 1, 2, 3
    columns = ["序号"] + columns if counted else columns
    table = Table(columns, [], {_kind(column): unit for column in columns if (unit := column_unit(column))})
    position, expected, section = start, None, 0
    groups: list[Group] = []
    category = next((index for index, column in enumerate(columns[1:]) if column in _group_columns()), None)
    width = len(columns) - 1
    while position < len(blocks):
        block = blocks[position]
        repeated, after = _header(blocks, position)
        if repeated:  # the header again on the next page
            position = after
            continue
        if _is_section_row(block) and position + 1 < len(blocks) and (
                counted or _ROW_NUMBER.match(blocks[position + 1].text) or _is_section_row(blocks[position + 1])):
            section += 1
            groups = _opened(groups, _section_group(block))
            position += 1
            continue
        if counted:
            if not block.is_row or len(block.cells()) < 2:
                break
            table.rows.append(Row(len(table.rows) + 1, (block.start, block.end), block.cells(), section, groups=groups))
            position += 1
            continue
        match = _ROW_NUMBER.match(block.text)
        number = labels.label_number(match.group(1)) if match else None
        if number is not None and expected is not None and number != expected \
                and not (number == 1 and table.rows and table.rows[-1].section < section) \
                and not (number > expected and _opens_row(blocks, position, match)):
            number = None
        if number is None:
            if table.rows and _belongs_to_row_above(blocks, position, expected, section > table.rows[-1].section):
                row = table.rows[-1]  # a cell broken over several lines, or a sub-row without 序号
                if block.is_row and len(block.cells()) >= 2:
                    row.subrows.append(block.cells())
                else:
                    row.cells.extend(block.cells() if block.is_row else [(block.start, block.end)])
                row.span = (row.span[0], block.end)
                position += 1
                continue
            break
        if number == 1 and table.rows:
            table.restarts = True
        if match.end() == len(block.text):  # one cell per line
            cells, position = [], position + 1
            row_end = _next_row_start(blocks, position, number, width, _kind(columns[1]) if width else "other")
            while position < len(blocks):
                if row_end is not None and position >= row_end:
                    break
                if row_end is None and (blocks[position].text == str(number + 1)
                                        or len(cells) >= width and not _continues(blocks, position)):
                    break
                if _header(blocks, position)[0]:
                    break
                cells.append((blocks[position].start, blocks[position].end))
                position += 1
        else:
            cells = _cells_of_line(block, match.end(), columns)
            position += 1
        end = cells[-1][1] if cells else block.end
        if category is not None:
            group = _category_group(text, cells[:category + 1])
            if group is not None:  # 1 | 一、就业促进（3项） | …: the category cell opens a group, no cell of the row
                groups = _opened(groups, group[0])
                cells = [cell for cell in cells if cell != group[1]]
                table.category = columns[category + 1]
        table.rows.append(Row(number, (block.start, end), cells, section, groups=groups))
        expected = number + 1
    return table, position


@functools.cache
def _group_columns() -> frozenset[str]:
    return frozenset(patterns.load("tables")["group_columns"])


def _opened(groups: list[Group], group: Group | None) -> list[Group]:
    """The groups after `group` opens: it closes the groups of its style and those inside them
    (二、 closes 一、 and its （一）)."""
    if group is None:
        return groups
    styles = [open_group.style for open_group in groups]
    kept = groups[:styles.index(group.style)] if group.style in styles else groups
    return kept + [group]


def _section_group(block: Block) -> Group | None:
    cells = [cell.strip() for cell in block.text.split("\t") if cell.strip()]
    if len(cells) == 2:  # 一 | 教育类
        return Group("chinese_comma", labels.label_number(patterns.sub(r"[（()）、]", "", cells[0])), cells[1])
    label = labels.find_label(cells[0])
    return Group(label.style, label.number, cells[0][label.end:].strip()) if label else None


def _category_group(text: str, cells: list[tuple[int, int]]) -> tuple[Group, tuple[int, int]] | None:
    """A numbered category cell (一、就业促进（3项）) among a row's first cells."""
    for cell in cells:
        value = text[cell[0]:cell[1]]
        label = labels.find_label(value)
        if label is not None and label.style == "chinese_comma" and len(value) <= 30 \
                and not patterns.search(r"[，。；]", value):
            return Group(label.style, label.number, value[label.end:].strip()), cell
    return None


def _opens_row(blocks: list[Block], position: int, match) -> bool:
    """A row number higher than the next (a report numbering its tasks across tables: 145, then
    249): a row of cells, or a number alone on its line with a text cell after it."""
    block = blocks[position]
    if block.is_row:
        return True
    return match.end() == len(block.text) and position + 1 < len(blocks) \
        and patterns.search(r"\p{Han}", blocks[position + 1].text) is not None


def _total_row(blocks: list[Block], position: int, width: int) -> list[tuple[int, int]]:
    """The cells of the total row right after a table's numbered rows (全省 | 1500 | 1110 | …, in one
    line or one cell per line), where it has as many cells as a row."""
    if position >= len(blocks) or not width:
        return []
    block = blocks[position]
    if block.is_row:
        cells = block.cells()
    else:
        cells = [(line.start, line.end) for line in blocks[position:position + width]]
    return cells if len(cells) == width and _is_total(block) else []


def _ends_rows(blocks: list[Block], position: int) -> bool:
    """What a table's row never runs on into: a header, a section row, 附件, a signature."""
    block = blocks[position]
    return bool(_header(blocks, position)[0]) or _is_section_row(block) or block.text.startswith("附件") \
        or (position + 1 < len(blocks) and labels.signature(block.text, blocks[position + 1].text) is not None) \
        or labels.DATE_LINE.match(block.text) is not None


_ROW_LOOKAHEAD = 8  # lines: how far a row broken over lines may reach before the next row


def _belongs_to_row_above(blocks: list[Block], position: int, expected: int | None, after_section: bool) -> bool:
    """A line between two rows that is no row itself: the rest of a cell broken over lines
    (区林业局 | 区供销联社 under 区农业农村委), the cell after it (the progress cell after a unit list
    broken over lines) or a sub-row without 序号 (| 新增800张… | 810 | 101% |) — when the next row
    follows within a few lines; or a unit list after the last row."""
    block = blocks[position]
    if not block.is_row and _continues(blocks, position):
        return True
    if expected is None or after_section or _ends_rows(blocks, position):
        return False
    for ahead in range(position + 1, min(len(blocks), position + _ROW_LOOKAHEAD)):
        if _ends_rows(blocks, ahead) and not _is_section_row(blocks[ahead]):
            return False
        match = _ROW_NUMBER.match(blocks[ahead].text)
        if match and labels.label_number(match.group(1)) in (expected, 1) \
                and (blocks[ahead].is_row or _opens_row(blocks, ahead, match)):
            return True
    return _trailing_sub_row(blocks, position)


def _trailing_sub_row(blocks: list[Block], position: int) -> bool:
    """A sub-row of the last row (| 提高特困人员救助标准 | 元/月/人 | 不低于800元 | 820 |) where the
    table ends: a line of three or more cells, no total, with only such lines after it up to the end."""
    for ahead in range(position, len(blocks)):
        block = blocks[ahead]
        if not block.is_row or len(block.cells()) < 3 or _is_total(block):
            return False
    return True


def _is_total(block: Block) -> bool:
    first = block.cells()[0] if block.is_row else (block.start, block.end)
    return patterns.fullmatch(patterns.load("tables")["total_row"]["pattern"],
                              block.text[:first[1] - block.start].strip()) is not None


def _next_row_start(blocks: list[Block], position: int, number: int, width: int, first_kind: str) -> int | None:
    """Where a row of a table one cell per line ends: at the next row number (the next, or a
    higher one once the row has its cells) alone on its line with a cell after it that fits the
    first column (an office only under 责任单位: 2 | 县住建局 is a value and its unit), whatever
    the row's width (several units, ①② steps each on a line, empty cells gone, a sub-row without
    序号). None when no row follows before a header, section row, 附件 or signature."""
    higher = None  # a higher number, taken only where the next one is nowhere (a value cell 62 may look so)
    for ahead in range(position, min(len(blocks), position + 4 * width + 12)):
        if ahead > position and _ends_rows(blocks, ahead):  # the next part of the table, or its end (the old rule then)
            return higher if higher is not None else \
                ahead if _is_section_row(blocks[ahead]) or _header(blocks, ahead)[0] else None
        text = blocks[ahead].text
        if _BARE_ROW_NUMBER.fullmatch(text) and (match := _ROW_NUMBER.match(text)) and _opens_row(blocks, ahead, match) \
                and (first_kind in UNIT_KINDS or not names.is_office(blocks[ahead + 1].text)):
            following = labels.label_number(match.group(1))
            if following == number + 1:
                return ahead
            if following > number + 1 and ahead - position >= width - 1 and higher is None:
                higher = ahead
    return higher


def _continues(blocks: list[Block], position: int) -> bool:
    """A line after a full row that still belongs to it: a unit list, not a new paragraph nor the
    issuer's name signing the notice above its date."""
    text = blocks[position].text
    signature = position + 1 < len(blocks) and labels.DATE_LINE.match(blocks[position + 1].text)
    return names.is_unit_name(text.split("，")[0].split("、")[0]) and len(text) <= 40 and not signature


def _cells_of_line(block: Block, content_start: int, columns: list[str]) -> list[tuple[int, int]]:
    if block.is_row:
        return [cell for cell in block.cells() if cell[0] >= block.start + content_start]
    offset = block.start + content_start
    return [(offset + start, offset + end) for start, end in split_glued_row(block.text[content_start:], columns)]


def split_glued_row(line: str, columns: list[str]) -> list[tuple[int, int]]:
    """A row run together: the last columns taken off its end (units found by their names, a
    deadline by its shape), the title cut before the first content verb, the rest content."""
    kinds = [_kind(column) for column in columns]
    cells: list[tuple[int, int]] = []
    end, units_taken = len(line), False
    for kind in reversed(kinds):
        if kind in UNIT_KINDS:
            if units_taken:
                continue  # lead and support units glued together: all taken at once
            found, units_taken = _glued_units(line[:end]), True
        elif kind == "other":
            deadline = _glued_deadline().search(line, 0, end)
            found = [deadline.span()] if deadline else []
        else:
            break
        if not found or found[0][0] == 0:
            break
        cells, end = found + cells, found[0][0]
    body: list[tuple[int, int]] = [(0, end)]
    if "title" in kinds and "content" in kinds:
        split = _content_start(line[:end])
        if split:
            body = [(0, split), (split, end)]
    return body + cells


def _content_start(text: str) -> int | None:
    verbs = set(patterns.load("tables")["content_starts"])
    position = 0
    words = segmentation.words(text)
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        # 老旧小区改造改造老旧小区60个: a verb right before another ends the title.
        if word in verbs and 4 <= position <= 20 and following not in verbs:
            return position
        if not patterns.match(r"\p{Han}", word):
            return None
        position += len(word)
    return None


def _glued_units(line: str) -> list[tuple[int, int]]:
    """Spans of the unit names that end the line, glued one to the next."""
    unit = patterns.load("tables")["unit_name"]
    tail = _glued_unit_tail().search(line)
    if tail is None or tail.start() == 0:
        return []
    return [match.span() for match in patterns.compiled(unit).finditer(line, tail.start())]


@functools.cache
def _glued_deadline() -> re.Pattern:
    return patterns.compiled(patterns.load("tables")["deadline"] + "$")


@functools.cache
def _glued_unit_tail() -> re.Pattern:
    return patterns.compiled(rf"(?:{patterns.load('tables')['unit_name']})+$")


def _place_cells(table: Table, row: Row, text: str) -> None:
    """A row's cells named by their columns: by position where the row has a cell for each column
    and each cell fits its column; else by type (alignment.py), which also finds the sub-rows run on
    after a row copied one cell per line. A sub-row on a line of its own is placed the same way."""
    columns = table.cell_columns()
    if len(row.cells) == len(columns) - 1 and columns[-1].strip() == "备注" \
            and any(_kind(column) in UNIT_KINDS for column in columns[:-1]):
        # All but an empty last 备注: 95% under 当前进度 stays a share, by position (where 备注 names
        # no units: a table with no column of units names them there).
        columns = columns[:-1]
    kinds = [_kind(column) for column in columns]
    segments = _segments(kinds, row.cells, text)
    lines = segments + [segment for cells in row.subrows for segment in _segments(kinds, cells, text, True)]
    row.cells = [cell for cell, _ in lines[0]]
    row.subrows = [[cell for cell, _ in line] for line in lines[1:]]
    row.names = {cell: columns[column] for line in lines for cell, column in line}
    row.fields, *row.subrow_fields = [_fields(table, kinds, line, text) for line in lines]


def _segments(kinds: list[str], cells: list[tuple[int, int]], text: str,
              sub_row: bool = False) -> list[list[tuple[tuple[int, int], int]]]:
    """The row's cells with their column indices, the row first and then the sub-rows run on after it."""
    if not cells or not kinds:
        return [[]]
    values = [text[start:end] for start, end in cells]
    segments = alignment.align(kinds, values, sub_row)
    if len(cells) == len(kinds):
        positional = [[(index, index) for index in range(len(cells))]]
        if alignment.alignment_score(kinds, values, segments) \
                < alignment.alignment_score(kinds, values, positional) + _BETTER_BY_TYPE:
            segments = positional
    return [[(cells[index], column) for index, column in segment] for segment in segments]


_BETTER_BY_TYPE = 3.0  # how much better the typed alignment of a full row must fit to win over position


def _fields(table: Table, kinds: list[str], line: list[tuple[tuple[int, int], int]], text: str) -> dict[str, list]:
    """Cells → column kinds. Units named in a column of notes (备注: 交通局) are the row's units
    where the table has no column of units."""
    has_units = any(kind in UNIT_KINDS for kind in kinds)
    fields: dict[str, list] = {}
    for cell, column in line:
        kind = kinds[column]
        if kind == "other" and not has_units and alignment.cell_type(text[cell[0]:cell[1]]) == "units":
            kind = "unit"
        fields.setdefault(kind, []).append(cell)
    return fields


def split_flattened_rows(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A table whose rows were run into one line (`序号 | 项目 | … | 1 | 新建… | … | 2 | …`): the
    row numbers, in sequence, stand as cells of their own; each opens a row again (a section row
    `一、教育文化` just before one opens it instead)."""
    result = []
    for start, end in spans:
        line = text[start:end]
        if line.count("\t") < 6:
            result.append((start, end))
            continue
        cells = Block(start, end, line).cells()
        cuts = _row_starts(text, cells)
        for cut in cuts:
            if cut > start:
                result.append((start, cut))
                start = cut
        result.append((start, end))
    return result


def _row_starts(text: str, cells: list[tuple[int, int]]) -> list[int]:
    values = [text[start:end] for start, end in cells]
    numbers = [int(value) if value.isdigit() and len(value) <= 3 else None for value in values]
    cuts, expected, last = [], None, -3
    for index, number in enumerate(numbers):
        if number is None or index - last < 3 or (expected is not None and number not in (expected, 1)):
            continue
        if expected is None and not any(later == number + 1 for later in numbers[index + 3:index + 40]):
            continue
        label = labels.find_label(values[index - 1]) if index else None
        if label is not None and label.style in ("chinese_comma", "chinese_paren"):
            cuts.append(cells[index - 1][0])  # 一、教育文化 | 1 | …: the section row stands before its first row
        cuts.append(cells[index][0])
        expected, last = number + 1, index
    return cuts if sum(1 for number in numbers if number is not None) >= 2 and len(cuts) >= 2 else []
