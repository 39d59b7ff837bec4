"""Which task list refers to which, which item to which, and which target to which.

A task list (one section of a notice) is a plan or a report, of a region and a year. A plan breaks
down the plan of the nearest region above it in the same year; a report reports on the plan of its
own region and year. Where the plan above was not given but its report was (Henan's 2024 plan is
known here only from the 2025 news that reports it), the breakdown links to the report, which stands
for the plan.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..base import patterns
from . import regions
from .words import settings, similarity


@dataclass(frozen=True, eq=False)
class TaskList:
    source: str
    document: dict
    section: int
    kind: str  # plan | report
    year: int | None
    items: tuple[dict, ...]

    @property
    def region(self) -> str | None:
        return self.document["document"].get("region")

    @functools.cached_property
    def codes(self) -> tuple[str, ...]:
        """The region's division codes, told apart by the places the notice names."""
        fields = self.document["document"]
        context = " ".join([fields.get("title") or "", fields.get("issuer") or ""]
                           + [item.get("text", "") for item in self.items])
        return regions.resolve(self.region, context)

    @property
    def date(self) -> str | None:
        return self.document["document"].get("date")


def task_lists(document: dict) -> list[TaskList]:
    """The sections of an extracted notice; an output without `sections` (written before it existed)
    is read as one list per section, a report when most of its quantities are reported."""
    items_by_section: dict[int, list[dict]] = {}
    for item in document.get("items", []):
        items_by_section.setdefault(item.get("section", 1), []).append(item)
    described = {entry["section"]: entry for entry in document.get("sections", [])}
    found = []
    for section, items in sorted(items_by_section.items()):
        entry = described.get(section) or {"kind": _kind_of(items), "year": document["document"].get("year")}
        found.append(TaskList(document["source"]["name"], document, section, entry["kind"], entry["year"],
                              tuple(items)))
    return found


def _kind_of(items: list[dict]) -> str:
    roles = [target["role"] for item in items for target in item.get("targets", [])]
    reported = sum(role != "target" for role in roles)
    return "report" if roles and reported * 2 > len(roles) else "plan"


@dataclass(frozen=True)
class Pairing:
    """A list (`near`: the more local or the later) and the list it refers to (`far`)."""

    near: TaskList
    far: TaskList
    relation: str  # breaks_down | reports_on
    stand_in: bool  # the far list is a report standing for its plan


def pairings(lists: list[TaskList]) -> list[Pairing]:
    found = []
    for near in lists:
        found.extend(_pairings_of(near, lists))
    return found


def _pairings_of(near: TaskList, lists: list[TaskList]) -> list[Pairing]:
    same_year = [other for other in lists
                 if other is not near and near.year is not None and other.year == near.year]
    if near.kind == "report":
        plans = [other for other in same_year if other.kind == "plan" and set(other.codes) & set(near.codes)]
        return [Pairing(near, plan, "reports_on", False) for plan in plans]
    above = [(regions.depth_below(near.codes, other.codes), other) for other in same_year]
    above = [(depth, other) for depth, other in above if depth is not None]
    plans = [(depth, other) for depth, other in above if other.kind == "plan"]
    planned = {code for _, other in plans for code in other.codes}
    reports = [(depth, other) for depth, other in above if other.kind == "report" and not set(other.codes) & planned]
    chosen = plans or reports
    if not chosen:
        return []
    nearest = min(depth for depth, _ in chosen)
    return [Pairing(near, other, "breaks_down", other.kind == "report") for depth, other in chosen if depth == nearest]


@functools.cache
def _unit_families() -> dict[str, str]:
    return {form: entry["name"] for entry in patterns.load("units")["unit"] for form in entry["forms"]}


def unit_family(unit: str) -> str:
    return _unit_families().get(unit, unit)


def _quantities(item: dict, roles: tuple[str, ...]) -> list[tuple[int, dict]]:
    return [(index, target) for index, target in enumerate(item.get("targets", [])) if target["role"] in roles]


def _metric_score(near: dict, far: dict) -> float | None:
    """How well the near item's measured quantities find a quantity of the same kind in the far one."""
    scores = []
    for _, target in _quantities(near, ("target", "actual")):
        family = unit_family(target["unit"])
        candidates = [similarity(target["metric"], other["metric"])
                      for _, other in _quantities(far, ("target", "actual")) if unit_family(other["unit"]) == family]
        scores.append(max(candidates, default=0.0))
    return sum(scores) / len(scores) if scores else None


def item_score(near: dict, far: dict) -> tuple[float, str]:
    """The score of `near` referring to `far`, and the rule that gave it."""
    weight = settings()["title_weight"]
    # An item split in two may take its title from one of the plan's metrics (改造危旧桥梁).
    title = max([similarity(near.get("title", ""), far.get("title", ""))]
                + [similarity(near.get("title", ""), target["metric"]) for _, target in _quantities(far, ("target", "actual"))])
    metrics = _metric_score(near, far)
    blended = title if metrics is None else weight * title + (1 - weight) * metrics
    same_title = 0.95 * title  # a sub-item carries its parent's heading: the same heading is the same task
    if same_title > blended:
        return same_title, "same title"
    return blended, "title" if metrics is None else "title and metrics"


