"""The links for people: per plan task, each region's breakdown beside the plan's figure and how much
of it the regions cover; per target, the latest reported actual and completion and whether it is on
track for the share of the year gone. An XLSX workbook (a sheet per view, with a chart) or one
self-contained HTML page with the same tables and the charts drawn in SVG."""

from __future__ import annotations

import datetime
import html


# Units counted the same when regions' figures are added up (名 and 人 are both people).
_SAME_UNIT = {"名": "人", "位": "人"}


def _unit(unit: str) -> str:
    return _SAME_UNIT.get(unit, unit)


def _index(documents: list[dict]) -> dict[str, dict]:
    return {document["source"]["name"]: document for document in documents}


def _target(documents: dict[str, dict], end: dict) -> dict:
    item = next(item for item in documents[end["source"]]["items"] if item["id"] == end["item"])
    return item["targets"][end["target"]]


def _title(documents: dict[str, dict], end: dict) -> str:
    return next(item.get("title", "") for item in documents[end["source"]]["items"] if item["id"] == end["item"])


def _region(documents: dict[str, dict], source: str) -> str:
    return documents[source]["document"].get("region") or source


def coverage_rows(documents: list[dict], links: list[dict]) -> tuple[list[str], list[dict]]:
    """(regions, rows): one row per plan quantity that regions break down, each region's figure (the
    sum of its linked targets, an item split in two adding up), their sum and its share of the plan."""
    by_name = _index(documents)
    grouped: dict[tuple, dict[str, list[dict]]] = {}
    for link in links:
        if link["kind"] == "target" and link["relation"] == "breaks_down" and link["status"] == "link":
            to = link["to"]
            if _target(by_name, to)["role"] == "completion":
                continue
            key = (to["source"], to["item"], to["target"])
            region = _region(by_name, link["from"]["source"])
            grouped.setdefault(key, {}).setdefault(region, []).append(_target(by_name, link["from"]))
    regions = sorted({region for breakdown in grouped.values() for region in breakdown})
    rows = []
    for (source, item_id, index), breakdown in grouped.items():
        planned = _target(by_name, {"source": source, "item": item_id, "target": index})
        figures = {}
        for region, targets in breakdown.items():
            units = {_unit(target["unit"]) for target in targets}
            if len(units) == 1 and ("%" not in units or len(targets) == 1):
                figures[region] = sum(target["value"] for target in targets)  # a rate is shown, never added
            else:
                figures[region] = None
        comparable = all(_unit(target["unit"]) == _unit(planned["unit"]) for targets in breakdown.values()
                         for target in targets) and planned["unit"] != "%"
        total = sum(value for value in figures.values() if value is not None) if comparable else None  # no rate is summed
        is_plan = planned["role"] == "target"
        rows.append({
            "plan": source, "region": _region(by_name, source), "item": item_id,
            "task": _title(by_name, {"source": source, "item": item_id}), "metric": planned["metric"],
            "unit": planned["unit"], "planned": planned["value"] if is_plan else None,
            "reported": None if is_plan else planned["value"], "figures": figures, "sum": total,
            "coverage": round(100 * total / planned["value"], 1) if total is not None and is_plan and planned["value"] else None,
        })
    return regions, rows


def _elapsed(date: str | None, year: int | None) -> float | None:
    """Share of the plan year gone at the report's date."""
    if not date or not year:
        return None
    day = datetime.date.fromisoformat(date)
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    return min(1.0, max(0.0, (day - start).days / (end - start).days))


def progress_rows(documents: list[dict], links: list[dict]) -> list[dict]:
    """One row per plan target that a report reports on: its latest actual and completion (as reported,
    else actual / target), the report's date, and done / on track / behind."""
    by_name = _index(documents)
    reported: dict[tuple, dict[str, dict]] = {}
    for link in links:
        if link["kind"] == "target" and link["relation"] == "reports_on" and link["status"] == "link":
            to = link["to"]
            report = link["from"]["source"]
            entry = reported.setdefault((to["source"], to["item"], to["target"]), {}).setdefault(report, {})
            quantity = _target(by_name, link["from"])
            entry.setdefault(quantity["role"], quantity)
    rows = []
    for (source, item_id, index), reports in reported.items():
        planned = _target(by_name, {"source": source, "item": item_id, "target": index})
        year = next((section["year"] for section in by_name[source].get("sections", [])), by_name[source]["document"].get("year"))

        def when(report: str) -> str:
            return by_name[report]["document"].get("date") or f"{year}-12-31"

        latest = max(reports, key=when)
        actual, completion = reports[latest].get("actual"), reports[latest].get("completion")
        share = completion["value"] if completion else None
        if share is None and actual and _unit(actual["unit"]) == _unit(planned["unit"]) and planned["value"]:
            share = round(100 * actual["value"] / planned["value"], 1)
        date = by_name[latest]["document"].get("date")
        elapsed = _elapsed(date, year)
        if share is not None and share >= 100:
            status = "done"
        elif share is None or elapsed is None:
            status = "unknown"
        else:
            status = "on track" if share >= 100 * elapsed else "behind"
        rows.append({"plan": source, "region": _region(by_name, source), "item": item_id,
                     "task": _title(by_name, {"source": source, "item": item_id}), "metric": planned["metric"],
                     "unit": planned["unit"], "planned": planned["value"], "report": latest,
                     "actual": actual["value"] if actual else None, "completion": share, "date": date,
                     "year_elapsed": round(100 * elapsed, 1) if elapsed is not None else None, "status": status})
    return rows


