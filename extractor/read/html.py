"""Reading a web page (part of stage 1): the article body without navigation, footers and
share buttons, the page's 索引号/文号/发文日期/发布机构 block kept as `key：value` lines for the
document fields, and tables as tab-separated rows."""

from __future__ import annotations

import re

from ..base import patterns

from ..base.errors import NoticeError

_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button",
         "select", "input", "svg", "canvas", "object", "embed", "template")
_NOISE = patterns.compiled(r"nav|menu|footer|foot|share|breadcrumb|crumb|banner|toolbar|sidebar|copyright|"
                       r"header|topbar|search|login|link|related|recommend|friend|bottom", re.IGNORECASE)
_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table",
           "ul", "ol", "dd", "dt", "blockquote", "pre")
_META_KEYS = patterns.compiled(r"(索引号|主题分类|发布机构|发文机关|成文日期|发文日期|发布日期|文号|发文字号|公开方式|标题|名称)\s*[：:]")
_CHARSET = patterns.compiled(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.IGNORECASE)


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower() or \
        bool(patterns.search(rb"<(html|head|body)[\s>]", head))


def decode_html(data: bytes, name: str) -> str:
    declared = _CHARSET.search(data[:4096])
    candidates = [declared.group(1).decode("ascii", "ignore").lower()] if declared else []
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        encoding = {"gb2312": "gb18030", "gbk": "gb18030"}.get(encoding, encoding)
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise NoticeError(name, "web page in an encoding that is neither its declared one, UTF-8 nor GB18030")


def html_text(data: bytes, name: str) -> str:
    from bs4 import BeautifulSoup

    page = BeautifulSoup(decode_html(data, name), "lxml")
    title = _without_site_name(page.title.get_text(strip=True)) if page.title else ""
    meta_lines = _meta_block(page)
    for tag in page.find_all(_DROP):
        tag.decompose()
    for tag in page.find_all(True):
        if tag.attrs is not None and _is_noise(tag):
            tag.decompose()
    body = _main_content(page)
    if body is None:
        raise NoticeError(name, "web page without an article body")
    text = _block_text(body)
    if len(patterns.findall(r"\p{Han}", text)) < 12:
        raise NoticeError(name, "web page without notice text in its body")
    head = [] if _META_KEYS.search(text) else meta_lines  # the block may be inside the article
    if title and title not in text and not head:
        head.insert(0, title)
    # Blocks are paragraphs already: a blank line between them keeps them apart.
    return "\n\n".join(head + [text])


def _without_site_name(title: str) -> str:
    """A page's <title> carries the site after its headline (关于…的公示_某某县人民政府, … - 某某网):
    the headline alone."""
    parts = patterns.split(r"\s*(?:_|｜|\||\s[-—–－]\s|—)\s*", title)
    return parts[0] if len(parts) > 1 and len(patterns.findall(r"\p{Han}", parts[0])) >= 6 else title


def _is_noise(tag) -> bool:
    names = " ".join([tag.get("id") or ""] + list(tag.get("class") or []))
    return bool(names) and bool(_NOISE.search(names)) and len(tag.get_text(strip=True)) < 400


def _meta_block(page) -> list[str]:
    """`索引号：…` lines of the page's metadata table, read before the page furniture is dropped."""
    lines = []
    for cell in page.find_all(string=_META_KEYS):
        container = cell.find_parent(["tr", "li", "p", "div", "dl"]) or cell.parent
        text = patterns.sub(r"\s+", " ", container.get_text(" ", strip=True))
        for match in patterns.finditer(rf"{_META_KEYS.pattern}\s*(.+?)(?=\s+{_META_KEYS.pattern}|$)", text):
            line = f"{match.group(1)}：{match.group(2).strip()}"
            if line not in lines and len(line) < 120:
                lines.append(line)
    return lines


_CANDIDATES = ("article", "div", "section", "td", "main", "body")
_HAN = patterns.compiled(r"\p{Han}")


def _main_content(page):
    """The element holding most Chinese text outside links: the article, not the portal around it.

    Counts are summed from the leaves up in one pass over the page (reversed document order puts
    every child before its parent), so a page of 100,000 nested elements costs what a flat one does."""
    from bs4 import NavigableString, Tag

    tags = [tag for tag in page.find_all(True)]
    han, length, linked, depth = {}, {}, {}, {}
    for tag in tags:  # document order: a parent before its children
        parent = tag.parent
        depth[id(tag)] = depth.get(id(parent), 0) + 1 if parent is not None else 0
    for tag in reversed(tags):
        tag_han = tag_length = tag_linked = 0
        for child in tag.contents:
            if isinstance(child, Tag):
                tag_han += han[id(child)]
                tag_length += length[id(child)]
                tag_linked += linked[id(child)]
            elif isinstance(child, NavigableString):
                text = child.strip()
                tag_han += len(_HAN.findall(text))
                tag_length += len(text)
        han[id(tag)], length[id(tag)] = tag_han, tag_length
        linked[id(tag)] = tag_length if tag.name == "a" else tag_linked
    best, best_score = None, 0.0
    for tag in tags:
        if tag.name not in _CANDIDATES or han[id(tag)] < 20:
            continue
        density = linked[id(tag)] / max(1, length[id(tag)])
        score = han[id(tag)] * (1 - density) ** 2 * (1 + 0.02 * depth[id(tag)])
        if score > best_score:
            best, best_score = tag, score
    if best is None:
        return None
    # Prefer the smallest element that holds nearly all of the best one's text.
    best_han = han[id(best)]
    for child in best.find_all(["article", "div", "section", "td"]):
        child_han = han[id(child)]
        if child_han >= 0.92 * best_han and child_han < best_han:
            best, best_han = child, child_han
    return best


