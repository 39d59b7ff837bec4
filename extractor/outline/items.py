"""Items from the numbering tree and from table rows (part of the outline stage): each leaf's
title, body spans and responsible units, and where its quantities stand (a 完成情况 field, a
完成率 column, a bare number under a 目标值 column).
"""

from __future__ import annotations

from ..base import labels, names, patterns
from ..layout.tables import UNIT_KINDS, Table, column_unit, without_bracketed_note
from ..base.model import Item
from . import responsibility
from .tree import _SENTENCE, _TITLE_CUT, Node, QuantityTest, is_closing_remark, walk



def leaf_items(text: str, top_nodes: list[Node], section: int, holds_quantity: QuantityTest) -> list[Item]:
    for node in walk(top_nodes):
        _lift_group_units(text, node)
    return [_item(text, node, section, holds_quantity) for node in walk(top_nodes) if not node.children]


def _lift_group_units(text: str, parent: Node) -> None:
    """A 责任单位 line after the last of several sub-items, none of which names its own,
    is the group's: move it to the parent so that every sub-item inherits it."""
    children = parent.children
    if len(children) < 2 or children[-1].children:
        return
    last = children[-1]
    marked = [span for span in last.body if responsibility.is_statement(text[span[0]:span[1]])]
    if not marked or marked[-1] != last.body[-1]:
        return
    if any(_units_and_text(text, [(c.content_start, c.content_end)] + c.body)[:2] != ([], [])
           for c in children[:-1]):
        return
    last.body.remove(marked[-1])
    parent.body.append(marked[-1])


def _split_heading(content: str, holds_quantity: QuantityTest) -> tuple[str | None, int]:
    """(heading, where the body starts) of a label paragraph's content.

    `开展职业技能培训和评价取证` is a heading alone; `高度重视。各责任单位要…` has a heading and
    a body; `开展家庭医生团队签约服务技能培训，全年…` is a sentence with no heading.
    """
    match = labels.paragraph_heading().match(content)
    if match and match.end() < len(content):
        return match.group(1) or match.group(2), match.end()
    mention = responsibility.find_in_text(content)
    words = content[:mention.start] if mention is not None and mention.start > 0 else content
    if words.rstrip("”’）」 ").endswith(("。", "；", "！", "？")) and not patterns.match(r"^[^，。；：,;\d]{2,12}。$", words):
        return None, 0  # a sentence, not a heading: 十是完成农村户厕改造5000户。
    stripped = words.rstrip("：:。 ")
    if stripped and not any(mark in stripped for mark in _SENTENCE + "：") and not (mention and mention.start == 0) \
            and not holds_quantity(stripped):  # 新建改建城市道路8条 is the task, not its heading
        return stripped, len(content)  # a heading alone, perhaps with its units: 新建城市公园（市城管局）
    return None, 0


def _item(text: str, node: Node, section: int, holds_quantity: QuantityTest) -> Item:
    content = text[node.content_start:node.content_end]
    heading, body_offset = _split_heading(content, holds_quantity)
    own_spans, own_heading = [], ""
    if node.parent is None:
        if body_offset < len(content):
            own_spans.append((node.content_start + body_offset, node.content_end))
        title = heading if heading is not None else _first_clause(content)
    else:
        own_spans.append((node.content_start, node.content_end))
        own_heading = _clean_title(heading) if heading is not None and body_offset < len(content) else ""
        parent_content = text[node.parent.content_start:node.parent.content_end]
        parent_heading, _ = _split_heading(parent_content, holds_quantity)
        title = parent_heading if parent_heading is not None else _first_clause(parent_content)
    spans = own_spans + node.body
    if not spans:
        spans = [(node.content_start, node.content_end)]
    units_lead, units_other, text_spans = _units_and_text(text, spans)
    if node.parent is None and heading is not None and body_offset == len(content) and node.body:
        heading_lead, heading_others, _ = _units_and_text(text, [(node.content_start, node.content_end)])
        units_lead, units_other = heading_lead + units_lead, heading_others + units_other
    if not units_lead and not units_other:
        units_lead, units_other = _inherited_units(text, node)
    if not text_spans:
        text_spans = spans[:1]
    span = (text_spans[0][0], text_spans[-1][1])
    return Item(section, node.path, _clean_title(title), span,
                responsibility.ordered(units_lead, units_other), text_spans, _progress_spans(text, spans),
                lead_units=responsibility.lead_count(units_lead), heading=own_heading)


def _clean_title(title: str) -> str:
    """A heading without its annotations: 就业创业（3项） → 就业创业, 新建学校（市教育局） → 新建学校,
    新建公共充电桩（个） → 新建公共充电桩."""
    title = patterns.sub(r"[（(]共?[\d一二三四五六七八九十]{1,3}[项个件条][）)]$", "", title.strip())
    if column_unit(title):  # 新建公共充电桩（个）: the unit of the row's number, no part of its name
        title = without_bracketed_note(title)
    mention = responsibility.find_in_text(title)
    if mention is not None and mention.start > 0:
        title = title[:mention.start]
    return title.strip().rstrip("。，；：:;,")


