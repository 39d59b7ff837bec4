"""Reading a PDF (part of stage 1): text in reading order, task tables as tab-separated rows.

pdfplumber (pdfminer) reads characters with their positions and finds tables; it is slow on
pages of plain text, so a page that draws no lines — no table can be there — is read with
pypdfium2 instead (tests/test_formats.py checks that both give the same characters).
Page breaks become blank lines; the normaliser joins a sentence broken across them.
"""

from __future__ import annotations

import io
import logging

from ..base import patterns

from ..base.errors import NoticeError

# A page with fewer drawn paths than this has no ruled table.
_TABLE_PATHS = 4


def pdf_text(data: bytes, name: str, fast_pages: bool = True) -> str:
    """The text of every page; `fast_pages=False` reads every page with pdfplumber (for tests)."""
    return read_pdf(data, name, "never", fast_pages)[0]


def read_pdf(data: bytes, name: str, ocr: str = "auto", fast_pages: bool = True) -> tuple[str, tuple[float, ...] | None]:
    """The text of every page and, where OCR read some of them, the confidences of its lines.
    `ocr`: auto reads a page by OCR when it has images and no text; always reads every page so;
    never refuses a PDF that is only images."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    fast = _FastPages(data if fast_pages else None)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = []
            tables = _TableJoiner()
            for number, page in enumerate(pdf.pages):
                if ocr == "always":
                    pages.append("")  # read below
                elif fast.has_no_table(number):
                    pages.append(fast.text(number))
                    tables.page_without_table()
                else:
                    pages.append(_page_text(page, tables))
            scanned = [number for number, (page, text) in enumerate(zip(pdf.pages, pages))
                       if ocr == "always" or (not patterns.search(r"\p{Han}", text) and page.images)]
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise NoticeError(name, "encrypted PDF: it needs a password to be read") from None
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise NoticeError(name, "encrypted PDF: it needs a password to be read") from None
        raise NoticeError(name, f"broken PDF ({type(cause).__name__}: {str(cause)[:80]})") from None
    except NoticeError:
        raise
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError, IndexError,
            AssertionError, RecursionError, OSError) as error:
        raise NoticeError(name, f"broken PDF ({type(error).__name__}: {str(error)[:80]})") from None
    finally:
        fast.close()
    confidences = None
    if scanned and ocr != "never":
        confidences = _read_scanned_pages(data, name, scanned, pages)
    text = "\n\n".join(pages)
    if not patterns.search(r"\p{Han}", text):
        if scanned:
            raise NoticeError(name, "PDF without a text layer (scanned images only): it needs OCR "
                                    "(--ocr auto or always)" if ocr == "never" else "no text found by OCR")
        raise NoticeError(name, "PDF without any Chinese text; not a notice")
    return text, confidences


def _read_scanned_pages(data: bytes, name: str, numbers: list[int], pages: list[str]) -> tuple[float, ...]:
    """Pages that are images read by OCR, in place; the confidences of the lines read."""
    import pypdfium2

    from . import ocr

    confidences: list[float] = []
    document = pypdfium2.PdfDocument(data)
    try:
        for number in numbers:
            page = ocr.read_elsewhere(number + 1) or ocr.recognise(ocr.render_pdf_page(document, number), name, number + 1)
            pages[number] = page.text
            confidences.extend(page.confidences)
    finally:
        document.close()
    return tuple(confidences)


def scanned_pages(data: bytes, every: bool = False) -> list[int]:
    """The pages (from 1) that read_pdf will likely read by OCR: those without Chinese text that show
    images, as pypdfium2 sees them (`every`: all pages). A guess for planning: read_pdf decides again."""
    import pypdfium2
    import pypdfium2.raw as pdfium

    try:
        document = pypdfium2.PdfDocument(data)
    except Exception:  # read_pdf reports what is wrong with the file
        return []
    try:
        if every:
            return list(range(1, len(document) + 1))
        numbers = []
        for number in range(len(document)):
            page = document[number]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            images = next(page.get_objects(filter=[pdfium.FPDF_PAGEOBJ_IMAGE]), None) is not None
            textpage.close()
            page.close()
            if images and not patterns.search(r"\p{Han}", text):
                numbers.append(number + 1)
        return numbers
    finally:
        document.close()


class _FastPages:
    """pypdfium2's view of the same file: how many paths a page draws, and its text."""

    def __init__(self, data: bytes | None):
        self.document = None
        if data is None:
            return
        try:
            import pypdfium2

            self.document = pypdfium2.PdfDocument(data)
        except Exception:  # pdfplumber reports what is wrong with the file
            self.document = None

    def has_no_table(self, number: int) -> bool:
        if self.document is None or number >= len(self.document):
            return False
        import pypdfium2.raw as pdfium

        page = self.document[number]
        paths = sum(1 for item in page.get_objects(filter=[pdfium.FPDF_PAGEOBJ_PATH], max_depth=2))
        page.close()
        return paths < _TABLE_PATHS

    def text(self, number: int) -> str:
        page = self.document[number]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        textpage.close()
        page.close()
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def close(self) -> None:
        if self.document is not None:
            self.document.close()


class _TableJoiner:
    """Remembers the header of the last table so that its continuation on the next page neither
    repeats the header row nor starts a new table."""

    def __init__(self):
        self.header: list[str] | None = None
        self.open = False

    def page_without_table(self) -> None:
        self.open = False

    def rows(self, table_rows: list[list[str | None]], continues: bool) -> list[str]:
        rows = _carry_down(table_rows)
        if continues and self.header and rows and rows[0] == self.header:
            rows = rows[1:]  # the header printed again on the next page
        elif rows and not _is_data_row(rows[0]):
            self.header = rows[0]
        self.open = True
        return ["\t".join(cell for cell in row) for row in rows]


def _is_data_row(row: list[str]) -> bool:
    return bool(row) and bool(patterns.fullmatch(r"\d{1,3}", row[0].strip()))


def _carry_down(rows: list[list[str | None]]) -> list[list[str]]:
    """Merged cells come as None: take the value of the cell above (a 牵头单位 spanning rows)."""
    result: list[list[str]] = []
    for row in rows:
        cells = []
        for column, cell in enumerate(row):
            if cell is None:
                cell = result[-1][column] if result and column < len(result[-1]) else ""
            cells.append(patterns.sub(r"\s*\n\s*", "", cell).strip())
        if any(cells):
            result.append(cells)
    return result


def _page_text(page, tables: _TableJoiner) -> str:
    """The page's text with each table in its place as tab-separated rows."""
    found = sorted(page.find_tables(), key=lambda table: table.bbox[1])
    if not found:
        tables.page_without_table()
        return page.extract_text() or ""
    parts, top = [], 0.0
    for index, table in enumerate(found):
        x0, table_top, x1, bottom = table.bbox
        above = page.crop((0, top, page.width, max(top, table_top))).extract_text() if table_top > top else ""
        if above and above.strip():
            parts.append(above)
        parts.extend(tables.rows(table.extract(), continues=index == 0 and tables.open))
        top = bottom
    if top < page.height:
        below = page.crop((0, top, page.width, page.height)).extract_text()
        if below and below.strip():
            parts.append(below)
            if patterns.search(r"\p{Han}{4,}", below):  # text after the table, not just a page number
                tables.page_without_table()
    return "\n".join(parts)
