"""A row's cells put in its table's columns by what each cell holds, where counting fails.

A copied table loses its empty cells (one cell per line, an empty 全年目标 or 分管领导 cell is
simply gone), and gains cells: several units or steps of one cell on lines of their own, and
sub-rows without a 序号 run on after the row (`“三公里”充分就业社区4个 / 4 / 4 / 100%`). Counting
cells then puts a leader's name or a progress note in the task's column. Here each cell is typed
(a unit list, a person, a bare number, a share, a measure word, a date, a check, an empty mark,
text), each type fits some column kinds better than others, and the best monotone alignment is
taken: cells in order, columns in order, a column skipped costs nothing, a column may take
several cells (units, steps, lines of text), and the alignment may start again further left
(a sub-row) at a price."""

from __future__ import annotations

import functools

from ..base import names, patterns

UNIT_KINDS = ("lead", "unit", "support")
# Columns that take more than one cell of a row: lines of text, several units, several steps.
_GROWING_KINDS = frozenset({"title", "content", "progress", "other", *UNIT_KINDS})
# Cells that may be a column's second one: lines of text, units, dates, names; a figure is a cell of its own.
_GROWING_TYPES = frozenset({"text", "units", "date", "person"})
_EXTRA_CELL = 1.0  # a second cell in one column fits a little less than the first
_SUB_ROW = 3.0  # starting again at a column left of the last: a sub-row of the row
_NO_FIT = -9.0

# How well a cell of each type fits a column of each kind (kinds not listed: the default).
_FIT: dict[str, dict[str, float]] = {
    "empty": {"title": -2, "content": 0, "person": 0, "lead": -1, "unit": -1, "support": -1, "default": 1},
    "check": {"other": 2, "default": -3},
    "share": {"completion": 3, "progress": 1, "value": 1, "content": 0, "other": -1, "default": -2},
    "number": {"value": 3, "investment": 3, "progress": 2, "content": 1.5, "other": 0, "completion": -1,
               "default": -3},
    "measure": {"measure": 3, "other": 0, "default": -2},
    "units": {"lead": 3, "unit": 3, "support": 3, "other": 1, "title": -1, "content": -1, "default": -3},
    "person": {"person": 3, "other": 0, "title": -1, "content": -1, "default": -3},
    "year": {"other": 2, "value": 1, "investment": 1, "progress": 1, "content": 0, "default": -3},
    "date": {"other": 2, "content": 0, "progress": 0, "title": -1, "default": -3},
    "text": {"title": 2, "content": 2, "progress": 2, "other": 0.5, "completion": -1, "value": -2,
             "investment": -2, "default": -3},
}


@functools.cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str], str]:
    data = patterns.load("tables")
    return frozenset(data["empty_cells"]), frozenset(data["check_cells"]), data["person_surnames"]


def cell_type(value: str) -> str:
    """What a cell holds: empty, check, share, number, measure, units, person, date or text."""
    value = value.strip().strip("。；;，,")
    empty, checks, surnames = _vocabulary()
    if not value or value in empty:
        return "empty"
    if value in checks:
        return "check"
    if patterns.fullmatch(r"[约近超]?\d+(?:\.\d+)?\s*[%％](?:以上|左右)?", value):
        return "share"
    if patterns.fullmatch(r"20[0-4]\d", value):
        return "year"  # a 建设年度 cell (2024), though it may be a count
    if patterns.fullmatch(r"[约近超]?\d+(?:\.\d+)?(?:以上|左右|余)?", value):
        return "number"
    if _is_measure(value):
        return "measure"
    if _is_unit_list(value):
        return "units"
    if patterns.fullmatch(r"\p{Han}{2,4}", value) and value[0] in surnames and not names.is_unit_name(value):
        return "person"
    if patterns.fullmatch(patterns.load("tables")["deadline"], value):
        return "date"
    return "text"


def _is_measure(value: str) -> bool:
    """A 单位 cell: 万人, 公里, 元/月/人, 万元, 个 — a measure word and nothing else."""
    from ..base import labels

    return len(value) <= 6 and not patterns.search(r"\d", value) and labels.starts_with_measure(value, False) \
        and patterns.fullmatch(r"[\p{Han}/／²㎡]+", value) is not None and not names.is_unit_name(value)


def _is_unit_list(value: str) -> bool:
    """Units, the first one a name by itself and at least half of them (各镇乡（街道） beside 发改局)."""
    if value.startswith(tuple(patterns.load("tables")["task_verbs"])):
        return False
    parts = names.split_units(value.replace(names.LEAD_MARK, ""))
    known = sum(1 for part in parts if names.is_unit_name(part))
    return bool(parts) and names.is_unit_name(parts[0]) and 2 * known >= len(parts) \
        and not patterns.search(r"[\d。]", value)


def fit(kind_of_cell: str, column_kind: str) -> float:
    table = _FIT[kind_of_cell]
    return table.get(column_kind, table["default"])


def align(kinds: list[str], values: list[str], from_right: bool = False) -> list[list[tuple[int, int]]]:
    """The best monotone alignment of cells to columns: a list of segments (the row, then its
    sub-rows), each a list of (cell index, column index). Of equally good ones, the leftmost; for
    a sub-row on a line of its own, whose merged cells are missing on its left, the rightmost."""
    side = 1 if from_right else -1
    if not values or not kinds:
        return []
    types = [cell_type(value) for value in values]
    columns = len(kinds)
    # best[c]: the best score with the current cell in column c, and how it was reached
    best = [fit(types[0], kinds[column]) for column in range(columns)]
    back: list[list[int]] = []
    for index in range(1, len(values)):
        scores, came_from = [], []
        for column in range(columns):
            gain = fit(types[index], kinds[column])
            options = []
            for previous in range(columns):
                score = best[previous] + gain
                if previous < column:
                    pass
                elif previous == column and kinds[column] in _GROWING_KINDS and types[index] in _GROWING_TYPES:
                    score -= _EXTRA_CELL
                else:
                    score -= _SUB_ROW
                # of equal ones, a column's extra cells last: 牵头 | 配合 | 配合 rather than 牵头 | 牵头 | 配合
                options.append((score, previous == column, side * previous))
            score, _, previous = max(options)
            scores.append(score)
            came_from.append(side * previous)
        best = scores
        back.append(came_from)
    column = max(range(columns), key=lambda candidate: (best[candidate], side * candidate))
    placed = [column]
    for came_from in reversed(back):
        column = came_from[column]
        placed.append(column)
    placed.reverse()
    segments: list[list[tuple[int, int]]] = [[(0, placed[0])]]
    for index in range(1, len(placed)):
        previous, column = placed[index - 1], placed[index]
        if column < previous or (column == previous and (kinds[column] not in _GROWING_KINDS
                                                         or types[index] not in _GROWING_TYPES)):
            segments.append([])
        segments[-1].append((index, column))
    return segments


def alignment_score(kinds: list[str], values: list[str], segments: list[list[tuple[int, int]]]) -> float:
    types = [cell_type(value) for value in values]
    score = -_SUB_ROW * (len(segments) - 1)
    for segment in segments:
        seen = set()
        for index, column in segment:
            score += fit(types[index], kinds[column]) - (_EXTRA_CELL if column in seen else 0)
            seen.add(column)
    return score
