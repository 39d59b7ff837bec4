"""Quantities of an item turned into target records: distribution, roles, completions, metrics.

This is where the quantities and metrics stages meet the outline: one record per quantity,
several where 各/均/分别 spread one number over a list (宫颈癌、乳腺癌各完成筛查25620人),
and each completion share tied to the quantity it is a share of.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from decimal import Decimal

from ..base import patterns, segmentation
from ..base.model import Item
from . import metrics, roles
from . import recognise as quantities

_DISTRIBUTORS = patterns.compiled(r"各|均|分别|都")
_SENTENCE_BREAK = "。；！？\n"


@dataclass
class Target:
    metric: str
    value: Decimal
    value_max: Decimal | None
    unit: str
    comparator: str
    role: str
    raw: str
    span: tuple[int, int]
    rule: str


def item_text(text: str, item: Item) -> str:
    return text[item.span[0]:item.span[1]]


def item_targets(text: str, item: Item, tense: str, plan_year: int | None) -> list[Target]:
    offset = item.span[0]
    inside = [(start - offset, end - offset) for start, end in item.quantity_spans]
    body = _masked(item_text(text, item), inside)
    placed = [(start - offset, end - offset, role) for start, end, role in item.role_spans]
    found = [quantity for quantity in quantities.find_quantities(body)
             if any(start <= quantity.start and quantity.end <= end for start, end in inside)]
    found = metrics.Found(sorted(found + _column_quantities(body, item, offset, found), key=lambda q: q.start))
    runs = chains(body, found)
    places = [next((role for start, end, role in placed if start <= q.start < end), None) for q in found]
    completions = [flag or (place == "completion" and quantity.unit == "%")
                   for flag, place, quantity in zip(_completion_flags(body, found), places, found)]
    records: list[tuple[int, Target]] = []  # (index of quantity, record)
    about = item.heading or item.title  # what the item is about: its own heading, else its title
    title_in_body = item.title in body
    for index, quantity in enumerate(found):
        raw = body[quantity.start:quantity.end]
        span = (quantity.start + offset, quantity.end + offset)
        place = places[index]
        note = roles.plan_note(body, quantity.start, quantity.end)
        if completions[index]:
            role = "completion"
        elif note:
            role = "target"
        elif placed:  # the target and what was done side by side
            role = roles.role_of(body, quantity.number_start, "actual" if place else "target", plan_year,
                                 in_progress_field=place == "actual")
        else:
            role = roles.role_of(body, quantity.number_start, tense, plan_year)
        metric = metrics.metric_phrase(body, found, index)
        if metric and not title_in_body and (
                (len(metric) <= 2 and metric in item.title) or (role == "target" and metric in _bare_verbs())):
            metric = about  # 全年目标培训8万人次 under 职业技能培训, 年度目标新建5所 under 公办幼儿园建设
        named = next((name for start, end, name in item.column_metrics
                      if start - offset <= quantity.start < end - offset and name), None)
        if named:
            metric = named  # 3600 under 总投资（万元）
        if note == "inside" and records and records[-1][1].unit == quantity.unit:
            metric = records[-1][1].metric  # 新增学位9600个（计划9000个）: the plan's figure for the same thing
        names = _listed_names(body, found, index, runs)
        for name in names or [metric]:
            records.append((index, Target(name if names else metric, quantity.value, quantity.value_max,
                                          quantity.unit, quantity.comparator, role, raw, span,
                                          quantity.rule + ("_distributed" if len(names) > 1 else ""))))
    _reported_bases(body, found, completions, records, tense)
    if not placed:
        _target_beside_results(body, found, completions, records, tense, plan_year)
        if tense == "actual":
            _targets_reached(body, found, completions, records, runs, plan_year)
            _restated_task(body, found, completions, records, plan_year)
    _borrow_reported_metrics(records, about)
    _place_parts(body, found, records)
    for _, record in records:
        if not record.metric:
            record.metric = about  # a number that names nothing counts what its item is about
    _tie_completions(body, found, completions, records)
    return [record for _, record in records]


def _place_parts(body: str, found, records) -> None:
    """A figure split out by place (其中：西秀区完成6962人、平坝区完成3619人, or 安置点6个（西秀区1个、…）)
    is that place's part of the total before it in its sentence: its metric is the place and the
    total's metric (西秀区减少农村扶贫对象)."""
    places = [metrics.is_place_part(record.metric) for _, record in records]
    totals = [record.metric for _, record in records]
    for position, (index, record) in enumerate(records):
        if not places[position]:
            continue
        sentence_start = body.rfind("。", 0, found[index].start) + 1
        total = next((totals[earlier] for earlier in range(position - 1, -1, -1)
                      if records[earlier][1].unit == record.unit and found[records[earlier][0]].start >= sentence_start
                      and totals[earlier] and not places[earlier]), None)
        if total is not None:
            record.metric = record.metric + total


