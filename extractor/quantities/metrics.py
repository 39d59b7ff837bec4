"""Metrics (stage 5, quantities): the short phrase naming what each quantity counts.

The phrase is the clause around the quantity: the verb and object before it (新建公共服务领域
充电桩1900个) and the noun after it (建成360个以上老年助餐场所), cut with jieba and stripped at
both edges of time words, place-as-subject words, filler verbs and qualifiers. When that
leaves almost nothing (全年培训7300人以上), the clause before names the thing counted.
"""

from __future__ import annotations

import bisect
import functools

from ..base import patterns, segmentation

_CLAUSE_BREAK = "，。；：！？\n,;"
_SENTENCE_BREAK = "。；！？\n"
PAIR_JOINERS = ("、", "和", "及", "与")
_LIST_JOINERS = (*PAIR_JOINERS, "以及", "，")
_CONTEXT = 60  # characters of context on either side: a metric is a short phrase
_STEP_LABEL = patterns.compiled(r"^(?:[①-⑳]|\d{1,2}[.、](?!\d))")
_NUMBERISH = patterns.compiled(r"^[\d.,%]+$|^\d{4}年?$|^年$")


@functools.cache
def _time_prefix():
    return patterns.compiled(patterns.load("metric_words")["time_prefix"])


@functools.cache
def _leading_words() -> frozenset[str]:
    return frozenset(patterns.load("metric_words")["leading_words"])


@functools.cache
def _cut_words() -> frozenset[str]:
    return frozenset(patterns.load("metric_words")["cut_after"])


@functools.cache
def _stop_words() -> frozenset[str]:
    data = patterns.load("metric_words")
    return frozenset(data["time_words"] + data["subject_words"] + data["filler_verbs"])


@patterns.text_cache
def clean(phrase: str, cut_at_verbs: bool = False) -> str:
    """Strip time, subject and filler words (and years) from both edges of a phrase; with
    cut_at_verbs, also everything up to the last filler verb (…完成线上咨询 → 线上咨询)."""
    phrase = _STEP_LABEL.sub("", phrase.strip(" \t、，,（("))  # ①新建…, 2.完成… inside a cell
    phrase = _time_prefix().sub("", phrase, count=1)
    phrase = patterns.sub(patterns.load("metric_words")["level_suffix"], "", phrase)
    if not phrase:
        return ""
    words = segmentation.words(phrase)
    if cut_at_verbs:
        cuts = _cut_words()
        last = max((i for i, word in enumerate(words) if word in cuts), default=-1)
        if 0 <= last < len(words) - 1 and len("".join(words[last + 1:])) >= 2:
            words = words[last + 1:]
    stop = _stop_words()
    while words and (words[0] in stop or (_NUMBERISH.match(words[0]) and not _is_age(words))
                     or words[0] in "、，,：:（）()“”的"):
        if words[0] in "“（(" :
            break
        words.pop(0)
    stop = _stop_words()
    while words and (words[-1] in stop or words[-1] in "、，,：:（(的和及与"):
        words.pop()
    return "".join(words).strip()


def _is_age(words: list[str]) -> bool:
    """65岁及以上常住老年人: a number that selects who is counted stays in the metric."""
    return len(words) > 1 and words[1] in ("岁", "周岁")


@functools.lru_cache(maxsize=64)
def _break_positions(text: str, breaks: str) -> list[int]:
    """Where the breaks stand in a text, found once: an item with thousands of quantities asks
    for the clause around each of them."""
    return [index for index, character in enumerate(text) if character in breaks]


def clause_start(text: str, position: int, breaks: str = _CLAUSE_BREAK, floor: int = 0) -> int:
    positions = _break_positions(text, breaks)
    before = bisect.bisect_left(positions, position) - 1
    return max(floor, positions[before] + 1) if before >= 0 else floor


def clause_end(text: str, position: int, breaks: str = _CLAUSE_BREAK) -> int:
    positions = _break_positions(text, breaks)
    after = bisect.bisect_left(positions, position)
    return positions[after] if after < len(positions) else len(text)


class Found(list):
    """An item's quantities in text order, with their start positions for bisecting."""

    def __init__(self, quantities=()):
        super().__init__(quantities)
        self.starts = [quantity.start for quantity in self]


def _holds_quantity(quantities, start: int, end: int) -> bool:
    starts = quantities.starts if isinstance(quantities, Found) else [quantity.start for quantity in quantities]
    first = bisect.bisect_left(starts, start)
    return first < len(starts) and starts[first] < end


def left_context(text: str, quantities, index: int) -> str:
    """The words before a quantity in its clause; a quantity listed after another with 、/和
    shares the verb of the first (新建1个…、4个…和50个县级零工市场)."""
    quantity = quantities[index]
    start = clause_start(text, quantity.start)
    first = index
    while first > 0 and index - first < 50 and quantities[first - 1].end > start:
        between = text[quantities[first - 1].end:quantities[first].start]
        if not between.endswith(_LIST_JOINERS):
            break
        first -= 1
    if first < index:
        return text[max(start, quantities[first].start - _CONTEXT):quantities[first].start]
    previous_end = quantities[index - 1].end if index and quantities[index - 1].end > start else start
    return text[max(previous_end, quantity.start - _CONTEXT):quantity.start]


