"""Tasks written as records of fields, one after another, without numbers:

    项目名称：城镇老旧小区改造 目标任务：改造老旧小区60个 牵头单位：市住建局 完成时限：12月底
    项目名称：托育服务 目标任务：新增托位800个 牵头单位：市卫健委

Each record opens with its name field (patterns/layout.toml, kind title) and holds the field
blocks that follow it; a run of two records or more is read as a table whose rows are counted
1, 2, 3 and whose cells are named by their fields' kinds.
"""

from __future__ import annotations

from ..base import labels
from .blocks import Block
from .tables import Row, Table

# Field kinds → the column kinds of a table row.
_COLUMN_OF = {"title": "title", "target": "content", "progress": "progress", "lead": "lead", "unit": "unit",
              "support": "support", "meta": "other", "ignored": "other"}


def find_records(blocks: list[Block], used: set[int]) -> tuple[list[Table], set[int]]:
    tables, taken = [], set()
    index = 0
    while index < len(blocks):
        records, end = _run(blocks, index, used)
        if len(records) >= 2:
            tables.append(Table(["序号", "项目名称", "目标任务"], records))
            taken.update(range(index, end))
            index = end
        else:
            index += 1
    return tables, taken


def _run(blocks: list[Block], index: int, used: set[int]) -> tuple[list[Row], int]:
    rows: list[Row] = []
    position = index
    while position < len(blocks) and position not in used and blocks[position].field == "title":
        row = Row(len(rows) + 1, (blocks[position].start, blocks[position].end))
        while position < len(blocks) and position not in used:
            block = blocks[position]
            kind = block.field
            if kind is None or (kind == "title" and row.fields):
                break
            key = labels.field_at(block.text)
            start = block.start + key.end()
            while start < block.end and block.text[start - block.start] in " \t":
                start += 1
            if start < block.end:
                row.fields.setdefault(_COLUMN_OF.get(kind, "other"), []).append((start, block.end))
                row.cells.append((start, block.end))
            row.span = (row.span[0], block.end)
            position += 1
        rows.append(row)
    return rows, position