def _first_clause(content: str) -> str:
    return _TITLE_CUT.split(content, 1)[0].strip()


def _units_and_text(text: str, spans: list[tuple[int, int]]):
    """Split an item's spans into responsibility (units) and body text."""
    lead, others, text_spans = [], [], []
    for start, end in spans:
        part = text[start:end]
        marked = responsibility.parse_marked(part)
        if marked is not None:
            lead.extend(marked[0])
            others.extend(marked[1])
            continue
        if _is_meta_field(part):
            continue
        key = labels.field_at(part)
        if key is not None and labels.field_kinds()[key.group().rstrip("：").strip()] in _TEXT_FIELDS:
            start += key.end()  # 完成情况：已建成2100个 — the label is no part of what is counted
        mention = responsibility.find_in_text(part)
        if mention is not None:
            lead.extend(mention.lead)
            others.extend(mention.others)
            end = start + mention.start
            while end > start and text[end - 1] in " \t，,；;、":
                end -= 1
        if end > start:
            text_spans.append((start, end))
    return lead, others, text_spans


_TEXT_FIELDS = ("progress",)


def _is_meta_field(part: str) -> bool:
    """完成时限：2024年12月底, 牵头领导：…: when and who, no part of what the item asks."""
    keys = patterns.alternation(patterns.load("document")["item_meta_fields"])
    return patterns.match(rf"(?:{keys})\s*：", part) is not None or labels.field_kind(part) == "meta"


