"""The shared types the stages hand on: an item of a task list, and an extracted notice.

Imports no stage: the outline makes items, the targets stage reads them, and the library API,
the spreadsheet and the review page hand out notices.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field


@dataclass
class Item:
    section: int
    path: list[int]
    title: str
    span: tuple[int, int]
    responsible_units: list[str]
    quantity_spans: list[tuple[int, int]] = field(default_factory=list)  # where quantities are sought
    # Spans whose quantities have a role by where they stand: a 完成情况 field or column → actual,
    # a 完成率 column → completion.
    role_spans: list[tuple[int, int, str]] = field(default_factory=list)
    column_units: list[tuple[int, int, str]] = field(default_factory=list)  # cells whose bare numbers take a unit
    column_metrics: list[tuple[int, int, str]] = field(default_factory=list)  # cells whose numbers a header names (总投资)
    # Cells whose column names no thing, with the figure of the text before the table that their
    # column's total equals (计划完成数 150 … 全省 1500 ↔ 开工改造小区1500个): it names what they count.
    column_sources: list[tuple[int, int, tuple[int, int]]] = field(default_factory=list)
    lead_units: int = 0  # how many of responsible_units, from the first, lead (牵头单位, 主办)
    heading: str = ""  # a sub-item's own heading (1.新增城镇就业。…), whose title is its parent's
    # The headings of the groups above it, nearest first (（一）就业方面, 一、当年完成的实事): what they
    # say of their items (done, planned) holds however deep the item stands.
    group_headings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Notice:
    """One extracted notice: the contract JSON and the normalised text its spans point into."""

    data: dict = field(repr=False)
    text: str = field(repr=False)

    @property
    def document(self) -> dict:
        return self.data["document"]

    @property
    def items(self) -> list[dict]:
        return self.data["items"]

    def to_dict(self) -> dict:
        """The contract JSON as a new dict (changing it leaves the Notice as it was)."""
        return copy.deepcopy(self.data)

    def targets(self) -> list[dict]:
        """One flat row per target with its document and item, as in the CSV table."""
        return target_rows(self.data)

    def __repr__(self) -> str:
        return f"Notice({self.document.get('title')!r}, items={len(self.items)}, targets={len(self.targets())})"


# The roles as a Chinese reader names them (the ledger, the review page).
ROLE_NAMES = {"target": "目标", "actual": "实际", "completion": "完成率"}


def target_rows(document: dict) -> list[dict]:
    """One flat row per target of a contract JSON document, with its document and item."""
    rows = []
    meta = document.get("document", {})
    for item in document.get("items", []):
        units = item.get("responsible_units", [])
        for target in item.get("targets", []):
            rows.append({
                "source": document.get("source", {}).get("name", ""),
                "title": meta.get("title") or "",
                "region": meta.get("region") or "",
                "year": meta.get("year") if meta.get("year") is not None else "",
                "item_id": item["id"],
                "item_title": item.get("title", ""),
                "metric": target["metric"],
                "value": target["value"],
                "value_max": target.get("value_max", ""),
                "unit": target["unit"],
                "comparator": target["comparator"],
                "role": target["role"],
                "lead_unit": units[0] if units else "",
                "responsible_units": "、".join(units),
                "raw": target["raw"],
            })
    return rows
