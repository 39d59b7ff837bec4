"""Stage 4, outline: blocks → document fields, task lists (sections) and their items.

- `document_fields.py`: title, issuer, 文号, signing date, region, year;
- `tree.py`: the numbering tree of the numbered blocks, and which lists are task lists;
- `items.py`: each leaf of a task list, and each row of a task table, as an item;
- `responsibility.py`: the responsible units, in every form a notice writes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..layout import find_blocks, find_tables
from ..base.model import Item
from ..normalise import NormalisedText
from . import document_fields
from .items import lead_items, leaf_items, listed_items, paragraph_items, table_items, unlabelled_items
from .tree import (QuantityTest, colophon_start, covering_notice_end, is_instruction_list, numbered_lists,
                   chrome_levels, without_instructions)


@dataclass
class Outline:
    document: dict
    items: list[Item]
    sections: int


def build_outline(normalised: NormalisedText, holds_quantity: QuantityTest) -> Outline:
    """`holds_quantity` tells a task from an instruction (a later stage knows quantities)."""
    text = normalised.text
    blocks = find_blocks(text, normalised.paragraphs())
    document = document_fields.extract_fields([block.text for block in blocks])
    blocks = blocks[: colophon_start(blocks)]
    found_tables, table_blocks = find_tables(text, blocks)
    listed_blocks = [block for index, block in enumerate(blocks) if index not in table_blocks]
    lists = numbered_lists(text, listed_blocks)
    chrome = chrome_levels(text, lists, holds_quantity)
    if chrome:  # built again as if the chrome's labels were plain text
        lists = numbered_lists(text, listed_blocks, frozenset(chrome))
    task_lists = [without_instructions(text, entry, holds_quantity) for entry in lists
                  if not is_instruction_list(text, entry, lists, holds_quantity)]
    ordered = sorted([(entry[0].content_start, "numbered", entry) for entry in task_lists if entry]
                     + [(table.rows[0].span[0], "table", table) for table in found_tables],
                     key=lambda triple: triple[0])
    signed = covering_notice_end(blocks)
    if signed is not None and any(start > signed for start, _, _ in ordered):
        # The attachment lists the tasks: the covering notice's numbered paragraphs are its own words.
        ordered = [triple for triple in ordered if triple[0] > signed or triple[1] == "table"]
    items: list[Item] = []
    for section, (_, kind, entry) in enumerate(ordered, 1):
        if kind == "numbered":
            items.extend(leaf_items(text, entry, section, holds_quantity))
        else:
            items.extend(table_items(text, entry, section))
    if not items:  # no numbered task anywhere: lists in one sentence, run-in leads, task paragraphs, or news paragraphs
        items = listed_items(text, blocks, holds_quantity) or lead_items(text, blocks) \
            or unlabelled_items(text, blocks, holds_quantity) or paragraph_items(text, blocks, holds_quantity)
        return Outline(document, items, max((item.section for item in items), default=0))
    return Outline(document, items, len(ordered))