def _list_label(item) -> str:
    """1. (or 一、 for a Chinese-numbered list) for an item of an ordered list."""
    import cn2an

    siblings = [sibling for sibling in item.parent.find_all("li", recursive=False)]
    start = int(item.parent.get("start", "1")) if str(item.parent.get("start", "1")).isdigit() else 1
    number = start + siblings.index(item)
    style = (item.parent.get("type", "") + " " + item.parent.get("style", "")).lower()
    if "cjk" in style or "chinese" in style:
        return cn2an.an2cn(number, "low") + "、"
    return f"{number}."


def _block_text(element) -> str:
    """Text with a line per block element and a tab between table cells."""
    from bs4 import NavigableString, Tag

    lines: list[str] = []
    current: list[str] = []

    def flush():
        line = "".join(current).strip()
        if line:
            lines.append(line)
        current.clear()

    def walk(node):
        for child in node.children:
            if isinstance(child, NavigableString):
                current.append(patterns.sub(r"[ \t\r\n]+", " ", str(child)))
            elif isinstance(child, Tag):
                if child.name == "table" and not _lays_out_page(child):
                    flush()
                    lines.extend("\t".join(cells) for cells in _table_rows(child) if any(cells))
                    continue
                if child.name in ("td", "th"):  # a cell of a table that lays out the page
                    flush()
                    walk(child)
                    flush()
                    continue
                block = child.name in _BLOCKS
                if block:
                    flush()
                if child.name == "li" and child.parent is not None and child.parent.name == "ol":
                    current.append(_list_label(child))  # the browser prints it, the text has none
                walk(child)
                if block:
                    flush()

    walk(element)
    flush()
    return "\n\n".join(lines)


_PARAGRAPHS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table")


def _lays_out_page(table) -> bool:
    """A table that places the page's parts (an old site's layout: a cell holding a table, or a
    cell holding several paragraphs of a long text or of a table of one or two columns) rather
    than a table of tasks (whose cells hold a paragraph or a few): read as blocks."""
    rows = [row.find_all(["td", "th"], recursive=False) for row in _own_rows(table)]
    narrow = all(len(cells) <= 2 for cells in rows)
    for cells in rows:
        for cell in cells:
            if cell.find("table") is not None:
                return True
            if len(cell.find_all(_PARAGRAPHS)) >= 3 and (narrow or len(cell.get_text("", strip=True)) > 150):
                return True
    return False


def _own_rows(table) -> list:
    """The table's rows, not those of a table inside one of its cells."""
    return [row for row in table.find_all("tr") if row.find_parent("table") is table]


def _table_rows(table) -> list[list[str]]:
    """Each row's cell texts; a cell spanning rows (rowspan) stands again in each row it spans, at
    its column, as a merged cell of a Word table does (read/docx.py)."""
    rows, spanning = [], {}  # column → [text, rows still to fill]
    for row in _own_rows(table):
        cells, column = [], 0
        for cell in row.find_all(["td", "th"], recursive=False):
            column = _fill_spanned(cells, spanning, column)
            text = patterns.sub(r"\s+", "", cell.get_text("", strip=True))
            cells.append(text)
            height = _span(cell, "rowspan")
            if height > 1:
                spanning[column] = [text, height - 1]
            column += _span(cell, "colspan")
        _fill_spanned(cells, spanning, column, to_end=True)
        rows.append(cells)
    return rows


def _fill_spanned(cells: list[str], spanning: dict, column: int, to_end: bool = False) -> int:
    """Cells of rows above that span down into this row, from `column` on (to the row's end, or
    up to the next column of its own)."""
    while column in spanning or (to_end and any(key > column for key in spanning)):
        if column in spanning:
            cells.append(spanning[column][0])
            spanning[column][1] -= 1
            if not spanning[column][1]:
                del spanning[column]
        column += 1
    return column


def _span(cell, attribute: str) -> int:
    value = str(cell.get(attribute, "1")).strip()
    return min(int(value), 1000) if value.isdigit() and int(value) > 0 else 1
