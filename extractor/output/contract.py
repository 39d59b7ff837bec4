"""The contract JSON (stage 6, output): fields in the contract's order, deterministic text."""

from __future__ import annotations

import json
from decimal import Decimal

from ..base import patterns

SCHEMA_VERSION = 1


def number(value: Decimal) -> int | float:
    """Exact values print as integers where they are whole (10万 → 100000, never 100000.0)."""
    normalised = value.normalize()
    if normalised == normalised.to_integral_value():
        return int(normalised)
    return float(normalised)


def target_json(target) -> dict:
    record = {"metric": target.metric, "value": number(target.value)}
    if target.value_max is not None:
        record["value_max"] = number(target.value_max)
    record.update({
        "unit": target.unit,
        "comparator": target.comparator,
        "role": target.role,
        "raw": target.raw,
        "span": list(target.span),
        "rule": target.rule,
    })
    return record


def item_json(item, text: str, targets, several_sections: bool) -> dict:
    path_id = ".".join(str(number) for number in item.path)
    return {
        "id": f"{item.section}:{path_id}" if several_sections else path_id,
        "section": item.section,
        "path": list(item.path),
        "title": item.title,
        "text": text[item.span[0]:item.span[1]],
        "span": list(item.span),
        "responsible_units": list(item.responsible_units),
        "lead_units": item.lead_units,
        "targets": [target_json(target) for target in targets],
    }


def document_json(raw, document: dict, sections: list[dict], items: list[dict]) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "source": {"name": raw.name, "sha256": raw.sha256, "format": raw.format,
                   **({"encoding": raw.encoding} if raw.encoding else {}), **_ocr_json(raw.ocr_confidences)},
        "document": {key: document.get(key) for key in ("title", "issuer", "doc_number", "date", "region", "year")},
        "sections": sections,
        "items": items,
    }


def _ocr_json(confidences) -> dict:
    """How sure the recogniser was, for a document read (partly) by OCR: a user sorts scans by it."""
    if confidences is None:
        return {}
    return {"ocr": {"lines": len(confidences),
                    "mean_confidence": round(sum(confidences) / len(confidences), 3) if confidences else 0.0,
                    "lowest_confidence": round(min(confidences), 3) if confidences else 0.0}}


_NUMBER_ARRAY = patterns.compiled(r"\[\s*(-?[\d.]+(?:,\s*-?[\d.]+)*)\s*\]")


def dumps(document: dict) -> str:
    """Indented JSON with number arrays (span, path) kept on one line, so diffs read well."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _NUMBER_ARRAY.sub(lambda m: "[" + patterns.sub(r",\s*", ", ", m.group(1)) + "]", text) + "\n"
