"""Batch conversion: every notice under a folder, on all cores, resumable, failures listed.

Each document's JSON is written atomically as soon as it is done, so an interrupted batch
leaves only whole files, and `--resume` skips every document whose output already carries the
source's hash.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .errors import NoticeError
from .files import write_atomically
from .output import SCHEMA_VERSION, dumps

FORMATS = ("json", "jsonl", "csv", "xlsx")
ERRORS_FILE = "errors.jsonl"


@dataclass
class BatchResult:
    total: int
    converted: int
    skipped: int
    failures: list[tuple[str, str]]


def input_files(in_dir: Path, out_dir: Path) -> list[Path]:
    """Regular, non-hidden files under in_dir (the output folder excluded), in path order."""
    out_dir = out_dir.resolve()
    files = []
    for path in sorted(in_dir.rglob("*")):
        relative = path.relative_to(in_dir)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        if out_dir == path.resolve().parent or out_dir in path.resolve().parents:
            continue
        files.append(path)
    return files


def output_path(out_dir: Path, relative: Path) -> Path:
    return out_dir / (str(relative) + ".json")


def is_current(source: Path, output: Path) -> bool:
    """Whether output holds the extraction of exactly this source (same hash, same schema)."""
    try:
        data = json.loads(output.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    return data.get("schema_version") == SCHEMA_VERSION and data.get("source", {}).get("sha256") == digest


def _convert(path: str) -> tuple[str, str | None, str | None]:
    """(path, JSON text, error reason): runs in a worker process."""
    from .pipeline import extract_path

    try:
        return path, dumps(extract_path(path)), None
    except NoticeError as error:
        return path, None, error.reason
    except Exception as error:  # a bug must not stop the batch; it is listed with the failures
        return path, None, f"internal error ({type(error).__name__}: {error})"


def run(in_dir: Path, out_dir: Path, jobs: int | None = None, resume: bool = False,
        table_format: str = "json", progress: bool | None = None) -> BatchResult:
    files = input_files(in_dir, out_dir)
    for stale in out_dir.rglob(".*.tmp") if out_dir.is_dir() else []:
        stale.unlink()  # left by a run that was killed while writing
    relative = {str(path): path.relative_to(in_dir) for path in files}
    todo = [path for path in files if not (resume and is_current(path, output_path(out_dir, relative[str(path)])))]
    skipped = len(files) - len(todo)
    failures: list[tuple[str, str]] = []
    reporter = _Reporter(len(todo), sys.stderr.isatty() if progress is None else progress)
    converted = 0
    from . import read

    with ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 1, initializer=read.set_max_bytes,
                             initargs=(read.MAX_BYTES,)) as pool:
        futures = [pool.submit(_convert, str(path)) for path in todo]
        for future in as_completed(futures):
            path, content, reason = future.result()
            name = str(relative[path])
            if content is None:
                failures.append((name, reason))
                reporter.update(f"failed {name}: {reason}")
            else:
                write_atomically(output_path(out_dir, relative[path]), content)
                converted += 1
                reporter.update(f"converted {name}")
    reporter.close()
    failures.sort()
    _write_errors(out_dir, failures)
    _write_tables(out_dir, [output_path(out_dir, relative[str(path)]) for path in files], table_format)
    return BatchResult(len(files), converted, skipped, failures)


def _write_errors(out_dir: Path, failures: list[tuple[str, str]]) -> None:
    lines = "".join(json.dumps({"file": name, "reason": reason}, ensure_ascii=False) + "\n" for name, reason in failures)
    write_atomically(out_dir / ERRORS_FILE, lines)


def _write_tables(out_dir: Path, outputs: list[Path], table_format: str) -> None:
    """The combined file of --format, from the per-document JSON files of this batch."""
    if table_format == "json":
        return
    documents = []
    for path in outputs:
        if path.exists():
            documents.append(json.loads(path.read_text(encoding="utf-8")))
    if table_format == "jsonl":
        write_atomically(out_dir / "notices.jsonl",
                         "".join(json.dumps(document, ensure_ascii=False) + "\n" for document in documents))
        return
    from .spreadsheet import write_table

    write_table(documents, out_dir / f"targets.{table_format}")


class _Reporter:
    """A progress bar (done/total, rate, time left) on a terminal; plain log lines otherwise."""

    def __init__(self, total: int, interactive: bool):
        self.total, self.done, self.started = total, 0, time.monotonic()
        self.bar = None
        if interactive:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="notice", file=sys.stderr, dynamic_ncols=True)

    def update(self, message: str) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
            if message.startswith("failed"):
                self.bar.write(message, file=sys.stderr)
        else:
            print(f"[{self.done}/{self.total}] {message}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
