"""Tables for people and systems: one row per target, as CSV (UTF-8 with BOM, for Excel) or as
an XLSX work ledger (台账) with monthly progress columns."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..base.files import write_atomically
from ..base.model import ROLE_NAMES, target_rows

# (key, CSV header for systems, XLSX header for people, XLSX column width)
COLUMNS = [
    ("source", "source_file", "来源文件", 24),
    ("title", "document_title", "文件标题", 40),
    ("region", "region", "地区", 10),
    ("year", "year", "年度", 7),
    ("item_id", "item_id", "序号", 7),
    ("item_title", "item_title", "任务", 28),
    ("metric", "metric", "指标", 30),
    ("value", "value", "目标值", 12),
    ("value_max", "value_max", "上限", 9),
    ("unit", "unit", "单位", 8),
    ("comparator", "comparator", "比较", 7),
    ("role", "role", "类型", 10),
    ("lead_unit", "lead_unit", "牵头单位", 20),
    ("responsible_units", "responsible_units", "责任单位", 36),
    ("raw", "raw_text", "原文", 20),
]
PROGRESS_COLUMNS = [f"{month}月" for month in range(1, 13)] + ["完成情况"]


def load_documents(folder: Path) -> list[dict]:
    """Every contract JSON under a batch output folder, in path order."""
    documents = []
    for path in sorted(folder.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if isinstance(data, dict) and data.get("schema_version") and "items" in data:
            data.setdefault("source", {})["path"] = str(path.relative_to(folder))
            documents.append(data)
    return documents


def csv_text(documents: list[dict]) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([system for _, system, _, _ in COLUMNS])
    for document in documents:
        for row in target_rows(document):
            writer.writerow([row[key] for key, _, _, _ in COLUMNS])
    return "\ufeff" + stream.getvalue()


def write_csv(documents: list[dict], target: Path) -> None:
    write_atomically(target, csv_text(documents).encode("utf-8"))


def write_xlsx(documents: list[dict], target: Path, sheet_per_document: bool = False) -> None:
    """The ledger: a 目标任务 sheet of all targets (and, on request, one sheet per document),
    streamed in openpyxl's write-only mode so that thousands of documents stay cheap. Every text
    cell is a string, never a formula (=, +, -, @ open no formula); amounts are numbers shown in
    full (1700亿元 as 170000000000, not 1.7E+11)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    headers = [person for _, _, person, _ in COLUMNS] + PROGRESS_COLUMNS
    widths = [width for _, _, _, width in COLUMNS] + [8] * 12 + [16]

    def fill(title: str, rows: list[dict]) -> None:
        sheet = workbook.create_sheet(title)
        for number, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(number)].width = width
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
        sheet.append([_header_cell(sheet, header) for header in headers])
        for row in rows:
            values = [ROLE_NAMES.get(row[key], row[key]) if key == "role" else row[key] for key, _, _, _ in COLUMNS]
            sheet.append([_cell(sheet, value) for value in values] + [None] * len(PROGRESS_COLUMNS))

    fill("目标任务", [row for document in documents for row in target_rows(document)])
    if sheet_per_document:
        used = {"目标任务"}
        for document in documents:
            fill(_sheet_name(Path(document.get("source", {}).get("name", "notice")).stem, used),
                 target_rows(document))
    stream = io.BytesIO()
    workbook.save(stream)
    write_atomically(target, stream.getvalue())


def _header_cell(sheet, value: str):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor="DDEBF7")
    cell.alignment = Alignment(horizontal="center", vertical="center")
    return cell


def _cell(sheet, value):
    """A text cell as a string whatever it starts with; a number in full."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.number_format = "0" if float(value).is_integer() else "0.0#########"
    return cell


def _sheet_name(stem: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, no apostrophe at either end, not
    the reserved History, unique regardless of case."""
    base = "".join("_" if character in "[]:*?/\\" else character for character in stem).strip("'")[:28]
    if not base or base.lower() == "history":
        base = f"{base or 'notice'}_"
    taken = {name.lower() for name in used}
    name, number = base, 2
    while name.lower() in taken:
        name = f"{base[:26]}~{number}"
        number += 1
    used.add(name)
    return name


def write_table(documents: list[dict], target: Path, sheet_per_document: bool = False) -> None:
    if target.suffix.lower() == ".xlsx":
        write_xlsx(documents, target, sheet_per_document)
    else:
        write_csv(documents, target)
