"""Batch conversion: every notice under a folder, on all cores, resumable, failures listed.

Each document's JSON is written atomically as soon as it is done, so an interrupted batch
leaves only whole files, and `--resume` skips every document whose output already carries the
source's hash.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import multiprocessing
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..base.errors import NoticeError
from ..base.files import remove_leftovers, write_atomically
from ..output import SCHEMA_VERSION

FORMATS = ("json", "jsonl", "csv", "xlsx", "parquet")
ERRORS_FILE = "errors.jsonl"
LOCK_FILE = ".notice-extract.lock"


@dataclass
class BatchResult:
    total: int
    converted: int
    skipped: int
    failures: list[tuple[str, str]]


def input_files(in_dir: Path, out_dir: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Regular, non-hidden files under in_dir (the output folder excluded), in path order, and
    what could not be listed or read (an unreadable folder, a symlink loop, a broken link):
    nothing is skipped silently."""
    out_dir = out_dir.resolve()
    files, problems = [], []

    def unreadable(error: OSError) -> None:
        problems.append((str(Path(error.filename).relative_to(in_dir)), f"cannot list: {error.strerror}"))

    for folder, folders, names in os.walk(in_dir, onerror=unreadable):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in names:
            path = Path(folder) / name
            relative = path.relative_to(in_dir)
            if name.startswith("."):
                continue
            try:
                resolved = path.resolve(strict=True)
            except (OSError, RuntimeError) as error:
                reason = "symlink loop" if isinstance(error, RuntimeError) or getattr(error, "errno", 0) == 40 \
                    else "broken link" if path.is_symlink() else f"cannot read: {getattr(error, 'strerror', error)}"
                problems.append((str(relative), reason))
                continue
            if out_dir == resolved.parent or out_dir in resolved.parents or not resolved.is_file():
                continue
            files.append(path)
    return sorted(files), sorted(problems)


def output_path(out_dir: Path, relative: Path) -> Path:
    return out_dir / (str(relative) + ".json")


def is_current(source: Path | str, output: Path) -> bool:
    """Whether output holds the extraction of exactly this source (same hash, same schema); a
    source that cannot be read is not current (converting it then lists why)."""
    from .cluster import is_url, read_url

    try:
        data = json.loads(output.read_text(encoding="utf-8"))
        content = read_url(str(source), 1 << 62) if is_url(source) else Path(source).read_bytes()
        digest = hashlib.sha256(content).hexdigest()
    except (OSError, ValueError, NoticeError):
        return False
    return data.get("schema_version") == SCHEMA_VERSION and data.get("source", {}).get("sha256") == digest


class Terminated(Exception):
    """SIGTERM reached the batch."""


class Interrupted(Exception):
    """A batch stopped by a signal, its workers stopped with it."""

    def __init__(self, signal_number: int, converted: int, total: int):
        super().__init__(signal_number, converted, total)
        self.signal_number, self.converted, self.total = signal_number, converted, total


def _terminated(signal_number, frame):
    raise Terminated()


def _start_worker(max_bytes: int, ocr_mode: str) -> None:
    """A worker leaves SIGINT and SIGTERM to the batch, which stops all workers at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from .. import read

    read.set_max_bytes(max_bytes)
    read.set_ocr_mode(ocr_mode)


def _convert(path: str) -> tuple[str, str | None, str | None]:
    """(path, JSON text, error reason): runs in a worker process."""
    from .cluster import convert_source

    return convert_source(path)


class OutputLocked(Exception):
    """Another batch is writing into the same output folder."""


@contextlib.contextmanager
def output_lock(out_dir: Path):
    """An exclusive lock on the output folder for the length of a batch: a second batch into the
    same folder is refused instead of sweeping the first one's files away."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK_FILE, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputLocked(f"{out_dir}: another batch is writing into this folder") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run(in_dir: Path | str, out_dir: Path, jobs: int | None = None, resume: bool = False,
        table_format: str = "json", progress: bool | None = None, database: str | None = None,
        cluster: str | None = None) -> BatchResult:
    """`in_dir`: a folder, or an fsspec URL of one (with a cluster); `database`: a DuckDB file or a
    PostgreSQL URL that each output is loaded into as it is written; `cluster`: the address of a
    Dask scheduler, or `local`, to extract on its workers instead of this machine's processes."""
    with output_lock(out_dir):
        loader = _Loader(database)
        try:
            return _run(in_dir, out_dir, jobs, resume, table_format, progress, loader, cluster)
        finally:
            loader.close()


class ClusterUnreachable(Exception):
    """The Dask scheduler given cannot be reached."""


