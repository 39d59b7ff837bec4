"""Precision, recall and F1 of a folder of predictions against a folder of gold JSON files."""

from __future__ import annotations

import collections
import json
from pathlib import Path

from ..base.errors import NoticeError

LEVELS = ("items", "targets", "strict", "units", "document")


def _records(name: str, document: dict) -> dict[str, collections.Counter]:
    records = {level: collections.Counter() for level in LEVELS}
    for field, value in (document.get("document") or {}).items():
        if value is not None:
            records["document"][(name, field, json.dumps(value, ensure_ascii=False))] += 1
    for item in document.get("items", []):
        key = (name, item["id"])
        records["items"][key] += 1
        for unit in item.get("responsible_units", []):
            records["units"][key + (unit,)] += 1
        for target in item.get("targets", []):
            value = (target.get("value"), target.get("unit"))
            records["targets"][key + value] += 1
            records["strict"][key + value + (target.get("comparator"), target.get("role"), target.get("metric"))] += 1
    return records


def _load_dir(folder: Path) -> dict[str, dict]:
    if not folder.is_dir():
        raise NoticeError(str(folder), "not a folder")
    documents = {}
    for path in sorted(folder.rglob("*.json")):
        try:
            documents[str(path.relative_to(folder))] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise NoticeError(str(path), f"not readable JSON: {error}") from None
    return documents


def evaluate_dirs(gold_dir: Path, pred_dir: Path) -> dict[str, dict[str, float]]:
    gold, predicted = _load_dir(gold_dir), _load_dir(pred_dir)
    if gold and not set(gold) & set(predicted):
        raise NoticeError(str(pred_dir), f"no prediction pairs up with a gold file (gold names like {next(iter(gold))!r}: "
                                         "<file name>.json, as batch and extract -o write them)")
    totals = {level: [0, 0, 0] for level in LEVELS}  # true positives, predicted, gold
    for name, gold_document in gold.items():
        if "error" in gold_document:
            continue
        gold_records = _records(name, gold_document)
        predicted_records = _records(name, predicted.get(name, {}))
        for level in LEVELS:
            true_positives = sum((gold_records[level] & predicted_records[level]).values())
            totals[level][0] += true_positives
            totals[level][1] += sum(predicted_records[level].values())
            totals[level][2] += sum(gold_records[level].values())
    report = {}
    for level, (true_positives, predicted_count, gold_count) in totals.items():
        precision = true_positives / predicted_count if predicted_count else 0.0
        recall = true_positives / gold_count if gold_count else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        report[level] = {"precision": precision, "recall": recall, "f1": f1, "gold": gold_count,
                         "predicted": predicted_count}
    return report


def format_report(report: dict) -> str:
    lines = [f"{'level':<10}{'precision':>10}{'recall':>10}{'f1':>10}{'gold':>8}{'pred':>8}"]
    for level, scores in report.items():
        lines.append(f"{level:<10}{scores['precision']:>10.3f}{scores['recall']:>10.3f}{scores['f1']:>10.3f}"
                     f"{scores['gold']:>8}{scores['predicted']:>8}")
    return "\n".join(lines)
