"""Responsible units of an item, in every form a notice writes them (part of the outline stage).

`责任单位：…` lines, `（牵头单位：…；配合单位：…）` at an item's end, a bare unit list in
brackets, and `省发展改革委牵头，各市县配合` inside the text. Lead units come first.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from ..base import labels, patterns
from ..base.names import (CLOSE, OPEN, clean_unit, closes_with_unit_note, is_complete_name, is_office, is_unit_name,
                          marked_leads, matching_open, split_units, top_level)

_NOTE_CLOSE = "）)］]】〕"  # brackets that close a note of units at an item's end: （…） ［…］ 【…】 〔…〕


@dataclass(frozen=True)
class UnitMention:
    start: int  # span of the whole mention (marker included) in the text it was found in
    end: int
    lead: list[str]
    others: list[str]
    bare: bool = False  # a line of names and nothing else: units only where it follows the task's words


@functools.cache
def _markers() -> dict:
    data = patterns.load("responsibility")
    groups = {"lead": data["lead_markers"], "unit": data["unit_markers"], "support": data["support_markers"],
              "ignored": data["ignored_markers"]}
    kind_of = {word: kind for kind, words in groups.items() for word in words}
    # 完成时限：…, 牵头领导：… inside a note end the unit list before them (patterns/layout.toml, meta).
    kind_of.update({key: "ignored" for key, kind in labels.field_kinds().items() if kind == "meta" and key not in kind_of})
    return {
        "kind_of": kind_of,
        "marker": patterns.compiled(rf"(?:{patterns.alternation(kind_of)})\s*(?:[：:]|为(?=\p{{Han}}))"),
        "inline_lead": patterns.compiled(data["inline_lead_regex"]),
        "closing_lead": patterns.compiled(data["closing_lead_regex"]),
        "closing_unit": patterns.compiled(data["closing_unit_regex"]),
        "opening_unit": patterns.compiled(data["opening_unit_regex"]),
        "paragraph_end_markup": patterns.compiled(data["paragraph_end_markup_regex"]),
    }


def parse_marked(text: str) -> tuple[list[str], list[str]] | None:
    """Units of a text made of `marker：units` parts; None if it holds no marker at its start."""
    markers = _markers()
    matches = list(markers["marker"].finditer(text))
    outside = set(top_level(text, [match.start() for match in matches]))
    found = [match for match in matches if match.start() in outside]
    if not found or text[: found[0].start()].strip("（( ") != "":
        return None
    lead, others = [], []
    for number, match in enumerate(found):
        end = found[number + 1].start() if number + 1 < len(found) else len(text)
        word = match.group().rstrip("：: ").strip().removesuffix("为")
        kind = markers["kind_of"][word]
        if kind == "ignored":  # 责任领导：张三副省长；省住建厅牵头，省财政厅配合 — units may follow the person
            _, _, rest = text[match.end():end].partition("；")
            inline = _inline_lead(rest) if rest else None
            if inline:
                lead.extend(inline[0])
                others.extend(inline[1])
            continue
        value = text[match.end():end]
        inline = _inline_lead(value.strip(), whole=True) if kind == "unit" else None
        if inline:  # 部门分工：省发展改革委牵头，各地、各部门配合
            lead.extend(inline[0])
            others.extend(inline[1])
            continue
        units = split_units(value)
        marked = [unit for unit in units if unit in marked_leads(value)]  # 市发展改革委（牵头）
        lead.extend(marked)
        (lead if kind == "lead" else others).extend(unit for unit in units if unit not in marked)
    return lead, others


def group_lead(heading: str) -> list[str]:
    """The units a group heading names as leading every task under it (县示范区管委会牵头工作), or []
    (a person, 王丹县长牵头工作, is no unit)."""
    match = patterns.compiled(patterns.load("responsibility")["group_lead"]["regex"]).match(heading)
    units = split_units(match.group(1)) if match else []
    return units if units and all(is_unit_name(unit) for unit in units) else []


def find_in_text(text: str) -> UnitMention | None:
    """Units written at the end of an item's text: `（责任单位：…）`, `。牵头单位：…。配合单位：…`,
    `（X牵头，Y配合）`, or a bare unit list in brackets `（市发展改革委，各县〔市、区〕政府）`.
    A page's source saved with its tags (`…（责任单位：市教育局）</p><p>`) ends its paragraph at the
    closing tag: what a copy ran on after it belongs to the next paragraph, not to this one's units."""
    paragraph_end = _markers()["paragraph_end_markup"].search(text)
    words = text[:paragraph_end.start()] if paragraph_end else text
    mention = _find_at_end(words)
    if mention is None or len(words) == len(text):
        return mention
    return replace(mention, end=len(text))


