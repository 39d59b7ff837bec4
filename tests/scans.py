"""Scans of notices made the way offices make them: a corpus notice set as a PDF (its tables with
rules, or as columns without them), rendered at a scanner's resolution and spoilt by several
things at once (a slight turn, blur, JPEG, specks, a red seal over text or over a rule, a photo's
perspective and uneven light), with scripts/make_format_corpus.py and scripts/make_scanned_corpus.py.
Nothing is kept on disk: each scan is made from a seed, the same every run. Used by
tests/test_scan_invariance.py and scripts/eval_scans.py.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import random
import re
import tempfile
from pathlib import Path

from extractor.read import read_file

from .renderings import _table_rows, is_table_notice

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "001_42ff27236c2e870f.txt"
ISSUER_SEAL = "开封市人民政府办公室"


@functools.cache
def script(name: str):
    """A module of scripts/, which are no package."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _set(target_name: str, lines: list, ruled: bool = True, **table) -> bytes:
    formats = script("make_format_corpus")
    with tempfile.TemporaryDirectory(prefix="notice-extract-scans-") as folder:
        target = Path(folder) / f"{target_name}.pdf"
        formats._pdf(target, lines, formats._truetype_font(), ruled=ruled, **table)
        return target.read_bytes()


def notice_pdf(path: Path, ruled: bool = True) -> bytes:
    """A text notice set as a PDF; its table rows (pipes, tabs, one cell per line) as one table,
    with rules or, ruled=False, as columns without them."""
    text = read_file(path).text
    if not is_table_notice(text):
        return _set(path.name, [line.strip().replace("\t", " ") for line in text.splitlines() if line.strip()])
    lines: list = []
    for row in _table_rows(text):
        if isinstance(row, str) and "|" in row and lines and isinstance(lines[-1], list):
            row = _pipe_cells(row)  # a section row or a row's continuation: its empty cells kept
        if isinstance(row, list):
            if lines and isinstance(lines[-1], list):
                lines[-1].append(row)
            else:
                lines.append([row])
        elif row.strip():
            lines.append(row.strip())
    for index, line in enumerate(lines):
        if isinstance(line, list):
            width = max(len(row) for row in line)
            lines[index] = [row + [""] * (width - len(row)) for row in line]
    return _set(path.name, lines, ruled)


def _pipe_cells(line: str) -> list[str]:
    """A pipe row's cells, the empty ones too (`一、教育文化 | | | | |`, `| | | | 各街道办事处 |`)."""
    line = line.strip()
    return [cell.strip() for cell in line.removesuffix("|").split("|")]


def seed_table_rows() -> list[list[str]]:
    """Seed 001's attachment as the task table it is printed as: 序号 | 项目 | 任务 | 责任单位, a row
    for each task (the three tasks under 三、 are rows 3, 4 and 5, each naming its project)."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    start = [index for index, line in enumerate(lines) if line == "附件"][0] + 2
    rows: list[list[str]] = []
    project = None
    for line in lines[start:lines.index("主办：市政府督查局")]:
        section = re.match(r"^[一二三四五六七八九十]+、(.*)$", line)
        task = re.match(r"^\d+\.\s*(.*)$", line)
        if section:
            project = section.group(1)
        elif line.startswith("责任单位："):
            rows[-1][3] = line.removeprefix("责任单位：")
        elif task or not rows or rows[-1][1] != project or rows[-1][3]:
            rows.append([str(len(rows) + 1), project, task.group(1) if task else line, ""])
        else:
            rows[-1][2] += line  # a task's sentence broken over two lines in the copy
    return [["序号", "项目", "任务", "责任单位"]] + rows


def seed_table_pdf() -> bytes:
    """The attachment of seed 001 (its heading and its task table over two pages), ruled."""
    rows = seed_table_rows()
    return _set("seed-table", ["附件", "2024年河南省重点民生实事工作方案 确定事项分解意见"], table=(rows[0], rows[1:]),
                table_after="2024年河南省重点民生实事工作方案 确定事项分解意见", widths=(12, 34, 78, 32),
                space_before_table=10)


def word_centre(pdf: bytes, page: int, word: str) -> tuple[float, float]:
    """Where a word stands on a page of the PDF, as shares of the page's width and height."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        sheet = document.pages[page]
        found = next(found for found in sheet.extract_words() if found["text"].startswith(word))
        return (found["x0"] + found["x1"]) / 2 / sheet.width, (found["top"] + found["bottom"]) / 2 / sheet.height


def rule_point(pdf: bytes, page: int) -> tuple[float, float] | None:
    """A point on a table's rule on the page (a third along its first long horizontal rule), or None."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        sheet = document.pages[page]
        rules = [edge for edge in sheet.edges if edge["orientation"] == "h" and edge["x1"] - edge["x0"] > sheet.width / 3]
        if not rules:
            return None
        rule = rules[len(rules) // 2]
        return (rule["x0"] + (rule["x1"] - rule["x0"]) / 3) / sheet.width, rule["top"] / sheet.height


def scanned(pdf: bytes, dpi: int, how: dict, seed: int) -> bytes:
    """The PDF printed and scanned: each page an image at `dpi`, spoilt as `how` says (the seal
    only on the first page), saved as an image-only PDF."""
    scans = script("make_scanned_corpus")
    pages = [scans.spoilt(page, how if number == 0 else {key: value for key, value in how.items() if not key.startswith("seal")},
                          seed + number)
             for number, page in enumerate(scans.rendered_pages(pdf, dpi))]
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return buffer.getvalue()


# Each spoiling alone, as the corpus scans have them (tests/test_ocr.py), and at the limits the
# combinations below draw from.
SPOILINGS = {
    "rotation": (200, {"rotate": 1.5}),
    "low_dpi": (150, {}),
    "high_dpi": (300, {}),
    "jpeg": (200, {"jpeg": 50}),
    "blur": (200, {"blur": 0.8}),
    "specks": (200, {"speckle": 0.002}),
    "seal_over_text": (200, {"seal": ISSUER_SEAL}),
    "seal_over_rule": (200, {"seal": ISSUER_SEAL, "over_rule": True}),
    "photo": (200, {"perspective": 0.035, "shade": True}),
}


def combination(seed: int) -> tuple[int, dict]:
    """A scan spoilt every way at once, drawn from `seed`: a turn up to ±1.5°, 150, 200 or 300
    dpi, JPEG quality 50–90, blur, specks, a red seal over the text or over a rule, and one time
    in four a photo (perspective, uneven light) instead of a scanner's straight page."""
    draw = random.Random(seed)
    dpi = draw.choice((150, 200, 200, 300))
    how: dict = {"jpeg": draw.randint(50, 90), "blur": round(draw.uniform(0.3, 0.9), 2),
                 "seal": ISSUER_SEAL, "over_rule": draw.random() < 0.5}
    if draw.random() < 0.5:
        how["speckle"] = 0.002
    if draw.random() < 0.25:
        how["perspective"], how["shade"] = round(draw.uniform(0.02, 0.04), 3), True
    else:
        how["rotate"] = round(draw.uniform(-1.5, 1.5), 2)
    return dpi, how


def spoilt_scan(pdf: bytes, dpi: int, how: dict, seed: int) -> bytes:
    """The scan of the PDF spoilt as `how` says; a seal `over_rule` sits on a table's rule of the
    first page where it has one (else over the text, where the scanner scripts put it)."""
    how = dict(how)
    if how.pop("over_rule", False):
        point = rule_point(pdf, 0)
        if point is not None:
            how["seal_at"] = point
    return scanned(pdf, dpi, how, seed)
