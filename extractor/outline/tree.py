"""The numbering tree of a task list, from blocks (part of the outline stage).

The tree is built from the order in which label styles appear (一、 then 1. makes 1. a child), a
list restarts when its top style counts from 1 again, and a list whose headings are the covering
notice's own instructions (高度重视、建立台账…) is not a task list. Paragraphs without a label
join the body of the item before them until a headline, a signature or a closing remark.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from ..base import labels, patterns
from ..layout import Block
from . import responsibility
from .lead_ins import lead_ins

Paragraph = Block  # the tree is built from the blocks of the layout stage
QuantityTest = Callable[[str], bool]  # does a text hold a quantity? (given by the pipeline)

_SENTENCE = "，。；！？,;"
# Where a one-sentence item's title ends; a comma inside a number (2,500人, ２，５００人) is a
# thousands separator, not the end.
_TITLE_CUT = patterns.compiled(r"(?!(?<=\d)[，,]\d{3}(?!\d))[，。；,;：]")
_TERMINAL = "。！？"
# `分管区领导：张三`: a short key and its value, known or not, is a field of the item above it.
_KEY_VALUE = patterns.compiled(r"^\p{Han}{2,8}[：:]")


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
    lead_in: tuple[int, int] | None = None  # a list's first node: the sentence ending in `：` right before it

    @property
    def path(self) -> list[int]:
        node, numbers = self, []
        while node is not None:
            numbers.append(node.number)
            node = node.parent
        return numbers[::-1]


def colophon_start(paragraphs: list[Paragraph]) -> int:
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
    bullets: dict[str, int] = {}
    opening_ordinals = _paragraph_ordinals(paragraphs)
    bare_numbers = _bare_number_labels(paragraphs)
    bare_numerals = labels.bare_numeral_headings([paragraph.text for paragraph in paragraphs])
    for index, paragraph in enumerate(paragraphs):
        if index in bare_numerals:  # 一开展…行动 / 二… / 三…: headings in sequence with no 、
            number, label_end = bare_numerals[index]
            entries.append(_Entry(index, labels.Label("bare_numeral", number, label_end),
                                  paragraph.start + label_end, paragraph.end))
            continue
        if index in opening_ordinals:
            number, label_end = opening_ordinals[index]
            entries.append(_Entry(index, labels.Label("inline_ordinal", number, 0),
                                  paragraph.start + label_end, paragraph.end))
            continue
        label = labels.find_label(paragraph.text)
        if label and label.style == "zero_padded" and label.end >= len(paragraph.text):
            pending_label = label
            continue
        if index in bare_numbers:
            pending_label = labels.Label("bare_number", int(paragraph.text), 0)
            continue
        if pending_label is not None:
            entries.append(_Entry(index, labels.Label(pending_label.style, pending_label.number, 0),
                                  paragraph.start, paragraph.end))
            pending_label = None
            continue
        # 一是…二是… in a paragraph, or in a labelled paragraph's content after its heading (（二）推进
        # 示范创建。一是…；二是…): entries of their own, under the label's when there is one.
        offset = label.end if label is not None else 0
        inline = _inline_ordinals(paragraph.text[offset:]) if label is None or label.style != "bullet" else []
        if inline and label is not None and not paragraph.text[offset:offset + inline[0].start()].strip():
            inline = []  # （二）一是…二是…: nothing of the label's own to head them
        if inline:
            first = offset + inline[0].start()
            if label is not None:
                bullets = {}
                entries.append(_Entry(index, label, paragraph.start + label.end, paragraph.start + first))
            elif first > 0:
                entries.append(_Entry(index, None, paragraph.start, paragraph.start + first))
            for number, match in enumerate(inline):
                end = offset + inline[number + 1].start() if number + 1 < len(inline) else len(paragraph.text)
                entries.append(_Entry(index, labels.Label("inline_ordinal", number + 1, 0),
                                      paragraph.start + offset + match.end(), paragraph.start + end))
            continue
        start = paragraph.start + (label.end if label else 0)
        if label is not None and label.style == "bullet":  # ★ ★ ★: numbered by their order under their parent
            # A run of one bullet character is one level: a site's · links are not its ● tasks.
            marker = paragraph.text.lstrip()[:1]
            bullets[marker] = bullets.get(marker, 0) + 1
            label = labels.Label(f"bullet {marker}", bullets[marker], label.end)
        elif label is not None:
            bullets = {}
        entries.append(_Entry(index, label, start, paragraph.end))
    return entries


def is_bullet(style: str) -> bool:
    """Bullets are numbered by their order, one level a bullet character (bullet ●, bullet ·)."""
    return style.startswith("bullet")


_BARE_NUMBER = patterns.compiled(r"^\d{1,2}$")


def _bare_number_labels(paragraphs: list[Paragraph]) -> set[int]:
    """Bare numbers alone on their lines (1, then the task's sentence on the next line, then 2 …),
    as a news page sets its list: labels when they count 1, 2, 3 … at least to 3, each over a
    sentence. A table copied one cell per line has bare row numbers over short cells: no list."""
    runs: list[list[int]] = []
    for index, paragraph in enumerate(paragraphs[:-1]):
        following = paragraphs[index + 1].text
        if not _BARE_NUMBER.match(paragraph.text) or _BARE_NUMBER.match(following) \
                or not any(mark in following for mark in "，。；"):
            continue
        number = int(paragraph.text)
        if runs and number == len(runs[-1]) + 1:
            runs[-1].append(index)
        elif number == 1:
            runs.append([index])
    return {index for run in runs if len(run) >= 3 for index in run}


def _inline_ordinals(text: str) -> list:
    """一是…二是…: at least two, counting from 一 in order."""
    matches = list(labels.inline_ordinal().finditer(text))
    sequence = []
    for match in matches:
        if labels.label_number(match.group(1)) == len(sequence) + 1:
            sequence.append(match)
    return sequence if len(sequence) >= 2 else []


def _paragraph_ordinals(paragraphs: list[Paragraph]) -> dict[int, tuple[int, int]]:
    """一是… opening each of consecutive paragraphs, counting 1, 2, 3 … (at least three): paragraph
    index → (number, where its content starts). A paragraph holding two or more is read by
    _inline_ordinals instead."""
    found: dict[int, tuple[int, int]] = {}
    run: dict[int, tuple[int, int]] = {}
    carried = 0  # 一是…；二是…；三是… run into the paragraph before: the run goes on from 四是
    for index, paragraph in enumerate(paragraphs):
        match = labels.inline_ordinal().match(paragraph.text)
        inline = len(_inline_ordinals(paragraph.text))
        if match and (inline >= 2 or labels.find_label(paragraph.text) is not None):
            match = None
        number = labels.label_number(match.group(1)) if match else None
        if match and number == carried + len(run) + 1 and (not run or max(run) == index - 1):
            run[index] = (number, match.end())
            continue
        if carried + len(run) >= 3 and run:
            found.update(run)
        run = {index: (1, match.end())} if match and number == 1 else {}
        carried = inline if inline >= 2 and not run else 0
    if carried + len(run) >= 3 and run:
        found.update(run)
    return found


def numbered_lists(text: str, paragraphs: list[Paragraph], unlabelled: frozenset[int] = frozenset()) -> list[list[Node]]:
    """`unlabelled`: where labels stand that are no labels (page chrome): read as plain paragraphs."""
    lists: list[list[Node]] = []
    stack: list[Node] = []
    last_number: dict[str, int] = {}  # per style, the number of the last label taken
    signatures = _signature_lines(paragraphs)
    entries = _entries(text, paragraphs)
    high_runs = _high_runs(entries)
    leads = _group_leads(text, entries, high_runs)
    for position, entry in enumerate(entries):
        paragraph = paragraphs[entry.paragraph]
        if position in leads:  # ——推进教育高质量发展 over 204. 205. …: ends the item before it, no level
            for node in stack:
                node.closed = True
            continue
        if entry.label is not None and entry.start in unlabelled:
            entry = _Entry(entry.paragraph, None, paragraph.start, paragraph.end)
        if entry.label is None:
            groups = _counted_groups(entries, position, paragraph, stack)
            if groups:  # 已投入使用9项： over 1. 2. …: a level of the list, over the list after it
                _add_lead_ins(text, entry, groups, stack, lists)
                stack = [lists[-1][-1]]
                continue
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
        if depth is None:  # 1. 2. 3、: a slip to another style of the family, right in sequence
            depth = next((d for d, open_node in enumerate(stack) if open_node.number + 1 == node.number
                          and labels.style_family(open_node.style) == labels.style_family(node.style)), None)
            if depth is not None:
                node.style = stack[depth].style
            elif labels.is_degraded(node.style):  # 3， out of sequence: a number in the text
                if stack:
                    _add_body(text, stack[-1], _Entry(entry.paragraph, None, paragraph.start, paragraph.end))
                continue
        if depth is None:  # 一是… items end with their paragraph: they head no list of another style,
            # nor do the items of a list run into one line (…承诺：1.…；2.…；3.…) below that line
            while stack and (stack[-1].style == "inline_ordinal" or _run_in_line_before(text, paragraphs[stack[-1].label_paragraph].start, paragraph)):
                stack.pop()
        if not stack:
            if node.number != 1 and _is_chrome_number(text, entries, position):
                continue  # 51好读 › 专栏, 29.12.2014 19:45: the page's chrome over a list counting from 1
            lists.append([node])
            stack = [node]
            node.lead_in = _lead_in_sentence(text, paragraph)
        elif depth is not None:
            previous = stack[depth]
            if node.number > previous.number and (node.number - previous.number <= 3
                                                   or _same_run_in_line(text, previous, paragraph)):
                stack = stack[:depth]
                _attach(node, stack, lists)
            elif depth == 0 and node.number == 1:
                lists.append([node])
                stack = [node]
            else:  # not a label after all: 3. where 2. was expected reads as text
                _add_body(text, stack[-1], _Entry(entry.paragraph, None, paragraph.start, paragraph.end))
                continue
        elif node.number == 1 or node.number == last_number.get(node.style, -1) + 1:
            _attach(node, stack, lists)  # 二、 then 3. 4.: the sub-items numbered on across groups
        elif position in high_runs and _after_lead_in(text, paragraph):  # …如下：28.…；29.…: a list of its own
            lists.append([node])
            stack = [node]
            node.lead_in = _lead_in_sentence(text, paragraph)
        elif position in high_runs:  # (九)(十)(十一) after a stray 5. of an unseen (八): a list of its own
            if not _is_heading_node(text, stack[-1]):
                stack = []  # the stray item's level, in the same list
            _attach(node, stack, lists)  # 五、教育 over 204. 205. 206.: numbered on from earlier pages
        else:
            _add_body(text, stack[-1], _Entry(entry.paragraph, None, paragraph.start, paragraph.end))
            continue
        stack.append(node)
        last_number[node.style] = node.number
    return lists


LEAD_IN = "lead_in"  # a counted lead-in of a progress report, over its group of the tasks
LEAD_IN_PART = "lead_in_part"  # a clause of a counted lead-in's `；` list


def _counted_groups(entries: list[_Entry], position: int, paragraph: Paragraph, stack: list[Node]) -> list:
    """The counted lead-ins of an unlabelled paragraph right over a list counting from 1, where the
    task list starts or its levels are such lead-ins (lead_ins.py)."""
    following = entries[position + 1].label if position + 1 < len(entries) else None
    if following is None or following.number != 1 or following.style == "inline_ordinal" \
            or (stack and stack[0].style != LEAD_IN):
        return []
    return lead_ins(paragraph.text, paragraph.start, before_numbered_list=True)


def _add_lead_ins(text: str, entry: _Entry, groups: list, stack: list[Node], lists: list[list[Node]]) -> None:
    """Each lead-in a top node after the lead-ins before it (the text before the first one goes on
    the open item's body), its `；` clauses its children."""
    first = groups[0].title[0]
    if stack and text[entry.start:first].strip():
        _add_body(text, stack[-1], _Entry(entry.paragraph, None, entry.start, first))
    number = stack[0].number if stack else 0
    for position, group in enumerate(groups):
        node = Node(LEAD_IN, number + position + 1, entry.paragraph, group.title[0], group.title[1])
        if stack or position:
            lists[-1].append(node)
        else:
            lists.append([node])
        for part_number, (start, end) in enumerate(group.parts, 1):
            _attach(Node(LEAD_IN_PART, part_number, entry.paragraph, start, end), [node], lists)


def _same_run_in_line(text: str, previous: Node, paragraph: Paragraph) -> bool:
    """A label the layout cut from the line of the one before (…；31.…；43.…): a run-in list, whose
    numbers may skip where the lead-in picks a department's items of a longer list."""
    return paragraph.start > 0 and text[paragraph.start - 1] != "\n" \
        and "\n" not in text[previous.content_start:paragraph.start]


def _run_in_line_before(text: str, label_start: int, paragraph: Paragraph) -> bool:
    """Whether a label stands inside a line (run in after a lead-in) that ends before `paragraph`."""
    line_start = text.rfind("\n", 0, label_start) + 1
    return bool(text[line_start:label_start].strip()) and "\n" in text[label_start:paragraph.start]


def _after_lead_in(text: str, paragraph: Paragraph) -> bool:
    """Whether a label stands right after a lead-in's `：` in its line (…项目如下：28.…)."""
    return text[:paragraph.start].rstrip(" \t").endswith(("：", ":")) and text[paragraph.start - 1:paragraph.start] != "\n"


def _lead_in_sentence(text: str, paragraph: Paragraph) -> tuple[int, int] | None:
    """The sentence ending in `：` right before a label, in its line or on the line above."""
    end = len(text[:paragraph.start].rstrip(" \t\n"))
    if not text[:end].endswith(("：", ":")):
        return None
    start = max(text.rfind(mark, 0, end) for mark in "。！？\n") + 1
    return start, end


def _high_runs(entries: list[_Entry]) -> set[int]:
    """Entries of a run that starts high (204. 205. 206. …, at least three counting on, none of its
    style before): a page of a longer list, whose first items are on the pages before."""
    members: set[int] = set()
    by_style: dict[str, list[int]] = {}
    for position, entry in enumerate(entries):
        if entry.label is not None and not is_bullet(entry.label.style) and entry.label.style != "inline_ordinal":
            by_style.setdefault(entry.label.style, []).append(position)
    for positions in by_style.values():
        run = [positions[0]]
        for position in positions[1:]:
            if entries[position].label.number != entries[run[-1]].label.number + 1:
                break
            run.append(position)
        if entries[run[0]].label.number > 1 and len(run) >= 3:
            members.update(run)
    return members


def _group_leads(text: str, entries: list[_Entry], high_runs: set[int]) -> set[int]:
    """Bullet headlines (——推进教育高质量发展) right over the items of a run that starts high: groups
    that the page leaves unnumbered, which add no level (their count on this page is no number)."""
    leads = set()
    following = None  # the next labelled entry that is no bullet
    for position in range(len(entries) - 1, -1, -1):
        label = entries[position].label
        if label is None:
            continue
        if not is_bullet(label.style):
            following = position
        elif following in high_runs and _is_headline(text[entries[position].start:entries[position].end]):
            leads.add(position)
    return leads


def _is_chrome_number(text: str, entries: list[_Entry], position: int) -> bool:
    """An arabic number above 1 opening the page's numbering on a line with no sentence, with no
    next number of its family (within three) and a list counting from 1 after it: the page's
    chrome (51好读 › 专栏, a day-first timestamp 29.12.2014 19:45), not the parent of that list.
    A page that starts high has the next number, or children that start high too."""
    label = entries[position].label
    family = labels.style_family(label.style)
    if family != "arabic" or not _is_headline(text[entries[position].start:entries[position].end]):
        return False
    following = [entry.label for entry in entries[position + 1:] if entry.label is not None
                 and not is_bullet(entry.label.style)]
    successor = next((other for other in following if labels.style_family(other.style) == family), None)
    if successor is not None and label.number < successor.number <= label.number + 3:
        return False
    return bool(following) and following[0].number == 1


def _is_heading_node(text: str, node: Node) -> bool:
    """An item that is only a heading so far (五、教育, no sentence, no body): a parent."""
    return not node.body and _is_headline(text[node.content_start:node.content_end])


def _signature_lines(paragraphs: list[Paragraph]) -> set[int]:
    """An issuer's name alone on a line right above a date line: the signature, no item's body."""
    return {index for index, paragraph in enumerate(paragraphs[:-1])
            if labels.signature(paragraph.text, paragraphs[index + 1].text) == (paragraph.text, paragraphs[index + 1].text)}


def is_closing_remark(text: str) -> bool:
    """下一步…, 各责任单位要…: the notice talks to its readers again, after its tasks."""
    return text.startswith(tuple(patterns.load("document")["closing_words"]))


def covering_notice_end(paragraphs: list[Paragraph]) -> int | None:
    """Where a covering notice signed before its attachment ends (the signature's date, with 附件
    after it): its own numbered paragraphs there speak to its readers when the attachment lists
    the tasks. The attachment opens with 附件, or straight away with the attached plan's own title
    (…重点工作分工方案（共计121项）)."""
    for index, paragraph in enumerate(paragraphs):
        signed = labels.signature(paragraphs[index - 1].text if index else "", paragraph.text) is not None
        if signed and any(later.text.startswith("附件") for later in paragraphs[index + 1:index + 4]):
            return paragraph.end
        if signed and index + 1 < len(paragraphs) and _is_attached_title(paragraphs[index + 1].text):
            return paragraph.end
    return None


def _is_attached_title(text: str) -> bool:
    """A plan's title standing alone: no sentence marks, ending in a kind of document (方案, 清单 …),
    perhaps with a bracketed count of its tasks."""
    title = patterns.sub(r"[（(][^（）()]{0,12}[）)]$", "", text.strip())
    return 4 <= len(title) <= 60 and not any(mark in title for mark in "，。；：,;:") \
        and title.endswith(tuple(patterns.load("document")["title_endings"])) and labels.find_label(title) is None


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
            or is_closing_remark(content):
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
        and not _KEY_VALUE.match(text)
        and responsibility.find_in_text(text) is None
    )


def is_page_chrome(content: str) -> bool:
    """A line a web page prints around a notice (• 索引号：…, • 提交, • 字体【 】): no task, whatever
    numbering or bullet it stands behind. `content` is the line after its label."""
    if not patterns.search(r"\p{Han}", content):
        return True
    chrome = patterns.load("document")["page_chrome"]
    return _chrome_key().match(patterns.sub(r"[ \t]+", "", content[:40])) is not None \
        or content.strip(" \t|｜[]【】()（）") in chrome["words"] \
        or patterns.search(chrome["dated_link"], content) is not None \
        or _is_meta_line(content.strip())


def _is_meta_line(content: str) -> bool:
    """• 公开日期：2024-04-02: a short key and value, no field of a task (责任领导：…), no figure of one
    (新增城镇就业：全年目标3万人)."""
    return patterns.match(patterns.load("document")["page_chrome"]["meta_line"], content) is not None \
        and not labels.is_field_line(content) and not patterns.search(r"\d\s*\p{Han}", content)


@functools.cache
def _chrome_key():
    return patterns.compiled(rf"(?:{patterns.alternation(patterns.load('document')['page_chrome']['meta_keys'])})[：:]")


def _own_text(text: str, node: Node) -> str:
    """What a label heads: its line, or where the layout cut the line at a field key after a bare
    label (（二）|年度目标：…), the first paragraph of its body."""
    content = text[node.content_start:node.content_end].strip()
    if not content and node.body:
        return text[node.body[0][0]:node.body[0][1]]
    return content


def chrome_levels(text: str, lists: list[list[Node]], holds_quantity: QuantityTest) -> set[int]:
    """A level is weighed by what its nodes hold, not by where it stands: a level (the nodes of one
    style under one parent) whose nodes hold no task and are mostly page chrome is no level. Returns
    where the labels of such levels stand (their content starts), for the tree to be built again
    without them: their nodes never become items, and what the tree hung under them (the real list,
    read as their children because the chrome came first) stands where it belongs."""
    found: set[int] = set()
    for siblings in [entry for entry in lists] + [node.children for node in walk([n for entry in lists for n in entry])]:
        for style in {node.style for node in siblings}:
            members = [node for node in siblings if node.style == style]
            if _is_chrome_level(text, members, holds_quantity):
                found.update(node.content_start for node in members)
    return found


def _is_chrome_level(text: str, members: list[Node], holds_quantity: QuantityTest) -> bool:
    contents = [_own_text(text, node) for node in members]
    if any(holds_quantity(content) or responsibility.find_in_text(content) is not None for content in contents):
        return False
    return 2 * sum(1 for content in contents if is_page_chrome(content) or _is_document_title(content)) >= len(contents)


def _is_document_title(content: str) -> bool:
    """The notice's own title behind a site's tag (【民生实事】关于下达…任务的通知): a headline, no task."""
    content = content.strip()
    return "关于" in content and content.endswith(tuple(patterns.load("document")["title_endings"])) \
        and not any(mark in content for mark in "，。；")


def is_instruction_list(text: str, nodes: list[Node], lists: list[list[Node]], holds_quantity: QuantityTest) -> bool:
    if all(_is_instruction_node(text, node, holds_quantity) for node in nodes):
        return True
    if len(lists) > 1 and not _has_quantity_text(text, nodes, holds_quantity):
        return any(_has_quantity_text(text, other, holds_quantity) for other in lists if other is not nodes)
    return False


def _is_instruction_node(text: str, node: Node, holds_quantity: QuantityTest) -> bool:
    heading = _heading_or_first_clause(text, node)
    instructions = patterns.load("instructions")
    if node.children and any(heading.startswith(word) for word in instructions["never_tasks"]):
        return True  # 四、保障措施 with its （一）（二）…, amounts or not
    return any(word in heading for word in instructions["words"]) \
        and not _has_quantity_text(text, [node], holds_quantity)


def without_instructions(text: str, nodes: list[Node], holds_quantity: QuantityTest) -> list[Node]:
    """A task list's closing 工作要求 part (加强组织领导…) holds no tasks."""
    return [node for node in nodes if not _is_instruction_node(text, node, holds_quantity)]


def _has_quantity_text(text: str, nodes: list[Node], holds_quantity: QuantityTest) -> bool:
    """Whether any node holds a quantity (每月28日 and 2024年度 do not count)."""
    for node in walk(nodes):
        spans = [(node.content_start, node.content_end)] + node.body
        if any(holds_quantity(text[start:end]) for start, end in spans):
            return True
    return False


def walk(nodes: list[Node]):
    for node in nodes:
        yield node
        yield from walk(node.children)


def _heading_or_first_clause(text: str, node: Node) -> str:
    content = text[node.content_start:node.content_end]
    return _TITLE_CUT.split(content, 1)[0].strip()