def _progress_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The spans that report what was done: a 完成情况/进展情况 field."""
    return [(start, end, "actual") for start, end in spans if labels.field_kind(text[start:end]) == "progress"]


def _inherited_units(text: str, node: Node) -> tuple[list[str], list[str]]:
    """Units given for a top item apply to its leaves unless a leaf names its own."""
    parent = node.parent
    while parent is not None:
        parent_spans = [(parent.content_start, parent.content_end)] + parent.body
        lead, others, _ = _units_and_text(text, parent_spans)
        if lead or others:
            return lead, others
        parent = parent.parent
    return [], []


def table_items(text: str, table: Table, section: int) -> list[Item]:
    """Each numbered row of a task table is an item; its cells are named by their columns. The
    sub-rows without a 序号 under a row (a second task of the same project) are part of its item."""
    items = []
    for row in table.rows:
        if not row.cells:  # a row cut off after its number
            continue
        fields = row.fields
        units_lead, units_other = [], []
        marked = {unit for line_fields in [fields] + row.subrow_fields for kind in UNIT_KINDS
                  for start, end in line_fields.get(kind, []) for unit in names.lead_marked(text[start:end])}
        for line_fields in [fields] + row.subrow_fields:
            for kind in UNIT_KINDS:
                for start, end in line_fields.get(kind, []):
                    for unit in responsibility.split_units(text[start:end]):
                        # ▲ marks the leads of a row; where none is marked, the 牵头 column leads
                        lead = unit in marked if marked else kind == "lead"
                        (units_lead if lead else units_other).append(unit)
        title_cells = fields.get("title")
        if title_cells:
            title = text[title_cells[0][0]:title_cells[0][1]]
        else:
            content = fields.get("content") or row.cells[:1]
            title = _first_clause(text[content[0][0]:content[0][1]])
        quantity_spans, progress, shares, column_units = set(), [], [], []
        for line_fields, cells in [(fields, row.cells)] + list(zip(row.subrow_fields, row.subrows)):
            content = line_fields.get("content") or line_fields.get("title") or cells[:1]
            stated = _title_statements(text, line_fields.get("title", []), content)
            line_progress, line_shares = line_fields.get("progress", []), line_fields.get("completion", [])
            values = line_fields.get("value", []) + line_fields.get("investment", [])
            quantity_spans |= set(content) | set(stated) | set(line_progress) | set(line_shares) | set(values)
            progress += line_progress
            shares += line_shares
            column_units += _column_units(text, table, line_fields, row.names)
        quantity_spans = sorted(quantity_spans)
        span = (quantity_spans[0][0], quantity_spans[-1][1])
        path = [row.section, row.number] if table.restarts else [row.number]
        if row.groups and not table.restarts:  # numbering running on across printed groups
            path = [group.number for group in row.groups] + [row.number]
            title = row.groups[-1].heading
        if table.parent is not None:
            path = table.parent[0] + path
            title = title if row.groups else table.parent[1]
        item = Item(section, path, _clean_title(title), span, responsibility.ordered(units_lead, units_other),
                    quantity_spans, [(start, end, "actual") for start, end in progress]
                    + [(start, end, "completion") for start, end in shares])
        item.column_units = column_units
        item.column_metrics = [(start, end, without_bracketed_note(row.names[(start, end)]))
                               for start, end in fields.get("investment", []) if (start, end) in row.names]
        item.lead_units = responsibility.lead_count(units_lead)
        items.append(item)
    return items


def _title_statements(text: str, title_cells: list, content: list) -> list[tuple[int, int]]:
    """Title cells that state the task with its own figures (实事项目: 新建幼儿园3所, beside a
    工作举措 cell of milestones): their quantities count too, unless a content cell repeats the title."""
    said = "".join(text[start:end] for start, end in content)
    return [(start, end) for start, end in title_cells if (start, end) not in content
            and patterns.search(r"\d", text[start:end]) and text[start:end].strip("。；， ") not in said]


def _column_units(text: str, table: Table, fields: dict, names: dict) -> list[tuple[int, int, str]]:
    """Cells holding a bare number, with the unit their column gives it: from a 单位 cell of the
    row, from the row's own title (新建公共充电桩（个）, or 新增800张养老床位 beside 810), or from the
    header (新增托位（个）, its own column's where the row has a cell for each)."""
    measure = fields.get("measure")
    row_unit = text[measure[0][0]:measure[0][1]].strip() if measure else None
    if not row_unit:  # the row names its thing with the unit in brackets
        row_unit = next((unit for kind in ("title", "content") for start, end in fields.get(kind, [])
                         if (unit := column_unit(text[start:end].strip()))), None)
    if not row_unit:  # or counts it with a measure word
        row_unit = next((unit for kind in ("title", "content") for start, end in fields.get(kind, [])
                         if (unit := labels.counted_measure(text[start:end]))), None)
    found = []
    for kind in ("value", "investment", "content", "progress", "completion"):
        for start, end in fields.get(kind, []):
            header_unit = column_unit(names[(start, end)]) if (start, end) in names else table.column_units.get(kind)
            unit = header_unit if kind == "investment" else row_unit or header_unit
            if unit and patterns.fullmatch(r"[约近]?\d+(?:\.\d+)?[以上左右]*", text[start:end].strip()):
                found.append((start, end, unit))
    return found

def listed_items(text: str, blocks, holds_quantity: QuantityTest) -> list[Item]:
    """A task list with no numbers at all, written as one sentence (今年十大民生实事为：新建中小学5所；
    新增停车位3000个；改造老旧小区40个。): the clauses after the colon, separated by ；, each holding
    a quantity, are the items 1, 2, 3; where no ； separates them, the clauses between commas.
    Read only where a text has no numbered task at all."""
    for block in blocks:
        colon = block.text.rfind("：")  # the colon that opens the list is the last one before it
        if colon < 0:
            continue
        for separators in (_LIST_SEMICOLONS, _LIST_COMMAS):
            parts = _parts_after(block, colon + 1, separators)
            if len(parts) >= 3 and all(holds_quantity(text[first:last]) for first, last in parts):
                return [Item(1, [number], _clean_title(_first_clause(text[first:last])), (first, last),
                             [], [(first, last)]) for number, (first, last) in enumerate(parts, 1)]
    return []


# What ends a clause of a one-sentence list: ；, or the full stop closing it; a comma inside a
# number (1，200个) separates thousands.
_LIST_SEMICOLONS = patterns.compiled(r"[；;]|。(?=\s*$)")
_LIST_COMMAS = patterns.compiled(r"(?!(?<=\d)[，,]\d{3}(?!\d))[，,；;]|。(?=\s*$)")


def _parts_after(block, start: int, separators) -> list[tuple[int, int]]:
    parts = []
    for separator in separators.finditer(block.text, start):
        if separator.start() > start:
            parts.append((block.start + start, block.start + separator.start()))
        start = separator.end()
    if block.text[start:].strip():
        parts.append((block.start + start, block.start + len(block.text.rstrip())))
    return parts


_LONGEST_UNLABELLED = 400  # characters: a task paragraph, not an article's paragraph of news


def unlabelled_items(text: str, blocks, holds_quantity: QuantityTest) -> list[Item]:
    """A task list of paragraphs with no number before any (现将…印发如下：| 新增城镇就业3万人。（市人社局）|
    新建…): the longest run of three or more paragraphs that each hold a quantity, a responsibility
    line after one joining it. Read only where a text has no numbered task at all."""
    runs: list[list[Node]] = [[]]
    for index, block in enumerate(blocks):
        run = runs[-1]
        if is_closing_remark(block.text):
            runs.append([])
        elif len(block.text) <= _LONGEST_UNLABELLED and holds_quantity(block.text) and not labels.is_field_line(block.text):
            run.append(Node("unlabelled", len(run) + 1, index, block.start, block.end))
        elif run and responsibility.is_statement(block.text):
            run[-1].body.append((block.start, block.end))
        elif run:
            runs.append([])
    longest = max(runs, key=len)
    return leaf_items(text, longest, 1, holds_quantity) if len(longest) >= 3 else []
