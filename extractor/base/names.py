"""Names of units (organisations) and how a list of them is written: the shapes that the layout
stage (is this cell a unit list?), the normaliser and the outline (who is responsible?) share.

A unit name ends with an organisation word (局, 委, 政府 …, patterns/responsibility.toml), before a
bracketed qualifier if it has one (各乡镇（街道）, 县发改局（粮食局）).
"""

from __future__ import annotations

import functools

from . import patterns

OPEN, CLOSE = "（〔［【(《[", "）〕］】)》]"
LEAD_MARK = "▲"  # ▲发改局，各部门: the lead of a unit cell
_SEPARATORS = "，；,; \t"


@functools.cache
def _compiled() -> dict:
    data = patterns.load("responsibility")
    markers = [word for kind in ("lead", "unit", "support", "ignored") for word in data[f"{kind}_markers"]]
    return {
        "suffix": patterns.compiled(rf"(?:{patterns.alternation(data['org_suffixes'])})$"),
        "notes": patterns.compiled(patterns.alternation(data["note_words"])),
        "shared_levels": patterns.compiled(data["shared_levels_regex"]),
        "shared_government": patterns.compiled(data["shared_government_regex"]),
        "whole_names": frozenset(data["whole_unit_names"]),
        "role_words": tuple(sorted(data["role_words"], key=len, reverse=True)),
        "marker": patterns.compiled(rf"(?:{patterns.alternation(markers)})\s*[：:]"),
    }


def is_unit_name(text: str) -> bool:
    """A name that stands as a unit by itself: it ends with an organisation word (局, 委, 政府 …),
    before a bracketed qualifier if it has one (各乡镇（街道）, 各县（市、区）)."""
    text = strip_notes(text)
    text = patterns.sub(r"[（(〔][^（）()〔〕]*[）)〕]$", "", text) or text
    return len(text) >= 2 and bool(_compiled()["suffix"].search(text)) or text in _compiled()["whole_names"]


def split_units(text: str) -> list[str]:
    """Split a unit list on ，、；, and spaces, never inside brackets, keeping 各乡、镇人民政府 whole."""
    text = _balanced(text.strip().strip("。；;，, ")).strip()
    parts, current, depth = [], "", 0
    for character in text:
        if character in OPEN:
            depth += 1
        elif character in CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and (character in _SEPARATORS or character == "、"):
            parts.append((current, character))
            current = ""
        else:
            current += character
    if depth > 0 and max(map(current.rfind, OPEN)) >= len(current) - 3:
        current = ""  # 各镇乡（ cut by the end of a copy: a fragment, no name
    parts.append((current, ""))
    units: list[str] = []
    pending = ""
    for index, (part, separator) in enumerate(parts):
        part = pending + strip_notes(part).strip()
        pending = ""
        if not part:
            continue
        if separator == "、" and (not is_unit_name(part) or _shares_government(part, parts[index + 1][0])):
            pending = part + "、"
            continue
        units.append(part)
    if pending:
        units.append(pending.rstrip("、"))
    return [unit for unit in (clean_unit(unit) for unit in units) if unit]


def _shares_government(levels: str, following: str) -> bool:
    """各县（市）、区人民政府: the levels before 、 share the government named after it."""
    return bool(_compiled()["shared_levels"].match(levels) and _compiled()["shared_government"].match(following.strip()))


def _balanced(text: str) -> str:
    """Drop a bracket left over from the text around a list, keep 各镇（街道） whole."""
    while text.endswith(("）", ")")) and text.count("（") + text.count("(") < text.count("）") + text.count(")"):
        text = text[:-1].rstrip("。；;，, ")
    while text.startswith(("（", "(")) and text.count("（") + text.count("(") > text.count("）") + text.count(")"):
        text = text[1:]
    return text


def strip_notes(text: str) -> str:
    """Drop bracketed notes that are no part of a name: （首位单位为牵头单位，下同）."""
    def replace(match):
        return "" if _compiled()["notes"].search(match.group()) else match.group()

    return patterns.sub(r"[（(][^（）()]*[）)]", replace, text)


