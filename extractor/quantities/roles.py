"""What each quantity is (part of the quantities stage): target, actual or completion share.

A plan commits (target) and a report tells what was done (actual); a document may hold both,
a report of last year's results followed by this year's plan. So each task list gets a tense
from its own words, and a clause that says otherwise (同比, 截至, 累计 / 将, 计划, 目标) wins.
"""

from __future__ import annotations

import functools


from ..base import patterns

_CLAUSE_BREAK = "，。；：！？\n"
_SENTENCE_BREAK = "。；！？\n"
_YEAR = patterns.compiled(r"(20\d{2})年")


@functools.cache
def _compiled() -> dict:
    data = patterns.load("roles")
    return {
        "completion": patterns.compiled(rf"(?:{'|'.join(data['completion_before'])})$"),
        # 完成年度目标任务的147.02%: the 目标 of a share reported is no plan (the share's number
        # is part of it: 已完成 alone is a word of what was done).
        "share_phrase": patterns.compiled(rf"(?:{'|'.join(data['completion_before'])})(?:约|近|超过?|逾)?[\d.]+%"),
        "actual": patterns.compiled(
            rf"(?!{data['comparison_not_tense']})(?:{patterns.alternation(data['actual_markers'])})"),
        "target": _target_markers(data["target_markers"]),
        "target_in_progress": _target_markers(
            [word for word in data["target_markers"] if word not in data["period_markers"]]),
        "baseline": patterns.compiled(data["baseline_phrase"]),
        "plan_floor": patterns.compiled(data["plan_floor"]),
        "plan_floor_clause": patterns.compiled(data["plan_floor_clause"]),
        "firm_target": patterns.compiled(patterns.alternation(data["firm_target_markers"])),
        "plan_note_inside": patterns.compiled(rf"{data['plan_note_open']}[^（）()]{{0,8}}$"),
        "plan_note_after": patterns.compiled(data["plan_note_after"]),
        "rate_to_reach": patterns.compiled(data["rate_to_reach"]),
        "target_met": patterns.compiled(data["target_met"]["regex"]),
        "vow_before": patterns.compiled(data["target_met"]["vow_before"]),
        "completion_after": patterns.compiled(data["completion_after"]["regex"]),
        "plan_note": patterns.compiled(rf"{data['plan_note_open']}[^（）()]{{0,16}}[）)]"),
    }


def _target_markers(words: list[str]):
    """The plan's words, not where 争取 obtained funds nor where 预计 names the span it forecasts."""
    return patterns.compiled(
        rf"(?!{patterns.load('roles')['obtained_not_plan']})(?<!预计)(?:{patterns.alternation(words)})")


def is_completion(text: str, start: int, unit: str, previous_was_completion: bool, previous_end: int,
                  end: int | None = None) -> bool:
    """完成年度目标任务的181.57%, 完成率不低于95%, and the 181.87% listed after it with 、; with the
    quantity's `end`, also 14%的项目已建成. `start` is where the quantity's raw text starts (its
    qualifier included)."""
    if unit != "%":
        return False
    before = text[max(0, start - 24):start]
    if _compiled()["completion"].search(before):
        return True
    if end is not None and _compiled()["completion_after"].match(text, end, end + 40):
        return True
    return previous_was_completion and text[previous_end:start] in ("、", "和", "，")


def list_tense(item_texts: list[str], title: str | None = None) -> str:
    """`actual` for a list that reports (a third of its items tell results; most of them under a
    title that names a plan and no report), else `target`. An item saying its target was met
    (…，完成目标任务) reports, though it names the 目标."""
    compiled = _compiled()
    # Under a title naming a report (…完成情况), an item may restate its plan beside what was done
    # (计划投资2925.7万元…完成项目投资2925.7万元): a word of what was done makes it a report's item.
    names_report = any(word in (title or "") for word in patterns.load("roles")["report_title_words"])
    reporting = sum(
        1 for text in item_texts
        if _has_completion(text) or says_target_met(text)
        or (compiled["actual"].search(text) and (names_report or not compiled["target"].search(text)))
    )
    if _names_a_plan(title or ""):
        return "actual" if reporting * 2 > len(item_texts) else "target"
    return "actual" if reporting and reporting * 3 >= len(item_texts) else "target"


def says_target_met(text: str) -> bool:
    """建成农村公路900公里，完成目标任务: the task was done as planned (确保完成目标任务 is a vow)."""
    compiled = _compiled()
    return any(not compiled["vow_before"].search(text[max(0, match.start() - 4):match.start()])
               for match in compiled["target_met"].finditer(text))


def says_done(heading: str) -> bool:
    """一、当年完成的97件实事, 2024年民生实事完成情况: a group heading that says its items were done."""
    return patterns.compiled(patterns.load("roles")["done_heading"]["regex"]).search(heading) is not None


def says_all_done(title: str, lede: str) -> bool:
    """Completion news: the headline or the lede right above the list says the list was done
    (patterns/roles.toml done_news), and no plan's word follows it in the lede."""
    data = patterns.load("roles")["done_news"]
    done, vow = patterns.compiled(data["regex"]), patterns.compiled(data["vow_before"])
    compiled = _compiled()

    def done_at(text: str) -> int:
        ends = [match.end() for match in done.finditer(text)
                if not vow.search(_clause_before(text, match.start(), _CLAUSE_BREAK))]
        return max(ends, default=-1)

    if done_at(title) >= 0:
        return True
    said = done_at(lede)
    return said >= 0 and not compiled["target"].search(lede, said)