def _find_at_end(text: str) -> UnitMention | None:
    stripped = text.rstrip("。； ")
    bracket = matching_open(stripped) if stripped[-1:] in _NOTE_CLOSE else None
    inner = stripped[bracket + 1:-1] if bracket is not None else ""
    if bracket is not None:
        marked = parse_marked(inner)
        if marked and (marked[0] or marked[1]):
            return UnitMention(bracket, len(text), *marked)
        if marked is not None and bracket > 0:  # （完成时限：12月） after the units' own note
            before = _find_at_end(text[:bracket])
            if before is not None:
                return UnitMention(before.start, len(text), before.lead, before.others)
    for match in _markers()["marker"].finditer(text):
        if match.start() > 0 and text[match.start() - 1] in "。；;，, \t":
            marked = parse_marked(text[match.start():].replace("。", "；"))
            if marked and (marked[0] or marked[1]):
                return UnitMention(match.start(), len(text), *marked)
            break
    if bracket is not None:
        lead_form = _inline_lead(inner)
        if lead_form:
            return UnitMention(bracket, len(text), *lead_form)
        units = split_units(inner)
        after_sentence = bracket == 0 or text[bracket - 1] in "。；;！？"
        if units and not patterns.search(r"\d", inner) and all(
                is_unit_name(unit) if after_sentence else is_office(unit) for unit in units):
            return UnitMention(bracket, len(text), [], units)
    closing = _markers()["closing_lead"].search(text)
    if closing:
        lead = split_units(closing.group(1))
        others = split_units(closing.group(2)) if closing.group(2) else []
        if lead and all(is_office(unit) for unit in lead) and all(is_unit_name(unit) for unit in others):
            return UnitMention(closing.start() + 1, len(text), lead, others)
    closing = _markers()["closing_unit"].search(text)
    if closing:
        units = split_units(closing.group(1) or closing.group(2))
        start = closing.start() + (1 if text[closing.start()] in "，。；" else 0)
        if units and all(is_office(unit) if closing.group(2) else is_unit_name(unit) for unit in units):
            return UnitMention(start, len(text), [], units)
    listed = bare_units(text)
    if listed:  # 区工信局、区商务局: a unit cell printed on its own line under the task
        return UnitMention(0, len(text), [], listed, bare=True)
    return None


def opening_mention(text: str) -> UnitMention | None:
    """Units named where a clause opens, before the project they carry out (由县教育局负责的校舍改造
    项目投资300万元): the mention is the `由…负责的` words only; the clause goes on as the item's text."""
    for match in _markers()["opening_unit"].finditer(text):
        units = split_units(match.group(1))
        if units and all(is_unit_name(unit) for unit in units):
            start = match.start() + (1 if text[match.start()] in "，；。" else 0)
            return UnitMention(start, match.end(), [], units)
    return None


def closed_cut(text: str) -> str:
    """A text cut by the end of the copy, made whole as far as its list of units goes: the fragment
    the copy left of the last name dropped (`各县`, `县农业农`, `市`), a cut role word or marker after
    a complete name dropped (`市发改局责任单位`, `市体育局等牵`), and the brackets left open closed.
    Only the units are read from it; the words of the item stay as printed."""
    if not text.strip() or text.rstrip()[-1] in _FINISHED:
        return text
    text = text.rstrip()
    cut = _last_separator(text)
    tail = text[cut + 1:]
    if cut < 0 or not _lists_units(text[:cut + 1]):
        return text  # 由洪广镇负责的…项目总: words of the item, not a list the copy cut
    whole_word, cut_word = _without_role(tail, whole=True), _without_role(tail, whole=False)
    if is_complete_name(whole_word):
        tail = whole_word  # 市发改局责任单位: a marker that lost its colon
    elif not is_complete_name(tail):
        tail = cut_word if is_complete_name(cut_word) else ""  # 市体育局等牵; 各县, 县农业农: fragments
    text = text[:cut + 1] + tail
    closing = []
    for character in text:
        if character in OPEN:
            closing.append(CLOSE[OPEN.index(character)])
        elif character in CLOSE and closing:
            closing.pop()
    return text + "".join(reversed(closing))


_FINISHED = "。；;！？!?" + CLOSE


def _last_separator(text: str) -> int:
    """Where the last name of a cut list starts, less one: after the last separator, or the bracket
    the copy left open, outside the brackets that close (县发改局（粮食局） is one name)."""
    frames = [-1]  # the last separator seen inside each bracket still open, the text itself first
    for index, character in enumerate(text):
        if character in OPEN:
            frames.append(index)
        elif character in CLOSE and len(frames) > 1:
            frames.pop()
        elif character in "，、；,; \t：:":
            frames[-1] = index
    return frames[-1]


