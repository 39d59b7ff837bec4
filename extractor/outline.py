"""Stage 3, outline: normalised text → document fields, task lists (sections) and their items.

The numbering tree is built from the order in which label styles appear (一、 then 1. makes
1. a child), a list restarts when its top style counts from 1 again, and a list whose
headings are the covering notice's own instructions (高度重视、建立台账…) is not a task list.
Each leaf of a task list is an item: a span of body text and its responsible units.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import document_fields, labels, patterns, quantities, responsibility
from .layout import Block, find_blocks
from .layout.tables import UNIT_KINDS, Table, find_tables
from .normalise import NormalisedText

_SENTENCE = "，。；！？,;"
_TITLE_CUT = patterns.compiled(r"[，。；,;：]")
_TERMINAL = "。！？"


Paragraph = Block  # the outline reads the blocks of the layout stage


@dataclass
class Node:
    style: str
    number: int
    label_paragraph: int  # index into paragraphs
    content_start: int  # text offset just after the label
    content_end: int  # end of the label's own content (inline ordinals end early)
    parent: "Node | None" = None
    children: list["Node"] = field(default_factory=list)
    body: list[tuple[int, int]] = field(default_factory=list)  # extra body spans after the label paragraph
    closed: bool = False

    @property
    def path(self) -> list[int]:
        node, numbers = self, []
        while node is not None:
            numbers.append(node.number)
            node = node.parent
        return numbers[::-1]


@dataclass
class Item:
    section: int
    path: list[int]
    title: str
    span: tuple[int, int]
    responsible_units: list[str]
    quantity_spans: list[tuple[int, int]] = field(default_factory=list)  # where quantities are sought
    # Spans whose quantities have a role by where they stand: a 完成情况 field or column → actual,
    # a 完成率 column → completion.
    role_spans: list[tuple[int, int, str]] = field(default_factory=list)
    column_units: list[tuple[int, int, str]] = field(default_factory=list)  # cells whose bare numbers take a unit


@dataclass
class Outline:
    document: dict
    items: list[Item]
    sections: int


def build_outline(normalised: NormalisedText) -> Outline:
    text = normalised.text
    paragraphs = find_blocks(text, normalised.paragraphs())
    document = document_fields.extract_fields([p.text for p in paragraphs])
    paragraphs = paragraphs[: _colophon_start(paragraphs)]
    found_tables, table_blocks = find_tables(text, paragraphs)
    lists = _numbered_lists(text, [p for i, p in enumerate(paragraphs) if i not in table_blocks])
    task_lists = [_without_instructions(text, entry) for entry in lists if not _is_instruction_list(text, entry, lists)]
    ordered = sorted([(entry[0].content_start, "numbered", entry) for entry in task_lists if entry]
                     + [(table.rows[0].span[0], "table", table) for table in found_tables],
                     key=lambda triple: triple[0])
    items: list[Item] = []
    for section, (_, kind, entry) in enumerate(ordered, 1):
        if kind == "numbered":
            items.extend(_leaf_items(text, entry, section))
        else:
            items.extend(table_items(text, entry, section))
    return Outline(document, items, len(ordered))


def _colophon_start(paragraphs: list[Paragraph]) -> int:
    """Index of the first line of the 版记 (主办/抄送/…印发 at the end), or len(paragraphs)."""
    starts = [patterns.compiled(source) for source in patterns.load("document")["colophon_starts"]]
    is_colophon = [any(pattern.search(p.text) for pattern in starts) for p in paragraphs]
    anchors = [i for i, p in enumerate(paragraphs) if patterns.match(r"^抄送[：:]|.*印发$|^印发[：:]", p.text)]
    if not anchors:
        return len(paragraphs)
    later = [i for i in anchors if i >= len(paragraphs) // 2] or anchors
    start = later[0]
    while start > 0 and is_colophon[start - 1]:
        start -= 1
    return start


@dataclass
class _Entry:
    paragraph: int
    label: labels.Label | None
    start: int  # text offset where the entry's content starts
    end: int


def _entries(text: str, paragraphs: list[Paragraph]) -> list[_Entry]:
    """Paragraphs as entries, with inline ordinals (一是…二是…) split into their own entries."""
    entries: list[_Entry] = []
    pending_label: labels.Label | None = None
    for index, paragraph in enumerate(paragraphs):
        label = labels.find_label(paragraph.text)
        if label and label.style == "zero_padded" and label.end >= len(paragraph.text):
            pending_label = label
            continue
        if pending_label is not None:
            entries.append(_Entry(index, labels.Label(pending_label.style, pending_label.number, 0),
                                  paragraph.start, paragraph.end))
            pending_label = None
            continue
        inline = _inline_ordinals(paragraph.text) if label is None else []
        if inline:
            first = inline[0].start()
            if first > 0:
                entries.append(_Entry(index, None, paragraph.start, paragraph.start + first))
            for number, match in enumerate(inline):
                end = inline[number + 1].start() if number + 1 < len(inline) else len(paragraph.text)
                entries.append(_Entry(index, labels.Label("inline_ordinal", number + 1, 0),
                                      paragraph.start + match.end(), paragraph.start + end))
            continue
        start = paragraph.start + (label.end if label else 0)
        entries.append(_Entry(index, label, start, paragraph.end))
    return entries


def _inline_ordinals(text: str) -> list:
    """一是…二是…: at least two, counting from 一 in order."""
    matches = list(labels.inline_ordinal().finditer(text))
    sequence = []
    for match in matches:
        if labels.label_number(match.group(1)) == len(sequence) + 1:
            sequence.append(match)
    return sequence if len(sequence) >= 2 else []


def _numbered_lists(text: str, paragraphs: list[Paragraph]) -> list[list[Node]]:
    lists: list[list[Node]] = []
    stack: list[Node] = []
    signatures = _signature_lines(paragraphs)
    for entry in _entries(text, paragraphs):
        paragraph = paragraphs[entry.paragraph]
        if entry.label is None:
            if _resets_numbering(paragraph.text):
                stack = []
            elif entry.paragraph in signatures:
                for node in stack:
                    node.closed = True
            elif stack:
                _add_body(text, stack[-1], entry)
            continue
        node = Node(entry.label.style, entry.label.number, entry.paragraph, entry.start, entry.end)
        depth = next((d for d, open_node in enumerate(stack) if open_node.style == node.style), None)
        if not stack:
            lists.append([node])
            stack = [node]
        elif depth is not None:
            previous = stack[depth]
            if node.number > previous.number and node.number - previous.number <= 3:
                stack = stack[:depth]
                _attach(node, stack, lists)
            elif depth == 0 and node.number == 1:
                lists.append([node])
                stack = [node]
            else:  # not a label after all: 3. where 2. was expected reads as text
                _add_body(text, stack[-1], _Entry(entry.paragraph, None, paragraph.start, paragraph.end))
                continue
        elif node.number == 1:
            _attach(node, stack, lists)
        else:
            _add_body(text, stack[-1], _Entry(entry.paragraph, None, paragraph.start, paragraph.end))
            continue
        stack.append(node)
    return lists


def _signature_lines(paragraphs: list[Paragraph]) -> set[int]:
    """An issuer's name alone on a line right above a date line: the signature, no item's body."""
    return {
        index for index, paragraph in enumerate(paragraphs[:-1])
        if labels.DATE_LINE.match(paragraphs[index + 1].text)
        and len(paragraph.text) <= 30 and responsibility.is_unit_name(paragraph.text)
        and not any(mark in paragraph.text for mark in _SENTENCE + "：")
    }


def _attach(node: Node, stack: list[Node], lists: list[list[Node]]) -> None:
    if stack:
        node.parent = stack[-1]
        stack[-1].children.append(node)
        stack[-1].closed = False
    else:
        lists[-1].append(node)


def _resets_numbering(text: str) -> bool:
    return text.startswith("附件") and len(text) <= 6


def _add_body(text: str, node: Node, entry: _Entry) -> None:
    """Add a paragraph to an item's body unless the body has ended (a headline, a signature)."""
    content = text[entry.start:entry.end]
    if node.closed or node.style == "inline_ordinal":  # 一是…二是… items end with their paragraph
        return
    if labels.DATE_LINE.match(content) or (_is_headline(content) and _has_complete_body(text, node)) \
            or content.startswith(tuple(patterns.load("document")["closing_words"])):
        node.closed = True
        return
    node.body.append((entry.start, entry.end))


