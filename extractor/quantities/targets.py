"""Quantities of an item turned into target records: distribution, roles, completions, metrics.

This is where the quantities and metrics stages meet the outline: one record per quantity,
several where 各/均/分别 spread one number over a list (宫颈癌、乳腺癌各完成筛查25620人),
and each completion share tied to the quantity it is a share of.
"""

from __future__ import annotations

import bisect
import functools
import re
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
    bracketed = _bracketed_shares(body, found, tense, plan_year)
    completions = [flag or index in bracketed for index, flag in enumerate(completions)]
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
        elif (source := next((source for start, end, source in item.column_sources
                              if start - offset <= quantity.start < end - offset), None)):
            metric = _source_metric(text, source) or metric
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
    _shared_list_verb(body, found, records)
    _stage_subjects(body, found, records, about)
    _measured_projects(body, found, records, about)
    _borrow_reported_metrics(body, found, records, about)
    _place_parts(body, found, records)
    for _, record in records:
        if not record.metric:
            record.metric = about  # a number that names nothing counts what its item is about
    own = {index: record.metric for index, record in records}
    _tie_completions(body, found, completions, records)
    for index, record in records:  # 引调水工程正在施工中（93%）: the share of a work that no count names
        if index in _under_way_shares(body, found) and not any(
                metrics.clause_start(body, found[other].start) == metrics.clause_start(body, found[index].start)
                for other in range(index)):
            record.metric = own[index]
    for index, record in records:
        if index in bracketed:  # the share of the count right before its bracket
            record.metric = next((other.metric for other_index, other in records if other_index == index - 1),
                                 record.metric)
    return _heading_figures_once(body, found, records)


def _heading_figures_once(body: str, found, records) -> list[Target]:
    """一、10万平方米老旧小区改造项目 … 任务目标：…改造总建筑面积不少于10万平方米: a figure of the
    heading line (a title, no sentence) printed again below it is one entry, the heading's (its words
    name the task), with the qualifier the body gives it."""
    heading_end = body.find("\n")
    if heading_end < 0 or any(mark in body[:heading_end] for mark in "，。；,;"):
        return [record for _, record in records]  # no heading line: one sentence, or a row of cells
    dropped = set()
    for position, (index, record) in enumerate(records):
        if found[index].start >= heading_end or record.unit == "%":
            continue
        again = next(((other_position, other) for other_position, (other_index, other) in enumerate(records)
                      if found[other_index].start > heading_end and other_position not in dropped
                      and other.value == record.value and other.unit == record.unit and other.role == record.role), None)
        if again is not None:
            if record.comparator == "=":
                record.comparator, record.value_max = again[1].comparator, again[1].value_max
            dropped.add(again[0])
    return [record for position, (_, record) in enumerate(records) if position not in dropped]


def _source_metric(text: str, source: tuple[int, int]) -> str:
    """What the figure at `source` (the intro's 开工改造小区1500个) counts, read in its sentence."""
    start = metrics.clause_start(text, source[0], _SENTENCE_BREAK)
    end = metrics.clause_end(text, source[1], _SENTENCE_BREAK)
    sentence = text[start:end]
    found = metrics.Found(quantities.find_quantities(sentence))
    index = next((index for index, quantity in enumerate(found) if quantity.number_start == source[0] - start), None)
    return metrics.metric_phrase(sentence, found, index) if index is not None else ""


def _place_parts(body: str, found, records) -> None:
    """A figure split out by place (其中：东湖区完成500人、西山区完成700人, or 安置点6个（东湖区1个、…）)
    is that place's part of the total before it in its sentence: its metric is the place and the
    total's metric (东湖区减少农村扶贫对象). After 其中, a short bare name is such a part too
    (其中市本级17条、闽侯1条; 其中新店溪3.79公里), place suffix or not."""
    places = [metrics.is_place_part(record.metric) or _named_part(body, found[index], record.metric)
              for index, record in records]
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


def _named_part(body: str, quantity, metric: str) -> bool:
    """A name of two to four characters, no verb in it, right after 其中 or after the parts before it."""
    if not 2 <= len(metric) <= 4 or any(word in _verbs() for word in segmentation.words(metric)):
        return False
    sentence_start = metrics.clause_start(body, quantity.start, _SENTENCE_BREAK)
    return "其中" in body[sentence_start:quantity.start]


