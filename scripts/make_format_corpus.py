"""Make the PDF, DOCX and HTML versions of corpus notices, reproducibly (same bytes every run).

    python scripts/make_format_corpus.py        # writes corpus/02x_*.pdf|docx|html

Needs reportlab and python-docx (pip) and, for the PDF with an embedded TrueType font, Debian's
fonts-wqy-microhei. The text of each version comes from the corpus text file it names, so the
test that every format gives the same items and targets compares like with like.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
TRUETYPE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
LABEL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[\.．]\s*)")

# version file → (source text file, how it is made)
VERSIONS = {
    "021_kaifeng_seed.pdf": "001_42ff27236c2e870f.txt",
    "022_nanyang_table_two_pages.pdf": "005_nanyang_table_cells.txt",
    "023_luoyang_truetype.pdf": "002_luoyang_lead_support.txt",
    "024_xinyang_auto_numbering.docx": "012_xinyang_three_levels.txt",
    "025_xiangtan_word_table.docx": "019_xiangtan_tab_table.txt",
    "026_shangcheng_gov_page.html": "009_shangcheng_web_page.txt",
    "027_xuchang_gbk_page.html": "004_xuchang_work_report.txt",
}


def paragraphs(source: str) -> list[str]:
    return [line.strip() for line in (CORPUS / source).read_text(encoding="utf-8").splitlines() if line.strip()]


# ---- PDF -----------------------------------------------------------------------------------

def _pdf(target: Path, lines: list, font: str, table: tuple[list[str], list[list[str]]] | None = None,
         table_after: str | None = None, widths: tuple[int, ...] = (12, 30, 70, 30, 28), space_before_table: int = 330,
         ruled: bool = True) -> None:
    """The lines as an A4 PDF, a ruled table (its column widths in mm) after the line `table_after`.
    A line may be a table itself (its rows, the header first): set across the page, with its rules
    or (ruled=False) as columns without them."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rl_config.invariant = 1  # no creation date or random id: the same bytes every run
    body = ParagraphStyle("body", fontName=font, fontSize=15, leading=26, wordWrap="CJK", firstLineIndent=30)
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=0)
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=32, alignment=1, firstLineIndent=0)
    cell = ParagraphStyle("cell", fontName=font, fontSize=11, leading=16, wordWrap="CJK")
    story = []
    for number, line in enumerate(lines):
        if isinstance(line, list):
            data = [[Paragraph(escape(text), cell) for text in row] for row in line]
            grid = Table(data, colWidths=[width * mm for width in column_widths(line)], repeatRows=1)
            grid.setStyle(TableStyle(([("GRID", (0, 0), (-1, -1), 0.6, "black")] if ruled else [])
                                     + [("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(grid)
            continue
        style = title if number < 3 and ("关于" in line or line.endswith(("文件", "通知"))) else (
            heading if LABEL.match(line) else body)
        story.append(Paragraph(line, style))
        if table and line == table_after:
            story.append(Spacer(1, space_before_table))  # 330: to the page's foot, so that it runs over
            header, rows = table
            data = [[Paragraph(text, cell) for text in header]] + [[Paragraph(text, cell) for text in row] for row in rows]
            grid = Table(data, colWidths=[width * mm for width in widths], repeatRows=1)
            grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(grid)

    def footer(canvas, document):
        canvas.setFont(font, 12)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"— {document.page} —")

    SimpleDocTemplate(str(target), pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm, topMargin=37 * mm,
                      bottomMargin=35 * mm, title="", author="", subject="", creator="").build(
        story, onFirstPage=footer, onLaterPages=footer)


def column_widths(rows: list[list[str]], page: int = 156) -> list[float]:
    """Widths (mm) of a table's columns over the page's width: a narrow 序号, the others by how
    much text they hold."""
    count = max(len(row) for row in rows)
    numbered = rows[0][0].startswith("序号")
    lengths = [sum(len(row[index]) for row in rows if index < len(row)) / len(rows) for index in range(count)]
    shares = [max(4.0, length) ** 0.5 for length in lengths]
    if numbered:
        shares[0] = 0
    rest = page - (12 if numbered else 0)
    widths = [rest * share / sum(shares) for share in shares]
    return [12.0] + widths[1:] if numbered else widths


def _cid_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _truetype_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("WenQuanYi", str(TRUETYPE), subfontIndex=0))
    return "WenQuanYi"


def make_seed_pdf(target: Path) -> None:
    _pdf(target, paragraphs(VERSIONS[target.name]), _cid_font())


def make_table_pdf(target: Path) -> None:
    lines = paragraphs(VERSIONS[target.name])
    start = lines.index("序号")
    header = lines[start:start + 5]
    rows, row = [], []
    for line in lines[start + 5:]:
        if re.fullmatch(r"\d+", line) and (not row or len(row) >= 4):
            if row:
                rows.append(row)
            row = [line]
        else:
            row.append(line)
    rows.append(row)
    rows = [[r[0], r[1], "".join(r[2:-2]), r[-2], r[-1]] for r in rows]
    _pdf(target, lines[:start], _cid_font(), (header, rows), table_after=lines[start - 1])


def make_truetype_pdf(target: Path) -> None:
    _pdf(target, paragraphs(VERSIONS[target.name]), _truetype_font())


# ---- DOCX ----------------------------------------------------------------------------------

_NUMBERING = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">
<w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""


def _docx_bytes(document) -> bytes:
    """Save with fixed zip timestamps, so that the file is the same every run."""
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(fixed, data)
    return output.getvalue()


def make_numbered_docx(target: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_NUMBERING))
    numbering.append(parse_xml('<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                               'w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    levels = [re.compile(r"^[一二三四五六七八九十]+、"), re.compile(r"^（[一二三四五六七八九十]+）"), re.compile(r"^\d{1,2}[\.．]\s*")]
    for line in paragraphs(VERSIONS[target.name]):
        level = next((number for number, pattern in enumerate(levels) if pattern.match(line)), None)
        paragraph = document.add_paragraph(levels[level].sub("", line) if level is not None else line)
        if level is not None:
            properties = paragraph._p.get_or_add_pPr()
            numbering_properties = parse_xml(
                '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f'<w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            properties.append(numbering_properties)
    assert document.paragraphs[0]._p.find(qn("w:pPr")) is None or True
    target.write_bytes(_docx_bytes(document))


def make_table_docx(target: Path) -> None:
    import docx

    lines = paragraphs(VERSIONS[target.name])
    document = docx.Document()
    rows = [line.split("\t") for line in lines if "\t" in line]
    for line in lines:
        if "\t" not in line:
            document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    target.write_bytes(_docx_bytes(document))


# ---- HTML ----------------------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<title>{title}_{site}</title>
<link rel="stylesheet" href="/css/main.css">
<script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
</head>
<body>
<div class="header"><div class="logo">{site}</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjsc/">走进{short}</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zfwj/">政府文件</a></div>
<div class="main">
<table class="xxgk-meta"><tr><td>索引号：</td><td>{index}</td><td>主题分类：</td><td>民生保障</td></tr>
<tr><td>发布机构：</td><td>{abbreviation}</td><td>发文日期：</td><td>{date}</td></tr>
<tr><td>文号：</td><td>{number}</td><td>发布日期：</td><td>{published}</td></tr></table>
<div class="article">
<h1 class="article-title">{title}</h1>
<div class="article-info">来源：{abbreviation}　发布时间：{published}　浏览次数：<span id="views">1024</span></div>
<div class="article-content" id="zoom">
{body}
</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a></div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
</div></div>
<div class="footer"><p>主办单位：{site}办公室　网站标识码：3301020001</p><p>ICP备案号：浙ICP备12345678号　政府网站标识码</p></div>
</body>
</html>
"""


def _html(target: Path, charset: str, site: str, short: str, abbreviation: str, index: str, published: str) -> None:
    lines = paragraphs(VERSIONS[target.name])
    at = next(number for number, line in enumerate(lines) if "关于" in line)
    title = lines[at]
    if at and lines[at - 1].endswith(("政府", "办公室")) and "关于" not in lines[at - 1]:
        title = lines[at - 1] + title  # 许昌市人民政府 / 关于印发…: one title over two lines
    number = next(line for line in lines if re.search(r"〔\d{4}〕\d+号|\[\d{4}\]\d+号", line))
    number = re.sub(r"^.*?(\S+[〔\[]\d{4}[〕\]]\d+号).*$", r"\1", number)
    date = next(line for line in lines if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", line))
    y, m, d = re.findall(r"\d+", date)
    start = at + 1
    body = "\n".join(f"<p>{line}</p>" for line in lines[start:] if not line.startswith(("索引号", "发布机构", "文号", "字号", "首页", "分享", "【")))
    page = _PAGE.format(charset=charset, title=title, site=site, short=short, abbreviation=abbreviation,
                        index=index, date=f"{y}-{int(m):02d}-{int(d):02d}", number=number, published=published, body=body)
    target.write_bytes(page.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else "utf-8"))


def make_shangcheng_html(target: Path) -> None:
    _html(target, "utf-8", "杭州市上城区人民政府", "上城", "区政府办", "002504127/2024-00031", "2024-04-02")


def make_xuchang_html(target: Path) -> None:
    _html(target, "gb2312", "许昌市人民政府", "许昌", "市政府办", "005744102/2024-00108", "2024-02-23")


MAKERS = {
    "021_kaifeng_seed.pdf": make_seed_pdf,
    "022_nanyang_table_two_pages.pdf": make_table_pdf,
    "023_luoyang_truetype.pdf": make_truetype_pdf,
    "024_xinyang_auto_numbering.docx": make_numbered_docx,
    "025_xiangtan_word_table.docx": make_table_docx,
    "026_shangcheng_gov_page.html": make_shangcheng_html,
    "027_xuchang_gbk_page.html": make_xuchang_html,
}


def main() -> None:
    for name, maker in MAKERS.items():
        maker(CORPUS / name)
        print(f"wrote corpus/{name}")


if __name__ == "__main__":
    main()
