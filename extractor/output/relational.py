"""One extracted notice as the rows of four relational tables — documents, items,
responsible_units, targets — shared by the database loader and the Parquet writer, so that both
hold the same columns and the same exact values."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

TABLE_NAMES = ("documents", "items", "responsible_units", "targets")
LINK_TABLE = "links"


def rows(document: dict, extracted_at: datetime.datetime) -> dict:
    """The rows of each table for one notice output, keyed by table name."""
    digest = document["source"]["sha256"]
    fields = document["document"]
    tables = {
        "documents": {
            "sha256": digest, "source_name": document["source"]["name"], "format": document["source"]["format"],
            "title": fields.get("title"), "issuer": fields.get("issuer"), "doc_number": fields.get("doc_number"),
            "date": datetime.date.fromisoformat(fields["date"]) if fields.get("date") else None,
            "region": fields.get("region"), "year": fields.get("year"),
            "extracted_at": extracted_at, "schema_version": document["schema_version"],
        },
        "items": [], "responsible_units": [], "targets": [],
    }
    for item in document["items"]:
        tables["items"].append({"document": digest, "item_id": item["id"], "section": item["section"],
                              "path": ".".join(map(str, item["path"])), "title": item["title"], "text": item["text"]})
        lead = item.get("lead_units", 0)
        for position, unit in enumerate(item["responsible_units"], 1):
            tables["responsible_units"].append({"document": digest, "item_id": item["id"], "position": position,
                                              "unit": unit, "lead": position <= lead})
        for position, target in enumerate(item["targets"], 1):
            tables["targets"].append({
                "document": digest, "item_id": item["id"], "position": position, "metric": target["metric"],
                "value": exact(target["value"]),
                "value_max": exact(target["value_max"]) if "value_max" in target else None,
                "unit": target["unit"], "comparator": target["comparator"], "role": target["role"],
                "raw": target["raw"], "span_start": target["span"][0], "span_end": target["span"][1],
                "rule": target.get("rule"),
            })
    return tables


def link_rows(links: list[dict], documents: list[dict]) -> list[dict]:
    """The `links` table of link records (extractor/link/schema.json) between these documents: each
    end by document hash, item id and target position (1-based, as in `targets`), so that a link
    joins the rows of `items` and `targets` it connects. A record naming a source that is not among
    the documents is left out. `position` numbers the links of one `from` document."""
    digests = {document["source"]["name"]: document["source"]["sha256"] for document in documents}
    rows, positions = [], {}
    for link in links:
        start, end = link["from"], link["to"]
        if start["source"] not in digests or end["source"] not in digests:
            continue
        document = digests[start["source"]]
        positions[document] = positions.get(document, 0) + 1
        rows.append({
            "from_document": document, "position": positions[document], "kind": link["kind"],
            "from_item_id": start["item"], "from_position": start["target"] + 1 if "target" in start else None,
            "to_document": digests[end["source"]], "to_item_id": end["item"],
            "to_position": end["target"] + 1 if "target" in end else None,
            "relation": link["relation"], "score": exact(link["score"]), "rule": link["rule"], "status": link["status"],
        })
    return rows


def exact(value) -> Decimal:
    """A JSON number as the decimal it was written as (never through a binary float)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def read_output(path: Path) -> dict:
    """One batch output, its numbers read as decimals."""
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def output_files(out_dir: Path) -> list[Path]:
    """The per-notice JSON outputs of a batch folder (not its tables, errors or hidden files)."""
    return sorted(path for path in out_dir.rglob("*.json")
                  if path.is_file() and not any(part.startswith(".") for part in path.relative_to(out_dir).parts))


def extraction_time(path: Path) -> datetime.datetime:
    """When the output was written: the batch writes each output as it extracts it."""
    return datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.timezone.utc).replace(microsecond=0)


def is_notice_output(document) -> bool:
    return isinstance(document, dict) and isinstance(document.get("source"), dict) \
        and "sha256" in document["source"] and isinstance(document.get("items"), list)
