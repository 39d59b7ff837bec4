"""Reading a .docx (part of stage 1): paragraphs and tables in document order, with Word's
automatic numbering turned into the labels it prints (一、 （一） 1. ①), which the text itself
does not contain."""

from __future__ import annotations

import io
import zipfile

from ..base.errors import NoticeError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_MEMBERS = 1000
_UNPACKED_PER_LIMIT = 3  # a .docx may unpack to three times the input limit (--max-mb), no more
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def docx_text(data: bytes, name: str) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
        names = {member.filename for member in members}
    except (zipfile.BadZipFile, OSError, ValueError):
        raise NoticeError(name, "not a readable .docx (broken zip archive)") from None
    _refuse_bomb(name, members)
    if "word/document.xml" not in names:
        raise NoticeError(name, "a zip archive that is not a .docx (no word/document.xml)")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise NoticeError(name, f"broken .docx ({type(error).__name__})") from None
    except Exception as error:  # lxml raises its own errors for malformed XML parts
        raise NoticeError(name, f"broken .docx ({type(error).__name__}: {str(error)[:60]})") from None
    numbering = _Numbering(document)
    lines = []
    for block in document.element.body.iterchildren():
        if block.tag == f"{_W}p":
            text = "".join(node.text or "" if node.tag == f"{_W}t" else " "
                           for node in block.iter(f"{_W}t", f"{_W}tab"))
            label = numbering.label(block)
            lines.append(label + text)
        elif block.tag == f"{_W}tbl":
            lines.extend(_table_rows(block))
    return "\n\n".join(lines)  # paragraphs are explicit: a blank line keeps them apart


def _table_rows(table) -> list[str]:
    """Rows as tab-separated cells; a vertically merged cell repeats the value above it."""
    rows: list[list[str]] = []
    for row in table.iter(f"{_W}tr"):
        cells = []
        for cell in row.iterchildren(f"{_W}tc"):
            text = "".join(node.text or "" for node in cell.iter(f"{_W}t"))
            merge = cell.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(f"{_W}val") != "restart" and rows and len(rows[-1]) > len(cells):
                text = rows[-1][len(cells)]
            cells.append(text.strip())
        if any(cells):
            rows.append(cells)
    return ["\t".join(cells) for cells in rows]


class _Numbering:
    """Word's list numbering: numId → abstract definition → per-level format and text."""

    def __init__(self, document):
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        # Numbering that a paragraph gets from its style (List Number, 列表编号 …).
        self.style_numbering = {
            style.get(f"{_W}styleId"): style.find(f"{_W}pPr/{_W}numPr")
            for style in document.styles.element.iter(f"{_W}style")
            if style.find(f"{_W}pPr/{_W}numPr") is not None
        }
        part = getattr(document.part, "numbering_part", None) if _has_numbering(document) else None
        if part is None:
            return
        root = part.element
        abstract = {}
        for definition in root.iter(f"{_W}abstractNum"):
            levels = {}
            for level in definition.iter(f"{_W}lvl"):
                number_format = level.find(f"{_W}numFmt")
                level_text = level.find(f"{_W}lvlText")
                start = level.find(f"{_W}start")
                levels[int(level.get(f"{_W}ilvl"))] = (
                    number_format.get(f"{_W}val") if number_format is not None else "decimal",
                    level_text.get(f"{_W}val") if level_text is not None else "",
                    int(start.get(f"{_W}val")) if start is not None else 1,
                )
            abstract[definition.get(f"{_W}abstractNumId")] = levels
        for instance in root.iter(f"{_W}num"):
            reference = instance.find(f"{_W}abstractNumId")
            if reference is None:
                continue
            for level, spec in abstract.get(reference.get(f"{_W}val"), {}).items():
                self.formats[(instance.get(f"{_W}numId"), level)] = spec

    def label(self, paragraph) -> str:
        properties = paragraph.find(f"{_W}pPr/{_W}numPr")
        if properties is None:
            style = paragraph.find(f"{_W}pPr/{_W}pStyle")
            properties = self.style_numbering.get(style.get(f"{_W}val")) if style is not None else None
        if properties is None:
            return ""
        number_id = properties.find(f"{_W}numId")
        level_node = properties.find(f"{_W}ilvl")
        if number_id is None:
            return ""
        number_id = number_id.get(f"{_W}val")
        level = int(level_node.get(f"{_W}val")) if level_node is not None else 0
        if (number_id, level) not in self.formats:
            return ""
        counters = self.counters.setdefault(number_id, [0] * 9)
        start = self.formats[(number_id, level)][2]
        counters[level] = counters[level] + 1 if counters[level] else start
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        text = self.formats[(number_id, level)][1]
        for shown in range(level + 1):
            spec = self.formats.get((number_id, shown), ("decimal", "", 1))
            value = counters[shown] or spec[2]
            text = text.replace(f"%{shown + 1}", _formatted(value, spec[0]))
        return text


def _has_numbering(document) -> bool:
    try:
        return document.part.numbering_part is not None
    except (KeyError, NotImplementedError):
        return False


def _formatted(value: int, number_format: str) -> str:
    if number_format in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
                         "ideographTraditional", "taiwaneseCounting", "taiwaneseCountingThousand"):
        import cn2an

        return cn2an.an2cn(value, "low")
    if number_format == "decimalEnclosedCircle" and 1 <= value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    if number_format == "decimalZero":
        return f"{value:02d}"
    if number_format == "lowerLetter":
        return chr(ord("a") + value - 1)
    if number_format == "upperLetter":
        return chr(ord("A") + value - 1)
    return str(value)


def _refuse_bomb(name: str, members: list[zipfile.ZipInfo]) -> None:
    """A zip bomb (a few KB that unpack to GBs of XML) is refused from the sizes the archive
    declares, before anything is unpacked; zipfile never unpacks a member beyond its declared size."""
    from . import MAX_BYTES, describe_size

    if len(members) > _MAX_MEMBERS:
        raise NoticeError(name, f".docx with {len(members)} members (more than {_MAX_MEMBERS}); not a notice")
    unpacked = sum(member.file_size for member in members)
    limit = _UNPACKED_PER_LIMIT * MAX_BYTES
    if unpacked > limit:
        raise NoticeError(name, f".docx unpacks to {describe_size(unpacked)}, over {describe_size(limit)} "
                                "(three times the input limit; set a larger one with --max-mb)")