def unmatched_rows(links: list[dict]) -> list[dict]:
    return [{"source": link["from"]["source"], "item": link["from"]["item"], "title": link["from"].get("title", ""),
             "against": link["to"]["source"], "status": link["status"], "nearest": link["to"].get("title", "") if link["status"] == "candidate" else "",
             "score": link["score"]}
            for link in links if link["kind"] == "item" and link["status"] != "link"]


_COVERAGE_HEAD = ["计划 plan", "地区 region", "事项 item", "任务 task", "指标 metric", "单位 unit", "计划数 planned", "报告数 reported"]
_PROGRESS_HEAD = ["计划 plan", "地区 region", "事项 item", "任务 task", "指标 metric", "单位 unit", "目标 target",
                  "实际 actual", "完成率 % completion", "报告 report", "日期 date", "时间进度 % year gone", "状态 status"]
_UNMATCHED_HEAD = ["文件 source", "事项 item", "标题 title", "对照 against", "状态 status", "最近 nearest", "得分 score"]


def _tables(documents: list[dict], links: list[dict]) -> list[tuple[str, list[str], list[list]]]:
    regions, coverage = coverage_rows(documents, links)
    coverage_table = [[row["plan"], row["region"], row["item"], row["task"], row["metric"], row["unit"], row["planned"],
                       row["reported"], *[row["figures"].get(region) for region in regions], row["sum"], row["coverage"]]
                      for row in coverage]
    progress_table = [[row[key] for key in ("plan", "region", "item", "task", "metric", "unit", "planned", "actual",
                                            "completion", "report", "date", "year_elapsed", "status")]
                      for row in progress_rows(documents, links)]
    unmatched_table = [[row[key] for key in ("source", "item", "title", "against", "status", "nearest", "score")]
                       for row in unmatched_rows(links)]
    return [("coverage", _COVERAGE_HEAD + regions + ["合计 sum", "覆盖率 % coverage"], coverage_table),
            ("progress", _PROGRESS_HEAD, progress_table),
            ("unmatched", _UNMATCHED_HEAD, unmatched_table)]


def report_bytes(documents: list[dict], links: list[dict], suffix: str) -> bytes:
    """The report as an XLSX workbook (suffix .xlsx) or an HTML page (any other)."""
    tables = _tables(documents, links)
    if suffix.lower() == ".xlsx":
        return _workbook(tables)
    return _page(tables).encode("utf-8")


def _workbook(tables) -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    book.remove(book.active)
    for name, head, rows in tables:
        sheet = book.create_sheet(name)
        sheet.append(head)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
        value_column = {"coverage": len(head), "progress": 9}.get(name)
        if value_column and rows:
            chart = BarChart()
            chart.type = "bar"
            chart.title = "覆盖率 coverage %" if name == "coverage" else "完成率 completion %"
            chart.add_data(Reference(sheet, min_col=value_column, min_row=1, max_row=len(rows) + 1), titles_from_data=True)
            chart.set_categories(Reference(sheet, min_col=5, min_row=2, max_row=len(rows) + 1))
            chart.height, chart.width = max(7.5, 0.6 * len(rows)), 18
            sheet.add_chart(chart, f"{chr(ord('A') + min(len(head) + 1, 25))}2")
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return html.escape(str(value))


def _bars(rows: list[list], label: int, value: int, status: int | None = None) -> str:
    """A horizontal bar per row, 100% marked: a person sees at once which task falls short."""
    shown = [(row[label], row[value], row[status] if status is not None else None) for row in rows if row[value] is not None]
    if not shown:
        return ""
    scale = max(150.0, max(value for _, value, _ in shown))
    height, width, left = 22, 420, 260
    colour = {"done": "#2e7d32", "on track": "#1565c0", "behind": "#c62828"}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 80}" height="{height * len(shown) + 10}" role="img">']
    for number, (name, amount, state) in enumerate(shown):
        y = 5 + number * height
        length = width * amount / scale
        parts.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" font-size="12">{_cell(name)}</text>'
                     f'<rect x="{left}" y="{y + 3}" width="{length:.1f}" height="{height - 8}" fill="{colour.get(state, "#546e7a")}"/>'
                     f'<text x="{left + length + 4:.1f}" y="{y + 15}" font-size="12">{amount:g}%</text>')
    mark = left + width * 100 / scale
    parts.append(f'<line x1="{mark:.1f}" y1="0" x2="{mark:.1f}" y2="{height * len(shown) + 10}" stroke="#000" stroke-dasharray="4 3"/></svg>')
    return "".join(parts)


def _page(tables) -> str:
    titles = {"coverage": "各地分解与计划 Breakdowns against the plan",
              "progress": "进度与目标 Progress against the target",
              "unmatched": "未对应的事项 Items without a counterpart"}
    sections = []
    for name, head, rows in tables:
        chart = ""
        if name == "coverage":
            chart = _bars(rows, 4, len(head) - 1)
        elif name == "progress":
            chart = _bars(rows, 4, 8, 12)
        body = "".join("<tr>" + "".join(f"<td>{_cell(value)}</td>" for value in row) + "</tr>" for row in rows)
        sections.append(f'<section id="{name}"><h2>{titles[name]}</h2>{chart}<table><thead><tr>'
                        + "".join(f"<th>{html.escape(column)}</th>" for column in head)
                        + f"</tr></thead><tbody>{body}</tbody></table></section>")
    style = ("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
             "td,th{border:1px solid #ccc;padding:3px 6px;font-size:13px}th{background:#eee}svg{display:block}")
    return ("<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>notice-extract links</title>"
            f"<style>{style}</style></head><body><h1>目标对照 Targets across notices</h1>{''.join(sections)}</body></html>\n")