def _column_quantities(body: str, item: Item, offset: int, found) -> list:
    """A table cell's bare number (1900 under 目标值, beside a 单位 cell 个) with its column's unit:
    read as the number followed by that unit, grounded to the number alone."""
    made = []
    for start, end, unit in item.column_units:
        start, end = start - offset, end - offset
        if any(start <= quantity.start < end for quantity in found):
            continue
        cell = body[start:end]
        read = quantities.find_quantities(cell + unit)
        if len(read) == 1 and read[0].start == 0 and read[0].end >= len(cell):
            quantity = read[0]
            quantity.start, quantity.end, quantity.number_start = start, end, start + quantity.number_start
            quantity.rule += "_column_unit"
            made.append(quantity)
    return made


def _masked(body: str, inside: list[tuple[int, int]]) -> str:
    """The item's body with everything outside its text spans (a 责任单位 field between the target
    and its 完成情况) blanked to line breaks: no clause or metric reaches across it."""
    if len(inside) <= 1 and (not inside or inside[0] == (0, len(body))):
        return body
    characters = ["\n"] * len(body)
    for start, end in inside:
        characters[start:end] = body[start:end]
    return "".join(characters)


@functools.cache
def _bare_verbs() -> frozenset[str]:
    return frozenset(patterns.load("metric_words")["bare_verbs"])


def _reported_bases(body: str, found, completions: list[bool], records, tense: str) -> None:
    """全年新增城镇就业5.6万人，完成目标任务的112%: what a reported share (an exact one, not a
    `完成率不低于95%` to reach) follows in its sentence was done. In a plan, `完成率100%` is a rate
    to reach, and says nothing of what came before it."""
    sentence_of = [metrics.clause_start(body, quantity.start, _SENTENCE_BREAK) for quantity in found]
    reported = {sentence_of[index] for index, quantity in enumerate(found)
                if completions[index] and quantity.comparator == "="
                and not (tense == "target" and roles.is_rate_to_reach(body, quantity.start))}
    for index, record in records:
        if record.role == "target" and not completions[index] and sentence_of[index] in reported \
                and any(completions[later] and sentence_of[later] == sentence_of[index]
                        for later in range(index + 1, len(found))) \
                and not roles.is_planned(body, found[index].number_start) \
                and not roles.plan_note(body, found[index].start, found[index].end):
            record.role = "actual"


def _target_beside_results(body: str, found, completions: list[bool], records, tense: str,
                           plan_year: int | None) -> None:
    """新建幼儿园5所，已完工3所 in a report: the item's first figure, which no word marks, beside a
    later one of its unit that a word marks as done, is the target it was done against (not where
    the later one is a part of it: …3.2万人，其中已安置…1000人)."""
    if tense != "actual" or not found or completions[0] or records[0][1].role != "actual" \
            or roles.role_of(body, found[0].number_start, None, plan_year) is not None:
        return
    for later in range(1, len(found)):
        if completions[later] or found[later].unit != found[0].unit:
            continue
        if "其中" in body[found[0].end:found[later].start]:
            return
        if roles.role_of(body, found[later].number_start, None, plan_year) == "actual":
            for index, record in records:
                if index == 0:
                    record.role = "target"
            return