class _ProcessExecutor:
    """This machine's cores: a process pool whose workers leave the signals to the batch."""

    def __init__(self, jobs: int | None):
        from .. import read

        self.pool = multiprocessing.Pool(jobs or os.cpu_count() or 1, initializer=_start_worker,
                                         initargs=(read.MAX_BYTES, read.OCR_MODE))

    def results(self, sources: list[str]):
        yield from self.pool.imap_unordered(_convert, sources)

    def close(self) -> None:
        self.pool.close()
        self.pool.join()

    def terminate(self) -> None:
        self.pool.terminate()
        self.pool.join()


def _executor(cluster: str | None, jobs: int | None):
    if not cluster:
        return _ProcessExecutor(jobs)
    from .. import read
    from .cluster import DaskExecutor

    try:
        return DaskExecutor(cluster, jobs, read.MAX_BYTES, read.OCR_MODE)
    except (OSError, TimeoutError) as error:
        raise ClusterUnreachable(f"{cluster}: cannot reach the cluster ({type(error).__name__})") from None


class _Loader:
    """Loads outputs into the database, if there is one; what it refuses is a failure of its file."""

    def __init__(self, target: str | None):
        from ..output.database import Database

        self.database = Database(target) if target else None

    def load(self, name: str, path: Path, failures: list[tuple[str, str]]) -> None:
        if self.database is None:
            return
        from sqlalchemy.exc import SQLAlchemyError

        from ..output import relational
        from ..output.database import reason_of

        try:
            self.database.load(relational.read_output(path), relational.extraction_time(path))
        except SQLAlchemyError as error:
            failures.append((name, f"database refused it ({reason_of(error)})"))

    def load_links(self, paths: list[Path], failures: list[tuple[str, str]]) -> None:
        """The links between this batch's outputs replace those from them, once all are written."""
        if self.database is None:
            return
        from sqlalchemy.exc import SQLAlchemyError

        from ..output import relational
        from ..output.database import reason_of
        from .link_inputs import link_records

        documents = [relational.read_output(path) for path in paths if path.exists()]
        try:
            self.database.load_links(relational.link_rows(link_records(documents), documents),
                                     [document["source"]["sha256"] for document in documents])
        except SQLAlchemyError as error:
            failures.append(("links", f"database refused them ({reason_of(error)})"))

    def close(self) -> None:
        if self.database is not None:
            self.database.close()


def _run(in_dir: Path | str, out_dir: Path, jobs: int | None, resume: bool, table_format: str,
         progress: bool | None, loader: _Loader, cluster: str | None) -> BatchResult:
    from .cluster import is_url, list_url

    if is_url(in_dir):
        listed = list_url(str(in_dir))
        files, unlisted = [source for source, _ in listed], []
        relative = {source: Path(name) for source, name in listed}
    else:
        files, unlisted = input_files(in_dir, out_dir)
        relative = {str(path): path.relative_to(in_dir) for path in files}
    remove_leftovers(out_dir)  # left by runs that were killed while writing
    todo = [path for path in files if not (resume and is_current(path, output_path(out_dir, relative[str(path)])))]
    skipped = len(files) - len(todo)
    failures: list[tuple[str, str]] = list(unlisted)
    todo_names = {str(path) for path in todo}
    for path in files:  # outputs already current go into the database too (loading is idempotent)
        if str(path) not in todo_names:
            loader.load(str(relative[str(path)]), output_path(out_dir, relative[str(path)]), failures)
    reporter = _Reporter(len(todo), sys.stderr.isatty() if progress is None else progress)
    converted = 0
    executor = _executor(cluster, jobs)
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        for path, content, reason in executor.results([str(path) for path in todo]):
            name = str(relative[path])
            if content is None:
                failures.append((name, reason))
                output_path(out_dir, relative[path]).unlink(missing_ok=True)  # no stale output of it
                reporter.update(f"failed {name}: {reason}")
            else:
                write_atomically(output_path(out_dir, relative[path]), content)
                loader.load(name, output_path(out_dir, relative[path]), failures)
                converted += 1
                reporter.update(f"converted {name}")
        executor.close()
    except (KeyboardInterrupt, Terminated) as stop:
        executor.terminate()  # no worker outlives the batch; every output written so far is whole
        reporter.close()
        raise Interrupted(signal.SIGTERM if isinstance(stop, Terminated) else signal.SIGINT, converted,
                          len(todo)) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    reporter.close()
    loader.load_links([output_path(out_dir, relative[str(path)]) for path in files], failures)
    failures.sort()
    _write_errors(out_dir, failures)
    _write_tables(out_dir, [output_path(out_dir, relative[str(path)]) for path in files], table_format)
    return BatchResult(len(files) + len(unlisted), converted, skipped, failures)


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
    if table_format == "parquet":
        from ..output import relational
        from ..output.parquet import write_parquet

        from .link_inputs import link_records

        write_parquet([(relational.read_output(path), relational.extraction_time(path))
                       for path in outputs if path.exists()], out_dir, links=link_records)
        return
    from ..output.spreadsheet import write_table

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