def _has_complete_body(text: str, node: Node) -> bool:
    """Whether what the item holds so far ends a sentence, so that a headline cannot continue it."""
    start, end = node.body[-1] if node.body else (node.content_start, node.content_end)
    last = text[start:end].rstrip("”’）」』 ")
    return bool(last) and last[-1] in _TERMINAL


def _is_headline(text: str) -> bool:
    """A short line without sentence punctuation between items: a newspaper headline or caption."""
    return (
        len(text) <= 30
        and not any(mark in text for mark in _SENTENCE + "、")
        and not labels.is_field_line(text)
        and responsibility.find_in_text(text) is None
    )


def _is_instruction_list(text: str, nodes: list[Node], lists: list[list[Node]]) -> bool:
    if all(_is_instruction_node(text, node) for node in nodes):
        return True
    if len(lists) > 1 and not _has_quantity_text(text, nodes):
        return any(_has_quantity_text(text, other) for other in lists if other is not nodes)
    return False


def _is_instruction_node(text: str, node: Node) -> bool:
    heading = _heading_or_first_clause(text, node)
    instructions = patterns.load("instructions")
    if node.children and any(heading.startswith(word) for word in instructions["never_tasks"]):
        return True  # 四、保障措施 with its （一）（二）…, amounts or not
    return any(word in heading for word in instructions["words"]) and not _has_quantity_text(text, [node])


def _without_instructions(text: str, nodes: list[Node]) -> list[Node]:
    """A task list's closing 工作要求 part (加强组织领导…) holds no tasks."""
    return [node for node in nodes if not _is_instruction_node(text, node)]


