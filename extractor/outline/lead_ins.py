"""Counted lead-ins of a progress report (part of the outline stage): a sentence that counts a
group of the tasks by their state (已投入使用9项：, 有11个项目进展较快，…。其中：A；B；…) heads the
list after it, which makes the group a level of the task list (patterns/layout.toml, counted_lead_in).

A `；` list is a group only when it has exactly the lead-in's count of clauses; a lead-in over the
numbered list that follows its paragraph must name a state of work (投入使用, 进展较快 …). The
programme's own count (确定以下10项为…项目：) and a notice's 通知如下： head no group.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..base import labels, names, patterns


@dataclass
class LeadIn:
    title: tuple[int, int]  # the counting clause, the group's title (text offsets)
    parts: list[tuple[int, int]] = field(default_factory=list)  # its `；` list; empty: a numbered list follows


@functools.cache
def _entry() -> dict:
    return patterns.load("layout")["counted_lead_in"]


@functools.cache
def _clause_pattern() -> re.Pattern:
    return patterns.compiled(_entry()["regex"])


def counted_clause(clause: str) -> re.Match | None:
    """The clause as a counted lead-in (有11个项目进展较快), or None."""
    return _clause_pattern().match(clause.strip())


def names_state(clause: str) -> bool:
    return any(word in clause for word in _entry()["state_words"])


def lead_ins(paragraph: str, offset: int, before_numbered_list: bool) -> list[LeadIn]:
    """The counted lead-ins of a paragraph in order (spans shifted by `offset`): each over a `；` list
    of exactly its count, and, when a numbered list follows the paragraph, a last sentence ending in
    `：` over that list. Empty unless the paragraph ends with such a lead-in (it heads the list that
    follows; the groups before it are its siblings)."""
    sentences = list(_sentences(paragraph))
    found: list[LeadIn] = []
    pending: tuple[int, int, int] | None = None  # a lead-in sentence whose list opens with 其中：
    for index, (start, end) in enumerate(sentences):
        sentence = paragraph[start:end]
        colon = _first_colon(sentence)
        head_end = start + colon if colon is not None else end
        head = counted_in(paragraph, start, head_end)
        if colon is not None and head is None and pending is not None \
                and paragraph[start:head_end].strip() in ("其中", "具体为", "分别是"):
            head = pending
        pending = None
        if colon is None:
            pending = head
            continue
        if head is None:
            continue
        title_start, title_end, count = head
        parts = _semicolon_parts(paragraph, head_end + 1, end)
        if len(parts) == count and count >= 2:
            found.append(LeadIn((offset + title_start, offset + title_end),
                                [(offset + first, offset + last) for first, last in parts]))
        elif index == len(sentences) - 1 and before_numbered_list and not paragraph[head_end + 1:end].strip() \
                and names_state(paragraph[title_start:title_end]):
            found.append(LeadIn((offset + title_start, offset + title_end)))
    return found if found and not found[-1].parts else []


def counted_in(paragraph: str, start: int, end: int) -> tuple[int, int, int] | None:
    """(start, end, count) of the first clause of paragraph[start:end] that is a counted lead-in; the
    framing clauses before it (全市20个项目中，) are skipped."""
    position = start
    for clause in patterns.split(r"[，,]", paragraph[start:end]):
        match = counted_clause(clause)
        if match is not None:
            left = position + len(clause) - len(clause.lstrip())
            return left, position + len(clause.rstrip()), labels.label_number(match.group("count"))
        position += len(clause) + 1
    return None


def _first_colon(sentence: str) -> int | None:
    """Where the first `：` outside brackets stands: the list after it is the lead-in's."""
    return next(iter(names.outside_brackets(sentence, "：:")), None)


def _semicolon_parts(paragraph: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of paragraph[start:end] split at `；` outside brackets, without empty ones."""
    parts, first = [], start
    for cut in [start + at for at in names.outside_brackets(paragraph[start:end], "；;")] + [end]:
        left, right = first, cut
        while left < right and paragraph[left].isspace():
            left += 1
        while right > left and paragraph[right - 1] in " \t。":
            right -= 1
        if right > left:
            parts.append((left, right))
        first = cut + 1
    return parts


def _sentences(paragraph: str):
    """(start, end) of each sentence, ended by `。！？` outside brackets (kept out of the span) or the
    paragraph's end."""
    start = 0
    for position in names.outside_brackets(paragraph, "。！？"):
        if paragraph[start:position].strip():
            yield start, position
        start = position + 1
    if paragraph[start:].strip():
        yield start, len(paragraph.rstrip())
