"""Document metadata (part of the outline stage): title, issuer, 文号, signing date, region, year.

A notice prints these in its header, title and signature; a web page copy also carries a
索引号/文号/发文日期/发布机构 block, whose 发布日期 (when the page went up) is not the date.
"""

from __future__ import annotations

import collections
import functools

from ..base import labels, patterns
from . import responsibility

_DOC_NUMBER = labels.DOC_NUMBER
_ISO_DATE = patterns.compiled(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_YEAR = patterns.compiled(r"(?<!\d)(20\d{2})(?=\s*年)")
_AREA = patterns.compiled(r"\p{Han}{2,8}?(?:维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|特别行政区|省|市|地区|盟|州|县|区|旗)")
_PLAN_WORDS = patterns.compiled(r"(?:民生实事|实事|工作方案|重点任务|目标任务|计划|政府工作报告|民生工程)")
_SENTENCE = "，。；！？"


def extract_fields(paragraphs: list[str]) -> dict:
    web = _web_header(paragraphs[:40])
    title = _cleaned_title(_without_column_tag(web.get("title") or _shared_title(paragraphs[:3]) or _title(paragraphs)))
    issuer = _issuer(paragraphs, title, web.get("issuer"))
    doc_number = _doc_number(paragraphs, web.get("doc_number") or _file_number(web.get("file_number")), title)
    date = _signing_date(paragraphs, web.get("date"))
    region = _region(issuer, title, paragraphs)
    year = _year(title, paragraphs, date)
    return {"title": title, "issuer": issuer, "doc_number": doc_number, "date": date, "region": region,
            "year": year}


def _web_header(paragraphs: list[str]) -> dict:
    keys = patterns.load("document")["web_keys"]
    key_pattern = patterns.alternation(keys)
    pair = patterns.compiled(rf"({key_pattern})\s*：\s*(.*?)\s*(?=\t|\s{{2,}}|(?:{key_pattern})\s*：|$)")
    # A block whose colons were lost: 发文机关某县人民政府发文字号某政〔2020〕13号发布日期2020-5-12.
    bare_pair = patterns.compiled(rf"({key_pattern})\s*(.*?)\s*(?=\t|\s{{2,}}|(?:{key_pattern})|$)")
    bare_block = patterns.compiled(rf"^(?:(?:{key_pattern})[^：:，。；]+){{3,}}$")
    found: dict[str, str] = {}
    for paragraph, value in _key_value_cells(paragraphs, keys):
        found.setdefault(keys[paragraph], value)
    for paragraph in paragraphs:
        for match in (bare_pair if bare_block.match(paragraph) else pair).finditer(paragraph):
            field, value = keys[match.group(1)], match.group(2).strip().rstrip("）)】]").strip()
            if value and field not in found:
                found[field] = value
    result = {}
    if "title" in found:
        result["title"] = patterns.sub(r"\s+", "", found["title"])
    if "doc_number" in found:
        result["doc_number"] = _normalise_doc_number(found["doc_number"])
    if "file_number" in found:
        result["file_number"] = found["file_number"]
    if "date" in found:
        result["date"] = parse_date(found["date"])
    issuer = found.get("issuer")
    if not issuer and _names_an_office(found.get("source")):
        issuer = found["source"]  # 文章来源：某县卫生健康委员会: the office that put the notice up
    if issuer and issuer not in patterns.load("document")["abbreviated_issuers"] and len(issuer) > 3:
        result["issuer"] = issuer
    return result


def _names_an_office(source: str | None) -> bool:
    """Whether a page's 来源 is an office's full name (its area, then an issuing office's suffix),
    not a medium (某县融媒体中心) nor a website's short form (区政府办公室)."""
    document = patterns.load("document")
    return bool(source) and responsibility.is_unit_name(source) \
        and source.endswith(tuple(document["issuer_suffixes"])) and _leading_area(source) is not None \
        and not any(word in source for word in document["media_words"])


def _key_value_cells(paragraphs: list[str], keys: dict) -> list[tuple[str, str]]:
    """Keys and values of a metadata block printed as table cells (索引号 | 1141… | 发布机构 | …)
    or as a key alone on its line with its value on the next."""
    pairs = []
    for number, paragraph in enumerate(paragraphs):
        cells = [cell.strip().rstrip("：") for cell in paragraph.split("\t")]
        for index, cell in enumerate(cells[:-1]):
            if cell in keys and cells[index + 1] and cells[index + 1] not in keys:
                pairs.append((cell, cells[index + 1]))
        key = paragraph.strip().rstrip("：")
        if key in keys and number + 1 < len(paragraphs) and paragraphs[number + 1].rstrip("：") not in keys:
            pairs.append((key, paragraphs[number + 1].split("\t")[0]))
    return pairs


_COLUMN_TAG = patterns.compiled(r"^[【\[][^\W\d_]{2,6}[】\]](?=[^\W\d_].{3,})")


def _without_column_tag(title: str | None) -> str | None:
    """A site's column tag before a headline (【民生实事】我市今年将办好这些实事) is no part of it."""
    return _COLUMN_TAG.sub("", title) if title else title


def _title(paragraphs: list[str]) -> str | None:
    endings = patterns.load("document")["title_endings"]
    head = _before_first_label(paragraphs)[:25]
    candidates = [p for p in head if _title_like(p)]
    for paragraph in candidates:
        if "关于" in paragraph and paragraph.endswith(tuple(endings)):
            return paragraph
    for paragraph in candidates:
        if paragraph.endswith(tuple(endings)) and not paragraph.startswith("附件"):
            return paragraph
    # No title above the list (a news page printing its headline under the article): a line ending
    # in a document kind before any other (政府信息公开 is a channel's name). Else a line above the
    # task list: once it has begun, its item headings, table headers and signature are no headline
    # (a page that opens with an item may still print its headline after it).
    above, below, begun = [], [], False
    for number, paragraph in enumerate(paragraphs[:40]):
        label = labels.find_label(paragraph)
        begun = begun or (number > 0 and label is not None and label.style not in ("bullet", "zero_padded"))
        if _title_like(paragraph) and label is None and len(paragraph) >= 6 and not _signs(paragraphs, number):
            (below if begun else above).append(paragraph)
    later = above + below
    return next((p for p in later if p.endswith(tuple(endings))), None) or next(iter(above), None)


def _signs(paragraphs: list[str], number: int) -> bool:
    """Whether the paragraph is the issuer's name signing above its date: a signature, no title."""
    following = paragraphs[number + 1] if number + 1 < len(paragraphs) else ""
    return labels.signature(paragraphs[number], following) is not None


def _before_first_label(paragraphs: list[str]) -> list[str]:
    result = []
    for paragraph in paragraphs:
        label = labels.find_label(paragraph)
        if label is not None and label.style != "zero_padded":
            break
        result.append(paragraph)
    return result


def _title_like(paragraph: str) -> bool:
    return (
        4 <= len(paragraph) <= 80
        and not any(mark in paragraph for mark in _SENTENCE)
        and not labels.is_standalone_line(paragraph)
        and not labels.is_field_line(paragraph)
        and not paragraph.endswith(tuple(patterns.load("document")["header_suffixes"]))
        and not _DOC_NUMBER.fullmatch(paragraph)
        and patterns.search(r"\p{Han}", paragraph) is not None
        and not paragraph.startswith(("索引号", "主题分类"))
        and not paragraph.endswith(("：", ":"))
        and not _is_page_chrome_line(paragraph)
    )


def _is_page_chrome_line(paragraph: str) -> bool:
    """A page's bar, breadcrumb or byline read as a headline: 上一篇下一篇放大缩小默认, 客服设为首页登录,
    人民网>>宁夏频道>>宁夏要闻, （作者：…）."""
    chrome = patterns.load("document")["page_chrome"]
    if ">>" in paragraph or "›" in paragraph or patterns.match(r"[（(]?(?:作者|记者|来源|编辑)[：:]", paragraph):
        return True
    words = sorted(chrome["words"] + chrome["bar_words"], key=len, reverse=True)
    rest = patterns.sub(patterns.alternation(words), "", patterns.sub(r"[\s|｜/【】\[\]]", "", paragraph))
    return not rest


def _issuer(paragraphs: list[str], title: str | None, web_issuer: str | None) -> str | None:
    if title and "关于" in title:
        prefix = title.split("关于", 1)[0]
        if prefix and responsibility.is_unit_name(prefix):
            return prefix.split("、")[0] if "、" in prefix else prefix
    for paragraph in paragraphs[:10]:
        for suffix in patterns.load("document")["header_suffixes"]:
            if paragraph.endswith(suffix) and responsibility.is_unit_name(paragraph[: -len(suffix)]):
                return paragraph[: -len(suffix)]
    for number, paragraph in enumerate(paragraphs):
        signature = labels.signature(paragraphs[number - 1] if number else "", paragraph)
        if signature:
            return signature[0]
    return web_issuer


def _normalise_doc_number(text: str) -> str | None:
    match = _DOC_NUMBER.search(text)
    if not match:
        return None
    return f"{match.group(1)}〔{match.group(2)}〕{match.group(3)}号"


def _bracket_after_title(paragraph: str, title: str) -> str | None:
    """The 文号 in brackets right after where the title is printed in the paragraph (at its start,
    or after a banner the line ran into)."""
    start = paragraph.find(title)
    while start >= 0:
        end = start + len(title)
        match = _DOC_NUMBER.search(paragraph, end, end + 40)
        if match and patterns.match(r"[（(]", paragraph[end:]) and match.start() <= end + 1:
            return _normalise_doc_number(match.group())
        start = paragraph.find(title, end)
    return None


def _doc_number(paragraphs: list[str], web_number: str | None, title: str | None = None) -> str | None:
    if web_number:
        return web_number
    for paragraph in _before_first_label(paragraphs)[:15]:
        match = _DOC_NUMBER.search(paragraph)
        if match and len(paragraph) <= len(match.group()) + 4:
            return _normalise_doc_number(paragraph)
        if title and (after := _bracket_after_title(paragraph, title)) is not None:
            return after  # …的通知（青政发（2023）1号）各区…: run on after the title
    return None


_SHARED_FILE = patterns.compiled(r"^《(.{6,80}?)\.(?:docx?|pdf|wps|txt)》")
_FILE_EXTENSION = patterns.compiled(r"\.(?:docx?|pdf|wps|txt)$")


def _shared_title(paragraphs: list[str]) -> str | None:
    """A paragraph opening with a file's name in 《》 (a document-sharing site's banner, 《…的通知.docx》
    and the site's own words after it) names the notice: its title, without the extension."""
    return next((match.group(1) for paragraph in paragraphs if (match := _SHARED_FILE.match(paragraph))), None)


# A news dateline the headline ran into (…“十件民生实事”出炉人民网贵阳1月15日电（…）…).
_DATELINE = patterns.compiled(rf"(?:{patterns.alternation(patterns.load('document')['news_agencies'])})?"
                              r"\p{Han}{2,4}\d{1,2}月\d{1,2}日电")
# A red header's name glued before the title (沈河政发文件沈河区人民政府关于…), a note before it
# (（此件公开发布）), a province tag, a screen reader's keyboard prompt (…请使用Tab键切换浏览).
_TITLE_DEBRIS = patterns.compiled(r"^(?:\p{Han}{2,8}文件(?=\p{Han}{2,30}关于)|[（(]此件[^）)]{2,8}[）)]"
                                   r"|[（(]\p{Han}{2,6}(?:省|市|自治区)[）)]|[^，。]{0,12}请(?:使用|按)[^，。]{0,8}(?i:tab)[^，。]{0,8}(?:浏览|切换))")


def _without_junk_before_about(title: str) -> str:
    """…关于…的通知 after words that name no office nor area (近日省委、省政府发布关于…, 即时比分关于…,
    a site's spam): the title starts at 关于."""
    prefix = title.split("关于", 1)[0]
    if "关于" not in title or not prefix or responsibility.is_unit_name(prefix) or _leading_area(prefix) == prefix \
            or not title.endswith(tuple(patterns.load("document")["title_endings"])):
        return title
    return title[len(prefix):]


def _cleaned_title(title: str | None) -> str | None:
    """The title as printed, without what a page or a header glued to it: a file's extension
    (…责任分解表.docx), a dateline, a header's name, 《》 around the whole."""
    if not title:
        return title
    title = _FILE_EXTENSION.sub("", title)
    dateline = _DATELINE.search(title)
    if dateline and dateline.start() >= 6:
        title = title[:dateline.start()]
    title = _without_junk_before_about(_TITLE_DEBRIS.sub("", title).strip())
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        title = title[1:-1]
    return title or None


def _file_number(value: str | None) -> str | None:
    """A page's 文件编号 that is a 文号 (盐政办发〔2022〕16号), not a filing code."""
    return _normalise_doc_number(value) if value and _DOC_NUMBER.fullmatch(value.strip()) else None


def parse_date(text: str) -> str | None:
    text = text.strip()
    match = labels.DATE.search(text)
    if match:
        text = _arabic_date(match.group())
    match = _ISO_DATE.search(text)
    if not match:
        return None
    year, month, day = (int(group) for group in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _arabic_date(text: str) -> str:
    """二〇二四年四月十日 → 2024年4月10日."""
    def year(match):
        return "".join(str("〇一二三四五六七八九".index(c)) if c in "〇一二三四五六七八九" else "0"
                       for c in match.group(1)) + "年"

    text = patterns.sub(r"^([〇零一二三四五六七八九○Ｏ]{4})年", year, text)
    return patterns.sub(r"([一二三四五六七八九十]{1,3})(?=[月日号])", lambda m: str(labels.small_chinese_number(m.group(1))), text)


def _signing_date(paragraphs: list[str], web_date: str | None) -> str | None:
    if web_date:
        return web_date
    for number, paragraph in enumerate(paragraphs):
        if labels.DATE_LINE.match(paragraph):
            return parse_date(paragraph.strip("（()）"))
        signature = labels.signature(paragraphs[number - 1] if number else "", paragraph)
        if signature:
            return parse_date(signature[1])
    return None



def _region(issuer: str | None, title: str | None, paragraphs: list[str]) -> str | None:
    for source in (issuer, _title_prefix(title)):
        area = _leading_area(source)
        if area:
            return area
    return _short_named_area(title) or _first_named_area(paragraphs)


def _short_named_area(title: str | None) -> str | None:
    """A headline naming its province or city without the suffix: 山东20项… → 山东省."""
    if not title:
        return None
    for suffix in ("省", "市", "自治区"):
        if title[:2] + suffix in _gazetteer():
            return title[:2] + suffix
    return None


def _title_prefix(title: str | None) -> str | None:
    if not title:
        return None
    return patterns.sub(r"^(?:\d{4}年度?|关于印发|关于)", "", title)


def _leading_area(text: str | None) -> str | None:
    """The most specific area that a name starts with: 杭州市上城区人民政府 → 上城区."""
    if not text:
        return None
    text = patterns.sub(r"^(?:中共|中国共产党)", "", text)
    area, position = None, 0
    while True:
        match = _area_head().match(text, position) or _AREA.match(text, position)
        if not match:
            break
        name = match.group()
        if not _looks_like_area(name) and name not in _gazetteer() and match.re is not _area_head():
            break
        area, position = name, match.end()
    return area


@functools.cache
def _area_head():
    return patterns.compiled(patterns.load("document")["area_head"])


def _looks_like_area(name: str) -> bool:
    """At the head of an office's name, X省/X市/X县/X区/X旗 is its area, listed in the dictionary
    or not (many counties and districts are not); the gazetteer decides the rest. A name that holds
    an office's word is no area: 中共某省委办公厅某省人民政府办公厅 names two offices, not 委办公厅某省."""
    return len(name) >= 3 and name[-1] in "省市县区旗" \
        and not any(word in name[:-1] for word in patterns.load("document")["issuer_suffixes"])


def _first_named_area(paragraphs: list[str]) -> str | None:
    gazetteer = _gazetteer()
    counts: collections.Counter[str] = collections.Counter()
    first_seen: dict[str, int] = {}
    for number, paragraph in enumerate(paragraphs):
        for match in patterns.finditer(r"\p{Han}{1,6}?(?:省|自治区|市|自治州|县|区)", paragraph):
            for size in range(len(match.group()), 1, -1):
                name = match.group()[-size:]
                if name in gazetteer and not name.startswith(_task_verbs()):
                    counts[name] += 1
                    first_seen.setdefault(name, number)
                    break
    if not counts:
        return None
    return max(counts, key=lambda name: (counts[name], -first_seen[name]))


@functools.cache
def _task_verbs() -> tuple[str, ...]:
    """Verbs that open a task (新建…): in a notice's text, 新建县第二实验小学 builds a school in some
    county, it names no place called 新建县."""
    return tuple(patterns.load("tables")["content_starts"])


@functools.cache
def _gazetteer() -> frozenset[str]:
    """Place names ending in an administrative suffix (patterns/gazetteer.txt, made from jieba's
    dictionary by scripts/make_gazetteer.py): shipped as data, so that no notice pays for a scan of
    a 5 MB dictionary, and no timeout of that scan can ever be remembered as an empty gazetteer."""
    return frozenset(patterns.word_list("gazetteer.txt"))


_REPORTED_YEAR = patterns.compiled(r"(?<!\d)(20\d{2})\s*年[^。；！？\n]{0,30}?(?:圆满完成|全面完成|已完成|完成情况|顺利完成|超额完成)")


def section_year(text: str, item_texts: list[str], reporting: bool, year: int | None) -> int | None:
    """The year a task list is about. A report that opens a later year's plan (Henan's 2025 news
    reports the 2024 tasks first) says which year it completed: `2024年10项…已圆满完成`."""
    if not reporting or year is None:
        return year
    named = [int(m.group(1)) for body in item_texts for m in _YEAR.finditer(body)]
    if named and max(named) < year:
        return max(named)
    completed = {int(m.group(1)) for m in _REPORTED_YEAR.finditer(text)}
    return year - 1 if year - 1 in completed and year not in completed else year


def items_year(title: str | None, item_texts: list[str], year: int | None) -> int | None:
    """A title naming two years (2017年工作总结和2018年工作思路) is about the one its task items
    name: the targets' year wins over the title's."""
    offered = {int(match.group(1)) for match in _YEAR.finditer(title or "")}
    if len(offered) < 2:
        return year
    named = {int(match.group(1)) for text in item_texts for match in _YEAR.finditer(text)} & offered
    return named.pop() if len(named) == 1 else year


def _year(title: str | None, paragraphs: list[str], date: str | None) -> int | None:
    if title:
        named = [int(match.group(1)) for match in _YEAR.finditer(title)]
        if named:  # …2024年民生实事完成情况及2025年民生实事安排: the report's year before the plan's
            return max(named)
    planned = []
    for paragraph in paragraphs:
        for match in _YEAR.finditer(paragraph):
            window = paragraph[match.end(): match.end() + 16]
            if _PLAN_WORDS.search(window):
                planned.append(int(match.group(1)))
    if planned:
        return max(planned)
    if date:
        signed = int(date[:4])
        # Signed in the last quarter, a notice that names the next year plans for it.
        if int(date[5:7]) >= 10 and any(int(m.group(1)) == signed + 1 for p in paragraphs for m in _YEAR.finditer(p)):
            return signed + 1
        return signed
    years = collections.Counter(int(m.group(1)) for p in paragraphs for m in _YEAR.finditer(p))
    return years.most_common(1)[0][0] if years else None