def is_reached_by_next(between: str) -> bool:
    """The text between a figure and the next of its unit says that one was done against it
    (…安保工程，现已完成 | 344公里)."""
    return patterns.search(patterns.load("roles")["reached"]["done_before_next"], between) is not None \
        and "其中" not in between  # …3.2万人，其中已安置…1000人: a part of it, not what reached it


def is_under_way(before: str) -> bool:
    """The words before a bracketed share say the work is under way (…工程正在施工中（93%）)."""
    return patterns.search(patterns.load("roles")["reached"]["under_way"], before) is not None


def marker_role(scope: str, plan_year: int | None) -> str | None:
    """target or actual as the words of `scope` alone say it (None: they say nothing)."""
    return _role_in(scope, plan_year)


def is_beaten(after: str) -> bool:
    """The words after a figure (to its sentence's end) say it was exceeded or met as set
    (…项目已超额完成, …，已完成既定目标): the figure is the target."""
    return patterns.match(patterns.load("roles")["reached"]["beaten_after"], after) is not None


def has_actual_marker(text: str) -> bool:
    """Whether a text holds a word of what was done (已, 截至, 上半年 …)."""
    return _compiled()["actual"].search(text) is not None


def heading_tense(item_texts: list[str], heading: str, plan_year: int | None) -> str | None:
    """The tense of a group of items under a heading that names a report or a plan, else None (the
    list's own tense holds): `actual` under a heading naming a year before the plan's."""
    data = patterns.load("roles")
    years = [int(year) for year in _YEAR.findall(heading)]
    if plan_year and years and max(years) < plan_year:
        return "actual"
    if any(word in heading for word in (*data["report_title_words"], *data["plan_title_words"])):
        return list_tense(item_texts, heading)
    return None


def _names_a_plan(title: str) -> bool:
    data = patterns.load("roles")
    return any(word in title for word in data["plan_title_words"]) \
        and not any(word in title for word in data["report_title_words"])


def _has_completion(text: str) -> bool:
    completion = _compiled()["completion"]
    return any(completion.search(text[max(0, m.start() - 24):m.start()])
               for m in patterns.finditer(r"\d+(?:\.\d+)?%", text))


def is_rate_to_reach(text: str, start: int) -> bool:
    """完成率100% in a plan: the rate the plan sets (`start`: where the percentage starts)."""
    return _compiled()["rate_to_reach"].search(text[max(0, start - 8):start]) is not None


def plan_note(text: str, start: int, end: int) -> str | None:
    """`inside` for a plan's figure in brackets beside what was done (新增学位9600个（计划9000个）),
    `after` for a figure marked as the target right after it (新建中小学校5所（年度目标））, else None."""
    compiled = _compiled()
    if text[end:end + 1] in ("）", ")") and compiled["plan_note_inside"].search(text[max(0, start - 16):start]):
        return "inside"
    if compiled["plan_note_after"].match(text[end:end + 12]):
        return "after"
    return None


def role_of(text: str, number_start: int, default: str, plan_year: int | None,
            in_progress_field: bool = False) -> str:
    """target or actual for one quantity, from the markers of its clause, then its sentence (a
    bracketed plan's figure, 9600个（计划9000个）, says nothing of the figures after it). In a
    progress field (完成情况：…) the year's span (全年, 今年) is no plan's word."""
    compiled = _compiled()
    clause = _clause_before(text, number_start, _CLAUSE_BREAK)
    if default == "target" and compiled["plan_floor"].search(clause):
        return "target"
    role = _role_in(clause, plan_year, in_progress_field)
    if role:
        return role
    sentence = _clause_before(text, number_start, _SENTENCE_BREAK)
    if not _role_in(sentence, plan_year, in_progress_field):
        return default  # nothing to say in it, nor once its notes and shares are taken out
    sentence = compiled["share_phrase"].sub("", compiled["plan_note"].sub("", sentence))
    if default == "target":
        sentence = compiled["plan_floor_clause"].sub("", sentence)
    return _role_in(sentence, plan_year, in_progress_field) or default


def _role_in(scope: str, plan_year: int | None, in_progress_field: bool = False) -> str | None:
    """actual for a year before the plan's, else the later of the last actual and target marker
    (a plan's baseline, 在现有…基础上, taken out)."""
    compiled = _compiled()
    if plan_year and "年" in scope:
        years = [int(year) for year in _YEAR.findall(scope)]
        if years and max(years) < plan_year:
            return "actual"
    if "基础上" in scope:
        scope = compiled["baseline"].sub("", scope)
    actual = [m.end() for m in compiled["actual"].finditer(scope)]
    target = [m.end() for m in compiled["target_in_progress" if in_progress_field else "target"].finditer(scope)]
    if actual or target:
        return "actual" if max(actual, default=-1) > max(target, default=-1) else "target"
    return None


def _clause_before(text: str, position: int, breaks: str) -> str:
    """The text from the last break before `position` up to it (a backwards scan: a long item
    with thousands of quantities must not cost a pass over the text for each)."""
    window_start = max(0, position - 300)
    window = text[window_start:position]
    return window[max(window.rfind(character) for character in breaks) + 1:]


def is_planned(text: str, number_start: int) -> bool:
    """Whether the clause before a quantity plans it (目标、计划、力争…), whatever follows."""
    return _compiled()["firm_target"].search(_clause_before(text, number_start, _CLAUSE_BREAK)) is not None
