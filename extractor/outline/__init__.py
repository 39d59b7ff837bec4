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
from .tree import (QuantityTest, chrome_levels, colophon_start, covering_notice_end, is_bullet, is_instruction_list,
                   numbered_lists, walk, without_instructions)


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
    parented = _tables_under_headings(text, task_lists, found_tables)
    if found_tables:  # beside a task table, a list with no quantity (a page's • 发布日期 bullets) lists no task
        task_lists = [entry for entry in task_lists if any(
            holds_quantity(text[start:end]) for node in walk(entry)
            for start, end in [(node.content_start, node.content_end)] + node.body)]
    task_lists = [entry for entry in task_lists if entry]
    ordered = sorted([(entry[0].content_start, "numbered", entry) for entry in task_lists if entry]
                     + [(table.rows[0].span[0], "table", table) for table in found_tables],
                     key=lambda triple: triple[0])
    signed = covering_notice_end(blocks)
    if signed is not None and any(start > signed for start, _, _ in ordered):
        # The attachment lists the tasks: the covering notice's numbered paragraphs are its own words.
        ordered = [triple for triple in ordered if triple[0] > signed or triple[1] == "table"]
    items: list[Item] = []
    section = 0
    for index, (_, kind, entry) in enumerate(ordered):
        if not (kind == "table" and index and parented.get(id(entry)) is ordered[index - 1][2]):
            section += 1  # a table under a heading of a list is in the list's section
        if kind == "numbered":
            items.extend(leaf_items(text, entry, section, holds_quantity))
        else:
            items.extend(table_items(text, entry, section))
    if not items:  # no numbered task anywhere: lists in one sentence, run-in leads, task paragraphs, or news paragraphs
        items = listed_items(text, blocks, holds_quantity) or lead_items(text, blocks) \
            or unlabelled_items(text, blocks, holds_quantity) or paragraph_items(text, blocks, holds_quantity)
        section = max((item.section for item in items), default=0)
    document["year"] = document_fields.items_year(
        document["title"], [item.title + text[item.span[0]:item.span[1]] for item in items], document["year"])
    return Outline(document, items, section)


def _tables_under_headings(text: str, task_lists: list[list], tables: list) -> dict[int, list]:
    """A numbered heading with nothing under it right above a table (一、10件民生实事任务分解表 |
    序号 | …) is the table's parent: its rows take its path and its heading as their title, and it is
    no item of its own. The lists it is taken from, by table."""
    parented = {}
    for table in tables:
        for entry in task_lists:
            leaves = [node for node in walk(entry) if not node.children]
            if not leaves:
                continue
            node = leaves[-1]
            if node.body or node.content_end > table.start or text[node.content_end:table.start].strip():
                continue
            heading = text[node.content_start:node.content_end].strip()
            if not heading or is_bullet(node.style) or node.style == "inline_ordinal" or any(mark in heading for mark in "，。；：:"):
                continue  # a bullet or a field (• 来源：…) heads no table
            table.parent = (node.path, heading)
            siblings = node.parent.children if node.parent is not None else entry
            siblings.remove(node)
            parented[id(table)] = entry
            break
    return parented