def _column_quantities(body: str, item: Item, offset: int, found) -> list:
    """A table cell's bare number (1900 under 目标值, beside a 单位 cell 个) with its column's unit:
    read as the number followed by that unit, grounded to the number alone."""
    made = []
    for start, end, unit in item.column_units:
        start, end = start - offset, end - offset
        inside = [quantity for quantity in found if start <= quantity.start < end]
        for quantity in inside:  # 不低于60元 in a row counted in 元/月/人: the rate
            if "/" in unit and unit.startswith(quantity.unit + "/"):
                quantity.unit = unit
        if inside:
            continue
        cell = body[start:end]
        if not unit:  # a count whose column and row name no measure: the number alone, unit ""
            number = cell.strip()
            made.append(quantities.Quantity(start + cell.index(number), start + cell.index(number) + len(number),
                                            start + cell.index(number), Decimal(number), None, "", "=",
                                            "bare_column"))
            continue
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
    reached, under_way = set(), _under_way_shares(body, found)
    for index, quantity in enumerate(found):
        # what marks the figure is said since the figure before it (…已完成1个（50%）、15个…: the
        # 已完成 is the figure before's)
        since = max(metrics.clause_start(body, quantity.start), found[index - 1].end if index else 0)
        if completions[index] or roles.marker_role(body[since:quantity.number_start], plan_year) is not None:
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
        elif following < len(found) and body[found[following].start - 1:found[following].start] in "（(" \
                and following in under_way:  # 6个老旧小区改造正在施工中（90%）: the work's size, not done yet
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
    if not head or (len(head) == len(found) and not roles.has_actual_marker(body[first_end:])) \
            or any(completions[index] for index in head) \
            or roles.has_actual_marker(body[:first_end]):
        return
    if not any(index not in head and not completions[index]
               and roles.role_of(body, found[index].number_start, None, plan_year) == "actual"
               for index in range(len(found))) and not roles.has_actual_marker(body[first_end:]):
        return  # no figure, and no sentence after, tells what was done
    for index, record in records:
        if index in head and record.role == "actual":
            record.role = "target"


def _stage_subjects(body: str, found, records, about: str) -> None:
    """A stage or change that names no thing (工程建成4000公里、开工8000公里; 实施新建项目12个，计划竣工3个;
    核算数50610595万元，增幅-1.1%)
    counts the thing of the figure before it in its sentence, of the same role: that figure's
    subject before its own verb (工程开工), else the stage over its object (竣工…项目). A stage that
    opens the item's figures (棚户区改造工程。新开工11万套) counts what the item is about."""
    stages = _stage_only()
    sentence_of = [metrics.clause_start(body, quantity.start, _SENTENCE_BREAK) for quantity in found]
    for position, (index, record) in enumerate(records):
        if record.metric not in stages:
            continue
        earlier = next((other for other_index, other in reversed(records[:position])
                        if sentence_of[other_index] == sentence_of[index] and other.role == record.role
                        and other.metric and other.metric not in stages), None)
        if earlier is None and record.role == "actual" and record.metric not in _reported_verbs():
            # 改造老旧小区86个 | 已开工62个: a stage on the way, of the task's thing (已建成9个 is the task done)
            earlier = next((other for _, other in reversed(records[:position]) if other.role == "target"
                            and other.unit == record.unit and other.metric and other.metric not in stages), None)
        if earlier is not None:
            record.metric = _with_stage(earlier.metric, record.metric)
        elif position == 0 and about:
            record.metric = about + record.metric


@functools.cache
def _reported_verbs() -> frozenset[str]:
    return frozenset(patterns.load("metric_words")["reported_verbs"])


@functools.cache
def _stage_only() -> frozenset[str]:
    data = patterns.load("metric_words")
    return frozenset(data["stage_words"] + data["stage_phrases"] + data["change_words"])


def _shared_list_verb(body: str, found, records) -> None:
    """新建（改扩建）幼儿园35所、义务教育学校113所、职业学校2所: the verb opening a 、-list of
    counted things applies to each of them (新建（改扩建）职业学校)."""
    verbs = _verbs()
    metric_of = {index: record for index, record in records}
    verb = ""
    for index in range(len(found)):
        record = metric_of.get(index)
        if record is None:
            verb = ""
            continue
        between = body[found[index - 1].end:found[index].start] if index else ""
        if verb and between.startswith("、") and record.metric and record.metric in between \
                and not any(word in verbs or word in _scope_verbs() for word in segmentation.words(record.metric)):
            record.metric = verb + record.metric
            continue
        first = (segmentation.words(record.metric) or [""])[0]
        opening = patterns.match(rf"{re.escape(first)}(?:[（(][^（）()]{{1,6}}[）)])?", record.metric) if first in verbs else None
        verb = opening.group(0) if opening and len(record.metric) > len(opening.group(0)) else ""


@functools.cache
def _scope_verbs() -> frozenset[str]:
    return frozenset(patterns.load("metric_words")["scope_verbs"])


