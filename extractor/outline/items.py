"""Items from the numbering tree and from table rows (part of the outline stage): each leaf's
title, body spans and responsible units, and where its quantities stand (a 完成情况 field, a
完成率 column, a bare number under a 目标值 column).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from ..base import labels, names, patterns
from ..layout.tables import UNIT_KINDS, Table, column_unit, without_bracketed_note
from ..base.model import Item
from . import responsibility
from .lead_ins import counted_in
from .tree import _SENTENCE, _TITLE_CUT, Node, QuantityTest, _is_headline, is_closing_remark, walk



def leaf_items(text: str, top_nodes: list[Node], section: int, holds_quantity: QuantityTest) -> list[Item]:
    for node in walk(top_nodes):
        _fold_field_children(text, node)
        _lift_group_units(text, node)
        _lift_closing_units(text, node)
    items = [_item(text, node, section, holds_quantity) for node in walk(top_nodes) if not node.children]
    lead_in_units = _lead_in_units(text, top_nodes[0].lead_in) if top_nodes else None
    if lead_in_units:  # 市园林局牵头主办的项目如下： over the list: every item's unit, unless it names its own
        for item in items:
            if not item.responsible_units:
                item.responsible_units, item.lead_units = list(lead_in_units), len(lead_in_units)
    return items


def _lead_in_units(text: str, span: tuple[int, int] | None) -> list[str]:
    """The units a list's lead-in names as carrying out all of its items (X牵头主办的…项目如下：)."""
    if span is None:
        return []
    match = patterns.search(patterns.load("layout")["unit_lead_in"]["regex"], text[span[0]:span[1]])
    if match is None:
        return []
    units = responsibility.split_units(match.group("units"))
    return units if units and all(names.is_unit_name(unit) for unit in units) else []


def _fold_field_children(text: str, parent: Node) -> None:
    """（一）责任领导：… （二）年度目标：… （三）完成情况：… under a project are its fields, not its
    sub-items: the project is the leaf, and they are its body. Sub-items that each open with the
    same field (（一）目标任务：… （二）目标任务：…) are tasks of their own."""
    children = parent.children
    spans = [[span for span in [(child.content_start, child.content_end)] + child.body if text[span[0]:span[1]].strip()]
             for child in children]
    if len(children) < 2 or any(child.children or not own or not labels.is_field_line(text[own[0][0]:own[0][1]].strip())
                                for child, own in zip(children, spans)):
        return
    keys = [labels.field_at(text[own[0][0]:own[0][1]].strip()) for own in spans]
    if all(keys) and len({key.group() for key in keys}) < len(keys):
        return
    for own in spans:
        parent.body.extend(own)
    parent.body.sort()
    parent.children = []


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


def _lift_closing_units(text: str, parent: Node) -> None:
    """（三）提升医疗服务。一是…；二是…。（责任单位：县卫健委）: the note closing the paragraph of its
    一是… sub-items names the units of all of them, when none names its own."""
    children = parent.children
    if len(children) < 2 or any(child.style != "inline_ordinal" or child.body for child in children):
        return
    last = children[-1]
    mention = responsibility.find_in_text(text[last.content_start:last.content_end])
    if mention is None or mention.start == 0:
        return
    if any(responsibility.find_in_text(text[child.content_start:child.content_end]) is not None
           for child in children[:-1]):
        return
    parent.body.append((last.content_start + mention.start, last.content_end))
    last.content_end = last.content_start + mention.start


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
        if parent_heading is None:
            parent_heading = _whole_heading(parent_content, holds_quantity)
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
                lead_units=responsibility.lead_count(units_lead), heading=own_heading,
                group_headings=_group_headings(text, node))


def _group_headings(text: str, node: Node) -> list[str]:
    headings, parent = [], node.parent
    while parent is not None:
        headings.append(text[parent.content_start:parent.content_end].strip())
        parent = parent.parent
    return headings


def _whole_heading(content: str, holds_quantity: QuantityTest) -> str | None:
    """A parent's heading of two phrases (稳就业、促增收，提升群众幸福感), perhaps glued to the key of
    the field its children fill (…建设食品放心工程工作计划：): whole, commas included, when it is short,
    ends no sentence and holds no figure."""
    heading = content.strip()
    if heading.endswith(("：", ":")):
        key = labels.field_ending_at(heading, len(heading) - 1)
        heading = heading[:key.start()] if key is not None else heading[:-1]
        for word in patterns.load("layout")["whole_heading"]["trailing_keys"]:
            heading = heading.removesuffix(word)
    heading = heading.strip()
    if not heading or len(heading) > 30 or heading.count("，") + heading.count(",") != 1 \
            or any(mark in heading for mark in "。；！？;：:") or holds_quantity(heading):
        return None
    return heading


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