def _lists_units(text: str) -> bool:
    """Whether what comes next in a text continues a list of units: it follows a marker
    (`责任单位：`) or a unit name (`市水利局等，`)."""
    if text[-1] in "：:":
        return _markers()["marker"].search(text[-12:]) is not None
    before = text[:-1].rstrip()
    last = before[_last_separator(before) + 1:]
    return is_complete_name(clean_unit(last)) and not patterns.search(r"\d", last)


def _without_role(tail: str, whole: bool) -> str:
    """`市发改局责任单位` → `市发改局`, `市体育局（市体育总会）等牵` → `市体育局（市体育总会）`: the tail
    without a marker or role word (`whole`), or a start of one that the copy cut, and the 等 before it."""
    words = list(_markers()["kind_of"]) + list(patterns.load("responsibility")["role_words"])
    for size in range(min(len(tail) - 1, max(map(len, words))), 0, -1):
        ending = tail[-size:]
        if any(word == ending if whole else word.startswith(ending) for word in words):
            return tail[:-size].removesuffix("等")
    return tail.removesuffix("等")


def bare_units(line: str) -> list[str]:
    """The units of a line that names units and nothing else (`区工信局、区商务局、各街道办事处`), as a
    table printed one cell per line gives them; none for a line of places (`城区`) or of words."""
    if patterns.search(r"\d|[。；;：:！？]", line):
        return []
    units = split_units(line)
    if len(units) == 1 and units[0].endswith(tuple(patterns.load("responsibility")["signer_endings"])) \
            and not units[0].startswith("各"):
        return []  # 某某县人民政府: the signer of the notice
    return units if units and all(is_complete_name(unit) for unit in units) else []


def inner_notes(text: str) -> list[tuple[list[str], list[str]]]:
    """Lead and other units of each note inside a text, in text order: an item of several projects
    gives each its own, labelled （牵头责任单位：水利局；配合单位：有关乡镇） or bare at the end of its
    sentence （市扶贫开发办、市以工代赈办）。"""
    found = []
    for match in patterns.finditer(r"[（(]([^（）()]{2,80})[）)]", text):
        marked = parse_marked(match.group(1))
        if marked and (marked[0] or marked[1]):
            found.append(marked)
        elif text[match.end():match.end() + 1] in ("。", "；", ";") and text[match.end():].strip("。；; ") \
                and closes_with_unit_note(text[:match.end()]):
            lead_form = _inline_lead(match.group(1), whole=True)
            found.append(lead_form or ([], split_units(match.group(1))))
    return found


def _inline_lead(text: str, whole: bool = False) -> tuple[list[str], list[str]] | None:
    """`X牵头，Y配合` in a text; `whole`: the text is that and nothing more."""
    match = _markers()["inline_lead"].fullmatch(text)
    if match is None and not whole:
        match = _markers()["inline_lead"].search(text)
    if not match:
        return None
    lead = split_units(match.group(1))
    others = split_units(match.group(2)) if match.group(2) else []
    if match.group(2) and not match.group(3) and not all(is_unit_name(unit) for unit in others):
        return None  # with no role word after them, only names make the others: （市教育局牵头，各县区）
    if lead and all(is_unit_name(unit) for unit in lead):
        return lead, others
    return None


def is_statement(text: str) -> bool:
    """A paragraph that only says who is responsible: `责任单位：…` or `（牵头单位：…）`."""
    if parse_marked(text) is not None:
        return True
    mention = find_in_text(text)
    return mention is not None and mention.start == 0 and not mention.bare  # 市人民政府办公室: a signer, perhaps


def parse_any(text: str) -> list[str]:
    """All units of a responsibility text in output order (lead first); used by examples."""
    whole_bracket = text[-1:] in _NOTE_CLOSE and matching_open(text) == 0
    marked = parse_marked(text[1:-1] if whole_bracket else text)
    if marked is None:
        mention = find_in_text(text)
        marked = (mention.lead, mention.others) if mention else ([], [])
    lead, others = marked
    return _unique(lead + others)


def _unique(units: list[str]) -> list[str]:
    seen, result = set(), []
    for unit in units:
        if unit not in seen:
            seen.add(unit)
            result.append(unit)
    return result


def ordered(lead: list[str], others: list[str]) -> list[str]:
    return _unique(lead + others)


def lead_count(lead: list[str]) -> int:
    """How many units lead: they stand first in `ordered`."""
    return len(_unique(lead))