@functools.cache
def _verbs() -> frozenset[str]:
    data = patterns.load("metric_words")
    return frozenset(data["stage_words"] + data["stage_phrases"] + data["bare_verbs"] + data["reported_verbs"])


def _with_stage(named: str, stage: str) -> str:
    """县乡公路改善工程建成 + 开工 → 县乡公路改善工程开工; 新建、改扩建学校项目 + 竣工 → 竣工学校项目."""
    words = segmentation.words(named)
    verbs = _verbs()
    if len(words) > 1 and words[-1] in verbs:
        subject = metrics.clean("".join(words[:-1]))
        if len(subject) >= 2:
            return subject + stage
    leading = 0
    while leading < len(words) - 1 and (words[leading] in verbs or words[leading] == "、"):
        leading += 1
    if leading:
        return stage + "".join(words[leading:])
    return named + stage


def _measured_projects(body: str, found, records, about: str) -> None:
    """完成投资2亿元 measures a project it does not name: the clause before it in its sentence names
    it (启动支农路东延工程，全长1.38公里，投资概算1.45亿元), or the figure there does (建制村通公路项目
    已开工234个，累计完成投资2亿多元). A measure opening its sentence takes a short lead before it
    (--村村通电。完成投资…), else the work after it (投入3.7亿元，改造老旧小区8055套), and a measure
    opening the item what the item is about."""
    measures = frozenset(patterns.load("metric_words")["project_measures"])
    metric_at = {index: record.metric for index, record in records}
    for position, (index, record) in enumerate(records):
        if record.metric not in measures:
            continue
        quantity = found[index]
        project = _project_in_clause(body, found, index, measures) \
            or _project_before(body, found, metric_at, index, measures) \
            or _lead_before(body, found, metrics.clause_start(body, quantity.start, _SENTENCE_BREAK))
        if not project and position > 0 and record.unit != "%":  # a share of it is no sum spent on the work after
            sentence_end = metrics.clause_end(body, quantity.end, _SENTENCE_BREAK)
            project = next((_subject_of(metric_at[later]) for later in range(index + 1, len(found))
                         if found[later].start < sentence_end and metric_at.get(later)
                         and found[later].unit != "%" and metric_at[later] not in measures), "")
        if not project and record.raw not in about:  # a title that is this clause itself names nothing more
            project = about
        if project:
            record.metric = project + record.metric


def _project_in_clause(body: str, found, index: int, measures: frozenset) -> str:
    """The project named in the measure's own clause before its verb (市区城市防洪工程完成投入1亿元)."""
    quantity = found[index]
    start = metrics.clause_start(body, quantity.start)
    if index and found[index - 1].end > start:
        return ""  # another figure stands in the clause: the clause is no project's name
    words = patterns.sub(rf"(?:{patterns.alternation(measures)})$", "", body[start:quantity.start])
    named = metrics.clean(words, cut_at_verbs=True)
    return named if len(named) >= 2 and named not in measures else ""


def _project_before(body: str, found, metric_at: dict, index: int, measures: frozenset) -> str:
    """The nearest clause before a measure in its sentence that is no measure itself (brackets aside)."""
    quantity = found[index]
    sentence_start = metrics.clause_start(body, quantity.start, _SENTENCE_BREAK)
    end = metrics.clause_start(body, quantity.start) - 1
    while end > sentence_start:
        start = metrics.clause_start(body, end, floor=sentence_start)
        clause = body[start:end]
        inside = [other for other in range(index) if start <= found[other].start < end]
        if inside:
            named = metric_at.get(inside[-1], "")
            if named and named not in measures:
                return _subject_of(named)
        elif not patterns.search(r"[（()）]", clause):  # not a piece of a bracketed aside
            named = metrics.clean(clause, cut_at_verbs=True)
            if len(named) >= 2 and named not in measures:
                return named
        end = start - 1
    return ""


def _lead_before(body: str, found, sentence_start: int) -> str:
    """A short run-in lead among the two sentences before (--村村通电。, 充电基础设施工程包)."""
    end = sentence_start - 1
    for _ in range(2):
        if end <= 0:
            break
        start = metrics.clause_start(body, end, _SENTENCE_BREAK)
        lead = metrics.clean(body[start:end].strip(" -—－•●"))
        holds = any(start <= quantity.start < end for quantity in found)
        if not holds and 2 <= len(lead) <= 12 and not patterns.search(r"[，,：:]", lead):
            return lead
        end = start - 1
    return ""


def _subject_of(named: str) -> str:
    """建制村通公路项目已开工 → 建制村通公路项目: a figure's thing without the stage after it."""
    words = segmentation.words(named)
    if len(words) > 1 and words[-1] in _verbs():
        subject = metrics.clean("".join(words[:-1]))
        if len(subject) >= 2:
            return subject
    return named