# A narrative paragraph's title runs over a colon (其中超额完成的已有10项：零工驿站建设完成2个): only
# `，。；` end its first clause.
_PARAGRAPH_TITLE_CUT = patterns.compiled(r"(?!(?<=\d)[，,]\d{3}(?!\d))[，。；,;]")


def _units_and_text(text: str, spans: list[tuple[int, int]]):
    """Split an item's spans into responsibility (units) and body text."""
    lead, others, text_spans = [], [], []
    after_words = False  # whether a part came before: the task's words, which a unit cell follows
    for start, end in spans:
        part = text[start:end]
        # the copy may stop here, inside the list of units: they are read from what it left whole
        words = responsibility.closed_cut(part) if not text[end:].strip() else part
        marked = responsibility.parse_marked(words)
        if marked is not None:
            lead.extend(marked[0])
            others.extend(marked[1])
            after_words = True
            continue
        if _is_meta_field(part) or (_is_cut_field_key(part) and not text[end:].strip()):
            continue
        key = labels.field_at(part)
        if key is not None and labels.field_kinds()[key.group().rstrip("：").strip()] in _TEXT_FIELDS:
            start += key.end()  # 完成情况：已建成2100个 — the label is no part of what is counted
        mention = responsibility.find_in_text(words)
        if mention is not None and mention.bare and not after_words:
            mention = None  # 建成区行政服务中心: a task's own words that end like a name, not a unit cell
        after_words = True
        if mention is None and (opening := responsibility.opening_mention(words)) is not None:
            others.extend(opening.others)  # 由X负责的…项目: who, at the start; the clause stays the text
        for note_lead, note_others in responsibility.inner_notes(words[:mention.start if mention else len(words)]):
            lead.extend(note_lead)  # the notes of the projects before the last, which closes the part
            others.extend(note_others)
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


def _is_cut_field_key(part: str) -> bool:
    """A field's key cut by the end of the copy (完成时 of 完成时限): no part of what the item asks."""
    keys = list(labels.field_kinds()) + patterns.load("document")["item_meta_fields"]
    part = part.strip()
    return len(part) >= 2 and any(len(key) > len(part) and key.startswith(part) for key in keys)