def status_of(score: float) -> str | None:
    if score >= settings()["link"]:
        return "link"
    if score >= settings()["candidate"]:
        return "candidate"
    return None


def _end(task_list: TaskList, item: dict | None, target: int | None = None) -> dict:
    end = {"source": task_list.source, "item": item["id"] if item else None}
    if target is not None:
        quantity = item["targets"][target]
        end.update({"target": target, "metric": quantity["metric"], "value": quantity["value"],
                    "unit": quantity["unit"], "role": quantity["role"]})
    elif item is not None:
        end["title"] = item.get("title", "")
    return end


def link_pairing(pairing: Pairing) -> list[dict]:
    """Item links of one pair of lists (each near item to its best far item, or unmatched), each
    followed by the target links inside it."""
    records = []
    for near_item in pairing.near.items:
        scored = [(item_score(near_item, far_item), position, far_item)
                  for position, far_item in enumerate(pairing.far.items)]
        (score, rule), _, far_item = max(scored, key=lambda entry: (entry[0][0], -entry[1]))
        status = status_of(score)
        record = {"kind": "item", "from": _end(pairing.near, near_item),
                  "to": _end(pairing.far, far_item if status else None), "relation": pairing.relation,
                  "score": round(score, 3), "rule": rule if status else "no counterpart above the candidate score",
                  "status": status or "unmatched"}
        if pairing.stand_in:
            record["rule"] += "; the plan known by its report"
        records.append(record)
        if status:
            records.extend(_target_links(pairing, near_item, far_item, status))
    return records


def _target_links(pairing: Pairing, near_item: dict, far_item: dict, item_status: str) -> list[dict]:
    """Target links inside an item link; inside a candidate item link, candidates at most."""
    if pairing.relation == "reports_on":
        pairs = _report_to_plan(near_item, far_item)
    elif pairing.stand_in:
        pairs = _plan_to_report(near_item, far_item)
    else:
        pairs = _measured_pairs(_quantities(near_item, ("target",)), _quantities(far_item, ("target",)))
    records = []
    for near_index, far_index, score, rule in pairs:
        status = status_of(score)
        if status == "link" and item_status == "candidate":
            status = "candidate"
        if status:
            records.append({"kind": "target", "from": _end(pairing.near, near_item, near_index),
                            "to": _end(pairing.far, far_item, far_index), "relation": pairing.relation,
                            "score": round(score, 3), "rule": rule, "status": status})
    return records


def _measured_pairs(near: list[tuple[int, dict]], far: list[tuple[int, dict]]) -> list[tuple[int, int, float, str]]:
    """Near quantities to far quantities of the same unit family, one to one, the most alike metrics
    first: 新生儿听力筛查率 takes 听力筛查率 even though 新生儿“两病”筛查率 is alike too."""
    scored = sorted(((similarity(target["metric"], other["metric"]), -near_index, -far_index)
                     for near_index, target in near for far_index, other in far
                     if unit_family(target["unit"]) == unit_family(other["unit"])), reverse=True)
    pairs, taken_near, taken_far = [], set(), set()
    for score, near_negative, far_negative in scored:
        near_index, far_index = -near_negative, -far_negative
        if near_index not in taken_near and far_index not in taken_far:
            taken_near.add(near_index)
            taken_far.add(far_index)
            pairs.append((near_index, far_index, score, "same unit family, alike metric"))
    return sorted(pairs)


def _report_to_plan(report: dict, plan: dict) -> list[tuple[int, int, float, str]]:
    """An actual to the plan's target it reports; a completion to the target of the actual it is a
    share of (the same metric), else to the target with the most alike metric."""
    actuals = _measured_pairs(_quantities(report, ("actual",)), _quantities(plan, ("target",)))
    by_metric = {report["targets"][near]["metric"]: (far, score) for near, far, score, _ in actuals}
    pairs = list(actuals)
    for index, completion in _quantities(report, ("completion",)):
        if completion["metric"] in by_metric:
            far, score = by_metric[completion["metric"]]
            pairs.append((index, far, score, "completion of the linked actual"))
            continue
        scored = [(similarity(completion["metric"], target["metric"]), -far, far)
                  for far, target in _quantities(plan, ("target",))]
        if scored:
            score, _, far = max(scored)
            pairs.append((index, far, score, "completion, alike metric"))
    return sorted(pairs)


def _plan_to_report(plan: dict, report: dict) -> list[tuple[int, int, float, str]]:
    """A target to the report's actual of the same kind and the completion reported for it."""
    actuals = _measured_pairs(_quantities(plan, ("target",)), _quantities(report, ("actual",)))
    pairs = []
    for near, far, score, rule in actuals:
        pairs.append((near, far, score, rule))
        metric = report["targets"][far]["metric"]
        same_metric = [index for index, target in _quantities(report, ("actual",)) if target["metric"] == metric]
        completions = [index for index, target in _quantities(report, ("completion",)) if target["metric"] == metric]
        rank = same_metric.index(far)
        if rank < len(completions):
            pairs.append((near, completions[rank], score, "completion reported for the linked actual"))
    return pairs
