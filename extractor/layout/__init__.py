"""Stage 3, layout: normalised text → blocks, whatever the page looked like.

A notice reaches us one paragraph per line, or run together in one line (a page saved without
its line breaks, a news report listing its tasks in one paragraph), or as table rows. The outline
should not care: this stage cuts the text into blocks, each a numbered block (label, text), a
field (`责任单位：…`, `完成情况：…`) or a table row (cells between tabs, the one cell border the
normaliser leaves), as spans of the normalised text so that every block stays grounded.

- `numbering.py` finds numbering labels inside lines (in sequence: 1, 2, 3 … after a sentence end);
- `fields.py` finds field labels inside lines;
- `tables.py` splits a table run into one line back into rows, and reads tables as rows of named
  cells, whatever their borders (pipes, tabs, runs of spaces, one cell per line, none);
- `remarks.py` opens a block at a closing remark (会议要求，…) after the last task of a line;
- `records.py` reads tasks written as records of fields (项目名称：… 目标任务：…) as table rows;
- `blocks.py` is the block itself.
"""

from __future__ import annotations

from .blocks import Block, trimmed
from .fields import split_at_fields
from .numbering import split_at_labels
from .records import find_records
from .remarks import split_at_closing_remarks
from .tables import Table, find_table_rows, split_flattened_rows

__all__ = ["Block", "Table", "find_blocks", "find_tables"]


def find_blocks(text: str, paragraphs: list[tuple[int, int]]) -> list[Block]:
    """The blocks of a normalised text, given its lines as (start, end) spans."""
    spans = [span for span in paragraphs if span[1] > span[0]]
    spans = split_at_fields(text, split_at_labels(text, split_flattened_rows(text, spans)))
    spans = split_at_closing_remarks(text, spans)
    blocks = []
    for start, end in spans:
        start, end = trimmed(text, start, end)
        if end > start:
            blocks.append(Block(start, end, text[start:end]))
    return blocks


def find_tables(text: str, blocks: list[Block]) -> tuple[list[Table], set[int]]:
    """Every task table among the blocks (and records of fields, read as tables), in text order,
    with the indices of the blocks they consume."""
    tables, used = find_table_rows(text, blocks)
    records, taken = find_records(blocks, used)
    return sorted(tables + records, key=lambda table: table.rows[0].span[0]), used | taken