def _progress_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The spans that report what was done: a 完成情况/进展情况 field, with the paragraphs without a
    label that go on after it (the field's text carried over lines) up to the next field."""
    found, reporting = [], False
    for start, end in spans:
        kind = labels.field_kind(text[start:end])
        if kind is not None or labels.is_field_line(text[start:end]):
            reporting = kind == "progress"
        if reporting:
            found.append((start, end, "actual"))
    return found


def _inherited_units(text: str, node: Node) -> tuple[list[str], list[str]]:
    """Units given for a top item apply to its leaves unless a leaf names its own."""
    parent = node.parent
    while parent is not None:
        parent_spans = [(parent.content_start, parent.content_end)] + parent.body
        lead, others, _ = _units_and_text(text, parent_spans)
        if lead or others:
            return lead, others
        group = responsibility.group_lead(text[parent.content_start:parent.content_end])
        if group:  # 一、县示范区管委会牵头工作（8项）
            return group, []
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
                    if text[start:end].rstrip().endswith("。"):
                        continue  # 开工建设老年大学。: a task's sentence, never a list of units
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
            bare = {text[start:end].strip() for start, end in cells if patterns.fullmatch(r"\d+(?:\.\d+)?", text[start:end].strip())}
            line_progress, line_shares = _without_restatements(text, line_progress, bare), \
                _without_restatements(text, line_shares, bare)
            values = line_fields.get("value", []) + line_fields.get("investment", [])
            quantity_spans |= set(content) | set(stated) | set(line_progress) | set(line_shares) | set(values)
            progress += line_progress
            shares += line_shares
            named = {kind: fields[kind] for kind in ("title", "content", "measure") if kind in fields}
            if not any(kind in line_fields for kind in named):  # a sub-row of figures only: the row's thing
                line_fields = {**line_fields, **named}
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
        item.column_metrics += _sub_row_names(text, row)
        item.column_sources = _column_sources(text, table, row)
        item.lead_units = responsibility.lead_count(units_lead)
        items.append(item)
    return items


def _sub_row_names(text: str, row) -> list[tuple[int, int, str]]:
    """A sub-row's figures count what its own name cell names (提质改造农村公路 | 公里 | 168 | 171.70
    under 自然村通水泥路): not the row's title. A name that holds a figure of its own (新增15万户直播
    卫星用户) is left to name its figures by their words; a share takes the metric of its count."""
    named = []
    for line_fields, cells in zip(row.subrow_fields, row.subrows):
        name_cells = [cell for cell in line_fields.get("title", []) + line_fields.get("content", [])
                      if patterns.search(r"\p{Han}{2}", text[cell[0]:cell[1]])]
        if not name_cells:
            continue
        name = patterns.sub(r"[（(][^（）()]*[）)]$", "", text[name_cells[0][0]:name_cells[0][1]]).strip()
        if patterns.search(r"\d", name):
            continue
        shares = set(line_fields.get("completion", []))
        named += [(start, end, name) for start, end in cells
                  if (start, end) != name_cells[0] and (start, end) not in shares and patterns.search(r"\d", text[start:end])]
    return named


def _column_sources(text: str, table: Table, row) -> list[tuple[int, int, tuple[int, int]]]:
    """A row's count cells paired with the figure before the table that their column's total
    equals (全省 1500 under 计划完成数 ↔ 目标任务为：开工改造小区1500个): a per-area table of one
    task names its thing only in the intro. Shares (%) and cells with words are left alone."""
    if len(table.total) != len(row.cells) or table.total[0][0] <= table.start:
        return []
    sources = []
    done = set(row.fields.get("progress", []))
    for cell, total in zip(row.cells, table.total):
        if cell in done:
            continue  # what was done counts the thing of its plan's column
        figure, value = text[cell[0]:cell[1]].strip(), text[total[0]:total[1]].strip()
        if not (patterns.fullmatch(r"\d+(?:\.\d+)?", figure) and patterns.fullmatch(r"\d+(?:\.\d+)?", value)):
            continue
        source = _figure_before(text, table.start, Decimal(value))
        if source is not None:
            sources.append((cell[0], cell[1], source))
    return sources


def _figure_before(text: str, end: int, value: Decimal) -> tuple[int, int] | None:
    """The last figure of this value before `end` that counts something (no date, share or ordinal)."""
    last = None
    for match in patterns.finditer(r"(?<![\d.第])\d+(?:\.\d+)?(?![\d.]|[年月日号%％])", text[:end]):
        if Decimal(match.group()) == value:
            last = match.span()
    return last


def _without_restatements(text: str, cells: list, bare: set[str]) -> list:
    """Result cells without a remark that only restates the row's figures (达到目标60元 beside the
    cell 60): one figure, one entry."""
    kept = []
    for start, end in cells:
        value = text[start:end].strip()
        numbers = patterns.findall(r"\d+(?:\.\d+)?", value)
        if patterns.search(r"\p{Han}", value) and numbers and all(number in bare for number in numbers):
            continue
        kept.append((start, end))
    return kept


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
    named = sorted(cell for kind in ("title", "content") for cell in fields.get(kind, [])
                   if patterns.search(r"\p{Han}{2}", text[cell[0]:cell[1]]))  # names, not figures nor a `-`
    if not row_unit and named:  # the row names its thing with the unit in brackets, in the cell right before
        # its figures (not a sub-heading 农村标准（元/月） over another thing counted: 农村保障人数)
        row_unit = column_unit(text[named[-1][0]:named[-1][1]].strip())
    counted = None
    if not row_unit:  # or counts it with a measure word
        counted = next((figure for kind in ("title", "content") for start, end in fields.get(kind, [])
                        if (figure := labels.counted_figure(text[start:end]))), None)
    if not row_unit and not counted and named:  # or names what it counts by its measure word: 一次办理人次
        row_unit = _trailing_measure(text[named[-1][0]:named[-1][1]].strip())
    said = "".join(text[start:end] for start, end in named)
    found = []
    for kind in ("value", "investment", "content", "progress", "completion"):
        for start, end in fields.get(kind, []):
            header_unit = column_unit(names[(start, end)]) if (start, end) in names else table.column_units.get(kind)
            value = text[start:end].strip()
            unit = header_unit if kind == "investment" else row_unit or _counted_unit(counted, value) or header_unit
            if kind in ("content", "value") and unit and patterns.search(rf"(?<![\d.]){re.escape(value)}{re.escape(unit)}", said):
                continue  # 城镇新增就业1100人 | 1100: the task's own figure printed again in its 目标 cell
            if unit and patterns.fullmatch(r"[约近]?\d+(?:\.\d+)?[以上左右]*", value):
                found.append((start, end, unit))
            elif row_unit and "/" in row_unit and patterns.search(rf"\d{re.escape(row_unit.split('/')[0])}(?!/)", value):
                found.append((start, end, row_unit))  # 不低于60元 in a 元/月/人 row: the rate the row counts in
            elif not unit and kind in ("value", "progress", "content") and patterns.fullmatch(r"\d+(?:\.\d+)?", value) \
                    and not patterns.fullmatch(r"(?:19|20)\d\d", value):
                found.append((start, end, ""))  # a count with no measure anywhere (计划完成数 150): unit ""
    return found

def _counted_unit(counted: tuple[float, str, str] | None, value: str) -> str | None:
    """The measure a bare cell takes from the row's counted figure, with its magnitude where the
    cell is written in it: 1.35 beside 城镇新增就业1.2万人 → 万人 (13500 人), but 869 beside
    减少大班额1.4万个以上 → 个 (the year's part, not 869万)."""
    if counted is None:
        return None
    number, magnitude, measure = counted
    if not magnitude or not patterns.fullmatch(r"[约近]?\d+(?:\.\d+)?[以上左右]*", value):
        return measure
    bare = float(patterns.search(r"\d+(?:\.\d+)?", value).group())
    scale = float(patterns.load("numerals")["magnitudes"][magnitude])
    if bare <= 0 or number <= 0:
        return measure
    in_magnitude = abs(math.log(bare / number))  # both written in 万
    plain = abs(math.log(bare / (number * scale)))
    return magnitude + measure if in_magnitude < plain else measure


def _trailing_measure(name: str) -> str | None:
    """The measure word a row's name ends with, two characters at least (办理人次 → 人次; not the
    场 of 农贸市场)."""
    match = patterns.search(r"(?<=\p{Han})(人次|户次|个次|批次|场次|人数)$", name)
    return match.group(1) if match and match.group(1) != "人数" else None


def listed_items(text: str, blocks, holds_quantity: QuantityTest) -> list[Item]:
    """Task lists with no numbers at all, each written as one sentence: after an opener word
    (这十件实事分别是：A；B；C。, 其中，A；B；C。, 包括A；B；C等。) the clauses split by `；`, three or more
    (two after a category's lead-in) with a quantity in at least one, end at the sentence's full stop. Every such list counts: lists
    under lead-ins of a category (民生保障类4项实事中，…) are the groups of one section, other lists
    sections of their own. Where no `；` list is found, a colon's clauses split by commas, each
    holding a quantity (今年十大民生实事为：新建中小学5所，新增停车位3000个，…). Read only where a
    text has no numbered task at all."""
    items: list[Item] = []
    section, group, previous_grouped = 0, 0, False
    for block in blocks:
        for lead_in, parts in _semicolon_lists(block, holds_quantity, text):
            grouped = lead_in is not None
            if grouped and previous_grouped:
                group += 1
            else:
                section, group = section + 1, 1
            previous_grouped = grouped
            for number, (first, last) in enumerate(parts, 1):
                title = lead_in if grouped else _clean_title(_first_clause(text[first:last]))
                items.append(_part_item(text, section, [group, number] if grouped else [number], title, first, last))
    if items:
        return items
    for block in blocks:
        colon = block.text.rfind("：")  # the colon that opens the list is the last one before it
        if colon < 0:
            continue
        parts = _parts_after(block, colon + 1, _LIST_COMMAS)
        if len(parts) >= 3 and all(holds_quantity(text[first:last]) for first, last in parts) \
                and _agrees_with_stated_count(block.text[:colon + 1], len(parts)):
            return [_part_item(text, 1, [number], _clean_title(_first_clause(text[first:last])), first, last)
                    for number, (first, last) in enumerate(parts, 1)]
    return []


def _agrees_with_stated_count(head: str, parts: int) -> bool:
    """Whether a count stated right before a list's colon (…已有10项：) is its number of clauses."""
    stated = patterns.search(patterns.load("layout")["list_opener"]["stated_count"], head)
    return stated is None or labels.label_number(stated.group("count")) == parts


def _part_item(text: str, section: int, path: list[int], title: str, start: int, end: int) -> Item:
    return _spans_item(text, section, path, title, [(start, end)])


def _semicolon_lists(block, holds_quantity: QuantityTest, text: str):
    """(category lead-in or None, clause spans) of each `；` list of a block (see listed_items)."""
    opener = labels.list_opener()
    categories = tuple(patterns.load("layout")["list_opener"]["category_words"])
    previous = None  # the sentence before, which may count the list (有3个项目已完工。其中：A；B；C。)
    for start, end, semicolons in _sentences(block.text):
        sentence, previous = previous, (start, end)
        if not semicolons:
            continue
        openers = list(opener.finditer(block.text, start, semicolons[0]))
        if not openers:
            continue
        lead_in = openers[-1].group("lead_in")
        if lead_in is not None and not any(word in lead_in for word in categories):
            lead_in = None
        parts, first = [], openers[-1].end()
        for separator in semicolons + [end]:
            if block.text[first:separator].strip():
                parts.append((block.start + first, block.start + separator))
            first = separator + 1
        parts = [_stripped(text, span) for span in parts]
        counted = counted_in(block.text, start, openers[-1].start())
        if counted is None and sentence is not None and block.text[start:openers[-1].start()].strip() == "其中":
            counted = counted_in(block.text, *sentence)
        if lead_in is None and counted is not None and counted[2] == len(parts):
            lead_in = block.text[counted[0]:counted[1]]  # a group counted by its state: a level
        if not _agrees_with_stated_count(block.text[start:openers[-1].end()], len(parts)):
            continue  # …已有10项：A；B；C。 and more told in other sentences: a narrative, no list
        least = 2 if lead_in is not None else 3  # a category's lead-in says the clauses are its tasks
        if len(parts) >= least and any(holds_quantity(text[first:last]) for first, last in parts):
            yield lead_in, parts


def _stripped(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _sentences(paragraph: str):
    """(start, end, positions of `；`) of each sentence of a paragraph, ended by `。！？` outside
    brackets or by the paragraph's end (a copy cut mid-sentence)."""
    start, semicolons = 0, []
    for position in names.outside_brackets(paragraph, "；;。！？"):
        if paragraph[position] in "；;":
            semicolons.append(position)
        else:
            yield start, position, semicolons
            start, semicolons = position + 1, []
    if paragraph[start:].strip():
        yield start, len(paragraph.rstrip()), semicolons


# What ends a clause of a one-sentence list written with commas: a comma (not one inside a number,
# 1，200个), a ；, or the full stop closing it.
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


def lead_items(text: str, blocks) -> list[Item]:
    """Unnumbered items opened by run-in leads (建设农村饮水工程。…, 稳定扩大社会就业方面，…): three or
    more leads that open consecutive paragraphs or share their category noun; each item runs to the
    next lead. A sentence with no figure opening a paragraph right before a lead (聚焦“急难愁盼”，精准
    施策解民忧。教育惠民方面，…) heads a group of the leads up to the next such sentence. Where no leads
    are found, crossheads: short lines over news paragraphs. Text before the first lead is no item (a
    lede). Read only where a text has no numbered task at all."""
    leads = _chosen_leads(blocks)
    if not leads:
        return _crosshead_items(text, blocks)
    items: list[Item] = []
    group, number, grouped = 0, 0, False
    for position, (index, match) in enumerate(leads):
        block = blocks[index]
        heading = block.text[:match.start()].rstrip()
        if position == 0:
            grouped = _is_group_heading(heading)
        if grouped and _is_group_heading(heading) and (position == 0 or leads[position - 1][0] != index):
            group, number, group_title = group + 1, 0, heading.rstrip("。！？")
        number += 1
        following = leads[position + 1] if position + 1 < len(leads) else None
        end = following[1].start() if following and following[0] == index else len(block.text)
        spans = [(block.start + match.end(), block.start + end)]
        if following and following[0] > index:
            spans.extend((later.start, later.end) for later in blocks[index + 1:following[0]]
                         if not is_closing_remark(later.text))
        spans = [_stripped(text, span) for span in spans]
        spans = [span for span in spans if span[1] > span[0]] or [(block.start + match.start(), block.start + match.end())]
        title = match.group("lead")
        if grouped:
            items.append(_spans_item(text, 1, [group, number], group_title, spans, heading=title))
        else:
            items.append(_spans_item(text, 1, [number], title, spans))
    return items


def _chosen_leads(blocks) -> list[tuple[int, object]]:
    """The leads of the largest set: those opening three or more consecutive paragraphs, or three
    or more sharing a category noun; (block index, match) in text order. A lead has words after it
    (a paragraph of one short sentence is no lead)."""
    found = [(index, match) for index, block in enumerate(blocks) if not is_closing_remark(block.text)
             for match in labels.run_in_lead().finditer(block.text) if block.text[match.end():].strip()]
    sets: list[list] = []
    run: list = []
    for index, match in found:
        if match.start() != 0:
            continue
        if run and run[-1][0] != index - 1:
            sets.append(run)
            run = []
        run.append((index, match))
    sets.append(run)
    suffixes = {match.group("suffix") for _, match in found if match.group("suffix")}
    sets.extend([(index, match) for index, match in found if match.group("suffix") == suffix] for suffix in sorted(suffixes))
    best = max(sets, key=len)
    return best if len(best) >= 3 else []


def _is_group_heading(text: str) -> bool:
    """One sentence with no figure opening a paragraph before a lead: a slogan heading a group."""
    return bool(text) and len(text) <= 30 and text.endswith(("。", "！")) and not patterns.search(r"[\d。！？]", text[:-1])


def _crosshead_items(text: str, blocks) -> list[Item]:
    """Short lines with no sentence mark between news paragraphs, each over the paragraphs up to the
    next (持续改善农村条件 落实食品放心工程 | 我市今年计划…): two or more make the items."""
    heads = [index for index in range(1, len(blocks) - 1) if _is_crosshead(blocks, index)]
    if len(heads) < 2:
        return []
    items = []
    for number, index in enumerate(heads, 1):
        spans = []
        for later in blocks[index + 1:]:
            if not any(mark in later.text for mark in _SENTENCE) or is_closing_remark(later.text):
                break  # the next crosshead, or the page's furniture after the article
            spans.append((later.start, later.end))
        items.append(_spans_item(text, 1, [number], blocks[index].text.strip(), spans))
    return items


def _is_crosshead(blocks, index: int) -> bool:
    """A headline of four or more characters after a paragraph that ended a sentence, over one of sentences."""
    before, line, after = blocks[index - 1].text.rstrip("”’」 "), blocks[index].text, blocks[index + 1].text
    return _is_headline(line) and len(patterns.findall(r"\p{Han}", line)) >= 4 and before[-1:] in ("。", "！", "？") \
        and any(mark in after for mark in "，。") and not _is_headline(after)


def _spans_item(text: str, section: int, path: list[int], title: str, spans: list[tuple[int, int]],
                heading: str = "") -> Item:
    lead, others, text_spans = _units_and_text(text, spans)
    text_spans = text_spans or spans
    return Item(section, path, title, (text_spans[0][0], text_spans[-1][1]), responsibility.ordered(lead, others),
                text_spans, lead_units=responsibility.lead_count(lead), heading=heading)


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
    if longest and is_summing_lede(text[longest[0].content_start:longest[0].content_end]):
        longest = longest[1:]  # the lede that sums up the programme is no task
        for number, node in enumerate(longest, 1):
            node.number = number
    return leaf_items(text, longest, 1, holds_quantity) if len(longest) >= 3 else []


def paragraph_items(text: str, blocks, holds_quantity: QuantityTest) -> list[Item]:
    """The last reading of a text with task quantities and no list in any form: one item per
    paragraph that holds a quantity, titled by its first clause, without a first paragraph that only
    sums up the programme (a news lede)."""
    paragraphs = [block for block in blocks if holds_quantity(block.text) and not is_closing_remark(block.text)]
    if len(paragraphs) > 1 and is_summing_lede(paragraphs[0].text):
        paragraphs = paragraphs[1:]
    return [_spans_item(text, 1, [number], _clean_title(_PARAGRAPH_TITLE_CUT.split(block.text, 1)[0]),
                        [(block.start, block.end)])
            for number, block in enumerate(paragraphs, 1)]


def is_summing_lede(paragraph: str) -> bool:
    """6类30项民生实事全部兑现，…: the programme summed up (patterns/exclusions.toml, summing_lede)."""
    return patterns.search(patterns.load("exclusions")["summing_lede"]["regex"], paragraph) is not None
