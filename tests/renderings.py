"""Renderings of a notice in the layouts websites and copies serve it in: a PDF copy broken at the
page width, one paragraph with its line breaks lost, a web page with its debris, traditional
characters, a table as pipe rows or one cell per line. Used by the invariance tests and by
scripts/eval_renderings.py, which scores the extraction of every rendering of the corpus.
"""

from __future__ import annotations

import re

import opencc


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"\t| {2,}|[|｜]", line.strip()) if cell.strip()]


def _table_header(text: str) -> str | None:
    return next((line.strip() for line in text.splitlines() if line.strip().startswith("序号")), None)


def is_table_notice(text: str) -> bool:
    """A notice holding a table (with its header, or a fragment of rows of three cells or more)."""
    return _table_header(text) is not None or sum(1 for line in text.splitlines() if len(_cells(line)) >= 3) >= 2


def has_cell_borders(text: str) -> bool:
    """A table one cell per line or with borders between cells; not one glued together."""
    header = _table_header(text) or ""
    return header.rstrip("|") == "序号" or len(_cells(header)) >= 3


def _width(text: str) -> float:
    return sum(0.5 if character.isascii() else 1.0 for character in text)


def hard_wrap(text: str, width: int, lines_per_page: int = 22) -> str:
    """Break every paragraph at `width` display columns and put `— n —` between pages."""
    lines = []
    for paragraph in (line.strip() for line in text.splitlines()):
        if not paragraph:
            continue
        current = ""
        for character in paragraph:
            if _width(current + character) > width:
                lines.append(current)
                current = ""
            current += character
        lines.append(current)
    pages = []
    for start in range(0, len(lines), lines_per_page):
        pages.append("\n".join(lines[start:start + lines_per_page]))
    return "\n\n— {} —\n\n".join(pages).format(*range(1, len(pages))) + "\n"


def one_paragraph(text: str) -> str:
    """A page saved without its line breaks: every line joined to the next by a space."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"


def web_page(text: str) -> str:
    """The notice as a government site serves it, debris around it."""
    head = ("您的浏览器版本过低，请升级浏览器或使用IE9以上版本浏览本网站\n"
            "首页 > 政务公开 > 政府信息公开 > 政府文件\n"
            "无障碍 | 长者模式 | 繁体 | English\n"
            "索引号 | 000014349/2024-00031 | 主题分类 | 民生保障\n"
            "发布机构 | 区政府办 | 发布日期 | 2024-04-02\n"
            "【字体：大 中 小】【打印】【关闭】\n")
    foot = ("\n分享到：微信 微博 QQ空间\n"
            "上一篇：关于做好春季森林防火工作的通知\n"
            "下一篇：关于印发政务公开工作要点的通知\n"
            "网站标识码：1234567890 京ICP备12345678号 京公网安备 11010502000123号\n"
            "版权所有：某某区人民政府 技术支持：某某科技有限公司\n")
    return head + text + foot


_TO_TRADITIONAL = opencc.OpenCC("s2t.json")


def traditional(text: str) -> str:
    """A mirror site's copy in traditional characters."""
    return _TO_TRADITIONAL.convert(text)


def _table_rows(text: str) -> list[list[str] | str]:
    """The lines of a notice, table rows as lists of cells (a table one cell per line regrouped
    into rows by its 序号 numbers), other lines as they are."""
    lines = [line.rstrip() for line in text.splitlines()]
    result: list[list[str] | str] = []
    index = 0
    while index < len(lines):
        line = lines[index].strip().rstrip("|").strip()
        if line == "序号":  # one cell per line: header cells until the first row number
            header = []
            while index < len(lines) and not lines[index].strip().rstrip("|").strip().isdigit():
                header.append(lines[index].strip().rstrip("|").strip())
                index += 1
            result.append(header)
            row: list[str] = []
            while index < len(lines) and lines[index].strip():
                cell = lines[index].strip().rstrip("|").strip()
                if cell.isdigit() and (not row or int(cell) == int(row[0]) + 1):
                    if row:
                        result.append(row)
                    row = []
                row.append(cell)
                index += 1
            if row:
                result.append(row)
            continue
        cells = _cells(lines[index])
        result.append(cells if len(cells) >= 2 else lines[index])
        index += 1
    return result


def pipe_rows(text: str) -> str:
    """Every table row on one line, cells between pipes."""
    return "\n".join(" | ".join(row) + " |" if isinstance(row, list) else row for row in _table_rows(text)) + "\n"


def cell_per_line(text: str) -> str:
    """Every table cell on its own line, ending with a pipe."""
    return "\n".join("\n".join(f"{cell}|" for cell in row) if isinstance(row, list) else row
                     for row in _table_rows(text)) + "\n"


def single_space_rows(text: str) -> str:
    """Every table row on one line, one space between its cells (a web table copied as text)."""
    return "\n".join(" ".join(cell.replace(" ", "") for cell in row) if isinstance(row, list) else row
                     for row in _table_rows(text)) + "\n"


def without_spaces(text: str) -> str:
    """A page copied without its spaces (some sites strip them; OCR drops them inside a line):
    `1 开展…` becomes `1开展…`, `… 2.新增…` becomes `…2.新增…`. Line breaks stay."""
    return "\n".join(re.sub(r"[ \u3000]+", "", line) for line in text.splitlines()) + "\n"


def glued_paragraph(text: str) -> str:
    """A scraper's text of an article that joins its paragraphs with nothing at all: no line
    breaks, no spaces. It loses where a heading ends and its text begins, so it is scored, not
    compared."""
    return "".join(re.sub(r"[ \u3000]+", "", line.strip()) for line in text.splitlines() if line.strip()) + "\n"


RENDERINGS = {"one_paragraph": one_paragraph, "web_page": web_page, "traditional": traditional,
              "without_spaces": without_spaces, "glued_paragraph": glued_paragraph}
TABLE_RENDERINGS = {"pipe_rows": pipe_rows, "cell_per_line": cell_per_line, "single_space_rows": single_space_rows}