def clean_unit(unit: str) -> str:
    """A unit without list punctuation, a trailing 等, or a role word written after it
    (省人社厅负责, 市财政局协办): 主办/协办/负责/牵头 are never part of a name."""
    unit = unit.strip(" 。；，、").lstrip(LEAD_MARK)
    for word in _compiled()["role_words"]:
        if unit.endswith(word) and len(unit) > len(word) + 1 and is_unit_name(unit[:-len(word)]):
            unit = unit[:-len(word)]
            break
    if unit.startswith("由") and is_unit_name(unit[1:]):
        unit = unit[1:]  # 由市交通运输局负责
    if unit.endswith("等") and len(unit) > 2:
        unit = unit[:-1]
    return unit


def closes_with_unit_note(text: str) -> bool:
    """Whether text ends with a bracketed note of who is responsible: `…（责任单位：市教育局）`,
    `…（市发展改革委，各县区政府）`, `…（省民政厅负责）` — which ends its sentence as 。 would."""
    index = matching_open(text) if text and text[-1] in CLOSE else None
    if index is None:
        return False
    inner = text[index + 1:-1]
    if _compiled()["marker"].match(inner):
        return True
    if patterns.search(r"\d", inner):
        return False
    units = split_units(inner.split("牵头")[0].split("主办")[0])
    after_sentence = index == 0 or text[index - 1] in "。；;！？"
    # Right after a word, a bracket names offices only: 各县（市、区） is a name, not a note.
    return bool(units) and all(is_unit_name(unit) if after_sentence else is_office(unit) for unit in units)


def is_office(name: str) -> bool:
    """A name that is surely an office (市发展改革委, 县政府), not a place (街道) in brackets."""
    return bool(patterns.search(r"(?:委员会|政府|委|局|厅|办|院|中心|公司)$", strip_notes(name)))


def is_complete_name(name: str) -> bool:
    """A name that is surely whole, not the fragment a cut copy leaves (`各县` of 各县（市、区）政府,
    `县农业农`, `市`): a unit name, with its bracketed qualifier if it has one (县发改局（粮食局）), that
    ends with more than a bare level of place (县, 区, 镇 …)."""
    name = patterns.sub(r"[（(〔][^（）()〔〕]*[）)〕]$", "", strip_notes(name.strip()))
    ending = _compiled()["suffix"].search(name)
    return is_unit_name(name) and ending is not None and ending.group() not in _PLACE_LEVELS


_PLACE_LEVELS = ("省", "市", "县", "区", "旗", "乡", "镇")


def matching_open(text: str) -> int | None:
    """Where the bracket that the text's last character closes was opened."""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] in CLOSE:
            depth += 1
        elif text[index] in OPEN:
            depth -= 1
            if depth == 0:
                return index
    return None


def bracket_depth(text: str, start: int = 0, end: int | None = None, depth: int = 0) -> int:
    """How many brackets are open at `end` (a marker inside brackets is a note), counting on from
    `depth` open at `start`: callers walking a text forwards pass each result on, so that many
    markers in one long text cost one pass, not one pass each."""
    for character in text[start:end]:
        if character in OPEN:
            depth += 1
        elif character in CLOSE:
            depth = max(0, depth - 1)
    return depth


def outside_brackets(text: str, marks: str) -> list[int]:
    """Where the characters of `marks` stand outside every bracket and quote (a `；` or `。` inside
    （…） or “…” ends no clause), in one pass."""
    found, depth = [], 0
    for position, character in enumerate(text):
        if character in OPEN or character in "“‘":
            depth += 1
        elif character in CLOSE or character in "”’":
            depth = max(0, depth - 1)
        elif depth == 0 and character in marks:
            found.append(position)
    return found


def top_level(text: str, positions) -> list[int]:
    """The positions (increasing) that stand outside every bracket, in one forward pass."""
    kept, depth, previous = [], 0, 0
    for position in positions:
        depth = bracket_depth(text, previous, position, depth)
        previous = position
        if depth == 0:
            kept.append(position)
    return kept


def lead_marked(text: str) -> list[str]:
    """Units a list marks as leading with ▲ before them: ▲发改局，▲科技局，各部门."""
    return [clean_unit(match.group(1)) for match in patterns.finditer(rf"{LEAD_MARK}\s*([^，、；,;\s{LEAD_MARK}]+)", text)]


def marked_leads(text: str) -> list[str]:
    """Units a list marks as leading with a note after them: 市发展改革委（牵头）."""
    return [clean_unit(match.group(1)) for match in patterns.finditer(r"([^，、；,;\s（）()]{2,30}?)[（(]牵头[）)]", text)]
