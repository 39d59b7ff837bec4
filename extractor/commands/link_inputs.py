"""What the `link` command reads (the application around the link stage): notices to extract, or outputs already extracted (files or batch folders)."""

from __future__ import annotations

import json
from pathlib import Path

from ..base.errors import NoticeError
from ..pipeline import extract_path
from ..output.relational import is_notice_output


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(file for file in path.rglob("*") if file.is_file()
                      and not any(part.startswith(".") for part in file.relative_to(path).parts)
                      and file.name not in ("errors.jsonl", "progress.json"))
    return [path]


def load_notices(paths: list[Path]) -> tuple[list[dict], list[tuple[str, str]]]:
    """Extracted notices in the order given (a notice given twice, as file and as output, once), and
    (file, reason) for each input that could not be read."""
    documents, failures, seen = [], [], set()
    for given in paths:
        if not given.exists():
            failures.append((str(given), "no such file or folder"))
            continue
        for path in _files(given):
            if path.suffix.lower() in (".jsonl", ".csv", ".xlsx", ".parquet", ".duckdb", ".html"):
                continue  # a batch folder's tables and reports, or an earlier link run's
            try:
                document = _read_output(path) if path.suffix.lower() == ".json" else extract_path(path)
            except NoticeError as error:
                failures.append((str(path), error.reason))
                continue
            key = document["source"].get("sha256") or path
            if key not in seen:
                seen.add(key)
                documents.append(document)
    return documents, failures


def _read_output(path: Path) -> dict:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NoticeError(path.name, f"not a JSON output of notice-extract ({type(error).__name__})") from None
    if not is_notice_output(document) or "document" not in document:
        raise NoticeError(path.name, "not a JSON output of notice-extract (no source and items)")
    return document


def link_records(documents: list[dict]) -> list[dict]:
    """The link records between outputs, for the links table: what `notice-extract link` writes."""
    from ..link import link_documents

    return link_documents(documents)