def right_context(text: str, quantities, index: int) -> str:
    """The noun after a quantity; where another quantity follows in the clause, only up to the
    joiner before it (1250个家庭医生团队线下培训、16.59万名…; 40%的城镇社区和10%的行政村)."""
    quantity = quantities[index]
    end = min(clause_end(text, quantity.end), quantity.end + _CONTEXT)
    right = text[quantity.end:end]
    if index + 1 < len(quantities) and quantities[index + 1].start < end:
        right = text[quantity.end:quantities[index + 1].start]
        joiner = patterns.search(r"、|和|及|与", right)
        if joiner:
            right = right[:joiner.start()]
        opening = patterns.search(r"[（(][^）)]*$", right)
        if opening:  # 安置点6个（东湖区1个、…）: what opens a bracket after the number is an aside on it
            right = right[:opening.start()]
    right = patterns.sub(r"^[（(][^（）()]*(?:[）)]|$)", "", right)  # an aside on the unit: 2000套（间）, 300个（含…）, 1.38公里（西起…，
    right = patterns.sub(r"[（(][^（）()]*\d[^（）()]*[）)]", "", right)  # a restated conversion: （18亩）
    return patterns.sub(r"^的", "", right)


def metric_phrase(text: str, quantities, index: int) -> str:
    quantity = quantities[index]
    right = _without_inner_verbs(clean(right_context(text, quantities, index)))
    if len(right) <= 2:
        right += _elided_head(text, quantities, index)
    left = left_context(text, quantities, index)
    if left.rstrip().endswith("等") and len(right) >= 3:
        left = ""  # 沙陀湖调蓄工程、能信热电等360个以上省、市重点项目: the names before 等 are instances
    metric = _without_leading_word(clean(left, cut_at_verbs=True) + right)
    if len(metric) > 2 or metric in _stage_words():
        return metric
    earlier = _quantity_free_clause_before(text, quantities, quantity.start)
    if earlier:
        return _without_leading_word(earlier)
    return metric


@functools.cache
def _stage_words() -> frozenset[str]:
    return frozenset(patterns.load("metric_words")["stage_words"])


def _without_inner_verbs(phrase: str) -> str:
    """A filler verb between who is counted and what is done to them is no part of the metric:
    5万名适龄妇女免费开展宫颈癌检查 → 适龄妇女免费宫颈癌检查, 4.92万名残疾儿童开展了康复救助 →
    残疾儿童康复救助."""
    words = segmentation.words(phrase)
    kept, dropped = [], False
    for position, word in enumerate(words):
        inner = 0 < position < len(words) - 1
        dropped = inner and (word in _cut_words() or (dropped and word == "了"))  # 开展|了
        if not dropped:
            kept.append(word)
    return "".join(kept) if len(kept) < len(words) else phrase


def _without_leading_word(phrase: str) -> str:
    """Drop a verb or adverb that only opens the phrase (组织…活动, 提高…补助), keeping two
    characters at least."""
    words = segmentation.words(phrase)
    if len(words) > 1 and words[0] in _leading_words() and len(phrase) - len(words[0]) >= 2:
        return phrase[len(words[0]):]
    return phrase


def _elided_head(text: str, quantities, index: int) -> str:
    """4个市级和50个县级零工市场: 市级 borrows 零工市场 from the quantity after it."""
    right = clean(right_context(text, quantities, index))
    if not right or index + 1 >= len(quantities):
        return ""
    between = text[quantities[index].end:quantities[index + 1].start]
    if not (between.startswith(right) and between[len(right):] in PAIR_JOINERS):
        return ""
    following = segmentation.words(clean(right_context(text, quantities, index + 1)))
    return "".join(following[1:]) if len(following) > 1 else ""


def _quantity_free_clause_before(text: str, quantities, position: int) -> str:
    """The nearest clause of the same sentence before `position` that holds no quantity (three
    clauses back at the most: further away nothing names what is counted here)."""
    sentence_start = clause_start(text, position, _SENTENCE_BREAK)
    end = clause_start(text, position) - 1
    for _ in range(3):
        if end <= sentence_start:
            break
        start = clause_start(text, end, floor=sentence_start)
        if not _holds_quantity(quantities, start, end):
            phrase = clean(text[start:end], cut_at_verbs=True)
            if len(phrase) > 2:
                return phrase
        end = start - 1
    return ""


def _after_last_stop_word(phrase: str) -> str:
    """The first item of a list starts after the verb or subject before it: 对…妇女免费开展宫颈癌 → 宫颈癌."""
    words = segmentation.words(phrase)
    stop = _stop_words()
    last = max((i for i, word in enumerate(words) if word in stop), default=-1)
    rest = "".join(words[last + 1:])
    return rest if len(rest) >= 2 else phrase


def enumeration_before(text: str, position: int, quantities) -> list[str]:
    """The things listed with 、 nearest before `position` in its sentence (宫颈癌、乳腺癌)."""
    sentence_start = clause_start(text, position, _SENTENCE_BREAK)
    scope_end = position
    for _ in range(3):
        if scope_end <= sentence_start:
            break
        start = clause_start(text, scope_end, floor=sentence_start)
        clause = text[start:scope_end]
        holds_quantity = _holds_quantity(quantities, start, scope_end)
        if "、" in clause and not holds_quantity:
            parts = patterns.split(r"、", clause)
            items = [clean(part, cut_at_verbs=True) for part in parts]
            items[0] = _after_last_stop_word(items[0])
            return [item for item in items if item]
        if holds_quantity and start < clause_start(text, position):
            return []
        scope_end = start - 1
    return []


def is_place_part(metric: str) -> bool:
    """A metric that names only a place (东湖区, 南山自治县): the place's part of a total, not a thing counted."""
    place = patterns.load("metric_words")["place_part"]
    return patterns.match(place["regex"], metric) is not None and patterns.search(place["not_place"], metric) is None
