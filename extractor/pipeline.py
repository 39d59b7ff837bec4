"""The composition: read → normalise → layout → outline → quantities (roles, metrics, targets) → output,
one document at a time, under one time budget. The library API (api) and the commands call it."""

from __future__ import annotations

import contextlib
from pathlib import Path

from . import output
from .base import patterns
from .quantities import holds_quantity, roles
from .base.errors import NoticeError
from .normalise import NormalisedText, normalise
from .outline import build_outline
from .outline.document_fields import section_year
from .read import RawDocument, read_bytes, read_file
from .quantities.targets import item_targets, item_text


@contextlib.contextmanager
def guarded(name: str, size: int = 0):
    """Runaway input anywhere in reading or extracting becomes the project's clean error; `size`
    (bytes) sets the document's time budget."""
    try:
        with patterns.deadline(size):
            yield
    except TimeoutError:
        raise NoticeError(name, "pattern matching timed out: the text is too irregular to extract") from None
    except RecursionError:
        raise NoticeError(name, "structure nested too deeply to extract") from None


def extract_raw(raw: RawDocument) -> tuple[dict, NormalisedText]:
    with guarded(raw.name, 3 * len(raw.text)):
        return _extract(raw)


def _extract(raw: RawDocument) -> tuple[dict, NormalisedText]:
    normalised = normalise(raw.text)
    outline = build_outline(normalised, holds_quantity)
    if not outline.items:  # the outline reads every text holding a task quantity: this one holds none
        raise NoticeError(raw.name, "no numbered task items found; not a task notice")
    text = normalised.text
    tenses, texts = {}, {}
    year = outline.document["year"]
    done_news = set()  # sections under a headline or lede saying the whole list was done
    for section in range(1, outline.sections + 1):
        texts[section] = [item_text(text, item) for item in outline.items if item.section == section]
        tenses[section] = roles.list_tense(texts[section], outline.document["title"])
        if roles.says_all_done(outline.document["title"] or "", _lede(text, outline.items, section)):
            tenses[section] = "actual"
            done_news.add(section)
    groups = _group_tenses(outline.items, text, year)
    several = outline.sections > 1
    items = [
        output.item_json(item, text, item_targets(
            text, item, tenses[item.section] if item.section in done_news
            else groups.get((item.section, *item.path[:-1]), tenses[item.section]), year), several)
        for item in outline.items
    ]
    sections = []
    for section in range(1, outline.sections + 1):
        # A list reports when it tells results, or when most of its items set results beside their
        # targets (a progress table: 年度目标 | 累计完成 | 完成率).
        listed = [item for item in items if item["section"] == section]
        with_results = sum(1 for item in listed if any(target["role"] != "target" for target in item["targets"]))
        reporting = tenses[section] == "actual" or with_results * 2 > len(listed)
        sections.append({"section": section, "kind": "report" if reporting else "plan",
                         "year": section_year(text, texts[section], reporting, year)})
    return output.document_json(raw, outline.document, sections, items), normalised


def _lede(text: str, items, section: int, width: int = 300) -> str:
    """The text right above a section's first item (its lede, or the lead sentence of a run-in
    list), back to the end of the section before."""
    first = min(item.span[0] for item in items if item.section == section)
    before = max((item.span[1] for item in items if item.section < section and item.span[1] <= first), default=0)
    return text[max(before, first - width):first]


def _group_tenses(items, text: str, year: int | None) -> dict[tuple, str]:
    """A group whose heading says what its list is (一、2024年民生实事完成情况 beside 二、2025年民生实事)
    takes its tense from its own items and heading, not from the whole list's."""
    groups: dict[tuple, list] = {}
    for item in items:
        if len(item.path) > 1:
            groups.setdefault((item.section, *item.path[:-1]), []).append(item)
    tenses = {}
    for key, members in groups.items():
        tense = roles.heading_tense([item_text(text, item) for item in members], members[0].title, year)
        for heading in members[0].group_headings[1:] if tense is None else []:  # a heading further up
            tense = roles.heading_tense([item_text(text, item) for item in members], heading, year)
            if tense:
                break
        if any(roles.says_done(heading) for heading in members[0].group_headings):
            tense = "actual"  # 一、当年完成的97件实事 over （一）…方面 over its items
        if tense:
            tenses[key] = tense
    return tenses


def extract_path(path: str | Path) -> dict:
    with guarded(Path(path).name, file_size(path)):
        return extract_raw(read_file(path))[0]


def extract_bytes(data: bytes, name: str = "<bytes>") -> dict:
    with guarded(name, len(data)):
        return extract_raw(read_bytes(data, name))[0]


def normalised_text(path: str | Path) -> str:
    with guarded(Path(path).name, file_size(path)):
        return normalise(read_file(path).text).text


def file_size(path: str | Path) -> int:
    """For the time budget only: a file that cannot be looked at gets its error from the reader."""
    try:
        return Path(path).stat().st_size
    except (OSError, ValueError):
        return 0