def _targets_reached(body: str, found, completions: list[bool], records, runs, plan_year: int | None) -> None:
    """300公里农村公路安保工程，现已完成344公里 and 解决30万人饮水问题项目已超额完成 in a report: a figure
    no word marks, that the next figure of its unit was done against or that is said to be beaten,
    is the target (with every figure of its 、-run: 31个生猪基地、22个禽蛋基地，已完成既定目标)."""
    reached = set()
    for index, quantity in enumerate(found):
        if completions[index] or roles.role_of(body, quantity.number_start, None, plan_year) is not None:
            continue
        last = found[runs[index][1]]
        sentence_end = min((at for at in (body.find(mark, last.end) for mark in _SENTENCE_BREAK) if at >= 0),
                           default=len(body))
        following = runs[index][1] + 1
        if following < len(found) and runs[index][0] == runs[index][1] and not completions[following] \
                and found[following].unit == quantity.unit and found[following].start < sentence_end \
                and roles.is_reached_by_next(body[last.end:found[following].start]):
            reached.add(index)
        elif roles.is_beaten(body[last.end:sentence_end]):
            reached.add(index)
    for index, record in records:
        if index in reached and record.role == "actual":
            record.role = "target"


def _restated_task(body: str, found, completions: list[bool], records, plan_year: int | None) -> None:
    """实施易地扶贫搬迁18695人，其中贫困人口14861人。… 此项工作已完成。截至12月底，…已完成搬迁入住18695人
    in a report: the item's first sentence, with no word of what was done, restates the task
    before the sentences that report it (a figure a word marks as done): its figures are targets."""
    first_end = min((at for at in (body.find(mark) for mark in "。\n") if at > 0), default=len(body))
    head = {index for index, quantity in enumerate(found) if quantity.end <= first_end}
    if not head or len(head) == len(found) or any(completions[index] for index in head) \
            or roles.has_actual_marker(body[:first_end]):
        return
    if not any(index not in head and not completions[index]
               and roles.role_of(body, found[index].number_start, None, plan_year) == "actual"
               for index in range(len(found))):
        return
    for index, record in records:
        if index in head and record.role == "actual":
            record.role = "target"


def _borrow_reported_metrics(records, about: str) -> None:
    """已建成2100个 under 完成情况 names nothing, 累计完成改造1320户 names only a word of its target:
    each counts what the item's target counts (the first earlier record with a metric and the
    same unit). 已开工6条 names a stage of its own and keeps it."""
    reported_verbs = patterns.load("metric_words")["reported_verbs"]
    for number, (_, record) in enumerate(records):
        if record.role == "target":
            continue
        for _, earlier in records[:number]:
            # A reported verb (新增3.2万人) after a target that names nothing (全年目标3万人): what the item is about.
            named = earlier.metric or (about if record.metric in reported_verbs else "")
            if named and earlier.unit == record.unit and (
                    not record.metric or record.metric in reported_verbs
                    or (len(record.metric) <= 2 and record.metric in named)):
                record.metric = named
                break


def _completion_flags(body: str, found) -> list[bool]:
    flags: list[bool] = []
    for index, quantity in enumerate(found):
        previous = found[index - 1] if index else None
        flags.append(roles.is_completion(body, quantity.start, quantity.unit,
                                         bool(previous and flags[-1]), previous.end if previous else 0, quantity.end))
    return flags


def _listed_names(body: str, found, index: int, runs: list[tuple[int, int]]) -> list[str]:
    """Names for one number spread over a list (各/均/分别), or for a chain of numbers that
    follows a list of the same length (宫颈癌、乳腺癌筛查89.01万人、91.09万人)."""
    quantity = found[index]
    chain_start, chain_end = runs[index]
    clause_start = metrics.clause_start(body, found[chain_start].start)
    marker = _last_distributor(body, clause_start, found[chain_start].start)
    if marker is not None and chain_start == chain_end:
        listed = metrics.enumeration_before(body, marker.start(), found)
        if len(listed) >= 2:
            suffix = metrics.clean(body[marker.end():quantity.start])
            return _with_shared_head(listed, suffix)
        return _abbreviated_list(body[clause_start:marker.start()], body[marker.end():quantity.start])
    return _chain_names(body, found, index, chain_start, chain_end, marker)