def _borrow_reported_metrics(body: str, found, records, about: str) -> None:
    """已建成2100个 under 完成情况 names nothing, 累计完成改造1320户 names only a word of its target:
    each counts what the nearest earlier record with a metric and the same unit counts. 已开工6条 names a stage of its own and keeps it."""
    reported_verbs = patterns.load("metric_words")["reported_verbs"]
    for number, (index, record) in enumerate(records):
        # A table's bare target cell (1100 beside 城镇新增就业1100人), or a cell run on right after
        # the one before it (增长率6%以上28.97%), counts what its row names.
        if record.role == "target" and not (not record.metric and (
                record.rule.endswith("_column_unit")
                or (index and not body[found[index - 1].end:found[index].start].strip()))):
            continue
        # The nearest figure before it: a table's sub-row (新增800张…床位 | 810) or the plan
        # figure of its own sentence (计划新建80个…，现已超额完成93个).
        for _, earlier in reversed(records[:number]):
            # A reported verb (新增3.2万人) after a target that names nothing (全年目标3万人): what the item is about.
            named = earlier.metric or (about if record.metric in reported_verbs else "")
            if named and earlier.unit == record.unit and (
                    not record.metric or record.metric in reported_verbs
                    or (len(record.metric) <= 2 and record.metric in named)
                    or named.endswith(record.metric)):  # …超额完成58个农家店 after 新建或改造50个农家店
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


def _bracketed_shares(body: str, found, tense: str, plan_year: int | None) -> set[int]:
    """已完成8个（53%）, 已完成948件（81%）: a share in brackets right after a count of what was done
    is the completion of that count's target."""
    shares = set()
    for index in range(1, len(found)):
        share, count = found[index], found[index - 1]
        if share.unit == "%" and count.unit != "%" and body[count.end:share.start] in ("（", "(") \
                and body[share.end:share.end + 1] in ("）", ")") \
                and roles.role_of(body, count.number_start, tense, plan_year) == "actual":
            shares.add(index)
    return shares | _under_way_shares(body, found)


def _under_way_shares(body: str, found) -> set[int]:
    """…引调水工程正在施工中（93%）, 6个老旧小区改造正在施工中（90%）: a share in brackets after a work
    under way is how far it has come, its completion."""
    shares = set()
    for index, share in enumerate(found):
        opened = share.start - 1
        if share.unit == "%" and body[opened:share.start] in ("（", "(") and body[share.end:share.end + 1] in ("）", ")") \
                and roles.is_under_way(body[max(metrics.clause_start(body, opened), found[index - 1].end if index else 0):opened]):
            shares.add(index)
    return shares


def _tie_completions(body: str, found, completions: list[bool], records) -> None:
    """A completion takes the metric of the quantity it is a share of: in its sentence, the
    k-th completion belongs to the k-th other quantity (分别完成…的181.57%、181.87%)."""
    sentence_of = [metrics.clause_start(body, quantity.start, _SENTENCE_BREAK) for quantity in found]
    bases: dict[int, list[Target]] = {}
    shares: dict[int, list[tuple[int, Target]]] = {}
    for index, record in records:
        if completions[index]:
            shares.setdefault(sentence_of[index], []).append((index, record))
        else:
            bases.setdefault(sentence_of[index], []).append(record)
    for sentence, sentence_shares in shares.items():
        sentence_bases = bases.get(sentence, [])
        # A 完成率 cell of a progress table stands apart from the target it is a share of: the
        # nearest target before it (its own sub-row's), else the item's first.
        targets = [(index, record) for index, record in records if not completions[index] and record.role == "target"]
        sentence_bases = sentence_bases or [record for index, record in targets if index < sentence_shares[0][0]][-1:] \
            or [record for _, record in targets][:1]
        if len(sentence_shares) == 1 and len({record.metric for record in sentence_bases}) > 1:
            index, share = sentence_shares[0]
            label = _overall_label(body, found[index])
            if label:  # 已新增…235个、新增…1202张，整体完成率111.5%
                share.metric = label
                continue
        for number, (_, share) in enumerate(sentence_shares):
            if sentence_bases:
                share.metric = sentence_bases[min(number, len(sentence_bases) - 1)].metric


def overall_label(text: str) -> str:
    """The label of a share over a whole item (整体完成率, from 整体完成率达), or ""."""
    match = patterns.search(patterns.load("metric_words")["overall_share"]["regex"], text)
    return patterns.sub(r"(?:为|达到?|达)$", "", match.group()) if match else ""


def _overall_label(body: str, quantity) -> str:
    return overall_label(body[metrics.clause_start(body, quantity.start):quantity.number_start])