def _has_quantity_text(text: str, nodes: list[Node]) -> bool:
    """Whether any node holds a quantity (每月28日 and 2024年度 do not count)."""
    for node in _walk(nodes):
        spans = [(node.content_start, node.content_end)] + node.body
        if any(quantities.find_quantities(text[start:end]) for start, end in spans):
            return True
    return False


def _walk(nodes: list[Node]):
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _heading_or_first_clause(text: str, node: Node) -> str:
    content = text[node.content_start:node.content_end]
    return _TITLE_CUT.split(content, 1)[0].strip()


def _leaf_items(text: str, top_nodes: list[Node], section: int) -> list[Item]:
    for node in _walk(top_nodes):
        _lift_group_units(text, node)
    return [_item(text, node, section) for node in _walk(top_nodes) if not node.children]


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


def _split_heading(content: str) -> tuple[str | None, int]:
    """(heading, where the body starts) of a label paragraph's content.

    `开展职业技能培训和评价取证` is a heading alone; `高度重视。各责任单位要…` has a heading and
    a body; `开展家庭医生团队签约服务技能培训，全年…` is a sentence with no heading.
    """
    match = patterns.match(r"^([^，。；：,;\d]{2,12})[。：:]", content)
    if match and match.end() < len(content):
        return match.group(1), match.end()
    mention = responsibility.find_in_text(content)
    words = content[:mention.start] if mention is not None and mention.start > 0 else content
    if words.rstrip("”’）」 ").endswith(("。", "；", "！", "？")) and not patterns.match(r"^[^，。；：,;\d]{2,12}。$", words):
        return None, 0  # a sentence, not a heading: 十是完成农村户厕改造5000户。
    stripped = words.rstrip("：:。 ")
    if stripped and not any(mark in stripped for mark in _SENTENCE + "：") and not (mention and mention.start == 0) \
            and not quantities.find_quantities(stripped):  # 新建改建城市道路8条 is the task, not its heading
        return stripped, len(content)  # a heading alone, perhaps with its units: 新建城市公园（市城管局）
    return None, 0


def _item(text: str, node: Node, section: int) -> Item:
    content = text[node.content_start:node.content_end]
    heading, body_offset = _split_heading(content)
    own_spans = []
    if node.parent is None:
        if body_offset < len(content):
            own_spans.append((node.content_start + body_offset, node.content_end))
        title = heading if heading is not None else _first_clause(content)
    else:
        own_spans.append((node.content_start, node.content_end))
        parent_content = text[node.parent.content_start:node.parent.content_end]
        parent_heading, _ = _split_heading(parent_content)
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
                responsibility.ordered(units_lead, units_other), text_spans, _progress_spans(text, spans))


def _clean_title(title: str) -> str:
    """A heading without its annotations: 就业创业（3项） → 就业创业, 新建学校（市教育局） → 新建学校."""
    title = patterns.sub(r"[（(]共?[\d一二三四五六七八九十]{1,3}[项个件条][）)]$", "", title.strip())
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
    """Each numbered row of a task table is an item; its cells are named by their columns."""
    items = []
    for row in table.rows:
        if not row.cells:  # a row cut off after its number
            continue
        fields = row.fields
        units_lead, units_other = [], []
        for kind in UNIT_KINDS:
            for start, end in fields.get(kind, []):
                units = responsibility.split_units(text[start:end])
                (units_lead if kind == "lead" else units_other).extend(units)
        content = fields.get("content") or fields.get("title") or row.cells[:1]
        title_cells = fields.get("title")
        if title_cells:
            title = text[title_cells[0][0]:title_cells[0][1]]
        else:
            title = _first_clause(text[content[0][0]:content[0][1]])
        progress, shares = fields.get("progress", []), fields.get("completion", [])
        values = fields.get("value", [])
        quantity_spans = sorted(set(content) | set(progress) | set(shares) | set(values))
        span = (quantity_spans[0][0], quantity_spans[-1][1])
        path = [row.section, row.number] if table.restarts else [row.number]
        item = Item(section, path, _clean_title(title), span, responsibility.ordered(units_lead, units_other),
                    quantity_spans, [(start, end, "actual") for start, end in progress]
                    + [(start, end, "completion") for start, end in shares])
        item.column_units = _column_units(text, table, fields)
        items.append(item)
    return items


def _column_units(text: str, table: Table, fields: dict) -> list[tuple[int, int, str]]:
    """Cells holding a bare number, with the unit their column gives it: from a 单位 cell of the
    row, or from the header (新增托位（个）)."""
    measure = fields.get("measure")
    row_unit = text[measure[0][0]:measure[0][1]].strip() if measure else None
    found = []
    for kind in ("value", "content", "progress", "completion"):
        unit = row_unit or table.column_units.get(kind)
        if not unit:
            continue
        for start, end in fields.get(kind, []):
            if patterns.fullmatch(r"[约近]?\d+(?:\.\d+)?[以上左右]*", text[start:end].strip()):
                found.append((start, end, unit))
    return found