def _last_distributor(body: str, start: int, end: int):
    """The last 各/均/分别 within [start, end): found once per item, then bisected, since an item
    with thousands of quantities asks for each of them."""
    matches = _distributors(body)
    before = bisect.bisect_right(matches.ends, end) - 1
    return matches[before] if before >= 0 and matches[before].start() >= start else None


class _Matches(list):
    def __init__(self, matches):
        super().__init__(matches)
        self.ends = [match.end() for match in self]


@functools.lru_cache(maxsize=64)
def _distributors(body: str) -> _Matches:
    return _Matches(_DISTRIBUTORS.finditer(body))


def _abbreviated_list(before: str, after: str) -> list[str]:
    """“两癌”…各3万人: the things a short name stands for (patterns/abbreviations.toml)."""
    for abbreviation in patterns.load("abbreviations")["abbreviation"]:
        at = before.rfind(abbreviation["short"])
        if at >= 0:
            suffix = metrics.clean(before[at + len(abbreviation["short"]):] + after)
            return [thing + suffix for thing in abbreviation["things"]]
    return []


def _chain_names(body: str, found, index: int, chain_start: int, chain_end: int, marker) -> list[str]:
    """The k-th of a 、-joined run of numbers after a list of the same length takes its k-th name."""
    if chain_end > chain_start:
        position = marker.start() if marker else found[chain_start].start
        listed = metrics.enumeration_before(body, position, found)
        if len(listed) == chain_end - chain_start + 1:
            suffix = metrics.clean(body[(marker.end() if marker else position):found[chain_start].start]) \
                if marker else ""
            return [_with_shared_head(listed, suffix)[index - chain_start]]
    return []


def chains(body: str, found) -> list[tuple[int, int]]:
    """For every quantity, the first and last index of the run joined by 、 (or 和/及/与: 3000个和1500个)
    holding it (one pass)."""
    runs, start = [], 0
    for index in range(len(found)):
        if index + 1 == len(found) or body[found[index].end:found[index + 1].start] not in metrics.PAIR_JOINERS:
            runs.extend([(start, index)] * (index - start + 1))
            start = index + 1
    return runs


def _with_shared_head(listed: list[str], suffix: str) -> list[str]:
    """宫颈癌、乳腺癌筛查: the last item's head word (筛查) belongs to each item."""
    last_words = segmentation.words(listed[-1])
    head = last_words[-1] if len(last_words) > 1 else ""
    if len(head) == 1 and len(last_words) > 2:
        head = last_words[-2] + head
    names = []
    for name in listed:
        # 农村地区一般交通事故起数、死亡人数: 起数 is a head of its own, like 人数.
        if head and len(head) >= 2 and not name.endswith(head) and name[-1] != head[-1]:
            name += head
        if suffix and not name.endswith(suffix):
            name += suffix
        names.append(name)
    return names


def _tie_completions(body: str, found, completions: list[bool], records) -> None:
    """A completion takes the metric of the quantity it is a share of: in its sentence, the
    k-th completion belongs to the k-th other quantity (分别完成…的181.57%、181.87%)."""
    sentence_of = [metrics.clause_start(body, quantity.start, _SENTENCE_BREAK) for quantity in found]
    bases: dict[int, list[Target]] = {}
    shares: dict[int, list[Target]] = {}
    for index, record in records:
        (shares if completions[index] else bases).setdefault(sentence_of[index], []).append(record)
    for sentence, sentence_shares in shares.items():
        sentence_bases = bases.get(sentence, [])
        # A 完成率 cell of a progress table stands apart from the target it is a share of.
        sentence_bases = sentence_bases or [record for index, record in records
                                            if not completions[index] and record.role == "target"][:1]
        for number, share in enumerate(sentence_shares):
            if sentence_bases:
                share.metric = sentence_bases[min(number, len(sentence_bases) - 1)].metric
