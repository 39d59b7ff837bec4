"""Batch conversion: every notice under a folder, on all cores, resumable, failures listed.

Each document's JSON is written atomically as soon as it is done, so an interrupted batch
leaves only whole files, and `--resume` skips every document whose output already carries the
source's hash.
"""

from __future__ import annotations

import collections
import contextlib
import fcntl
import functools
import hashlib
import json
import multiprocessing
import os
import queue
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


# What a worker answers, the first item saying which: ("document", path, JSON text, error reason),
# ("pages", path, page numbers) or ("page", path, page number, OcrPage, error reason, process id).

def _convert(path: str) -> tuple:
    """A document, or, for a scan of several pages, the numbers of the pages to read first (runs
    in a worker process)."""
    from .cluster import convert_source

    pages = _ocr_pages(path)
    if len(pages) > 1:
        return "pages", path, pages
    return ("document", *convert_source(path))


def _ocr_pages(path: str) -> list[int]:
    """The pages of a PDF or image file that OCR will read; none for any other file, or one that
    cannot be read or is over the size limit (converting it says why)."""
    from .. import read
    from .cluster import is_url

    if is_url(path):
        return []
    try:
        with open(path, "rb") as stream:
            head = stream.read(1024)
            if read.sniff(head) not in ("pdf", "image") or os.fstat(stream.fileno()).st_size > read.MAX_BYTES:
                return []
            return read.ocr_pages(head + stream.read())
    except OSError:
        return []


def _read_page(path: str, number: int) -> tuple:
    """One page of a scan read by OCR under the time budget of its file (runs in a worker process)."""
    from ..pipeline import guarded
    from ..read import read_page

    name = Path(path).name
    try:
        data = Path(path).read_bytes()
        with guarded(name, len(data)):
            return "page", path, number, read_page(data, name, number), None, os.getpid()
    except NoticeError as error:
        return "page", path, number, None, error.reason, os.getpid()
    except Exception as error:  # as convert_source: a bug fails the document, not the batch
        return "page", path, number, None, f"internal error ({type(error).__name__}: {error})", os.getpid()


def _convert_read_pages(path: str, pages: dict) -> tuple:
    """A scan whose pages were read in other processes (runs in a worker process)."""
    from ..read.ocr import pages_read_elsewhere
    from .cluster import convert_source

    with pages_read_elsewhere(pages):
        return ("document", *convert_source(path))


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
    """This machine's cores: a process pool whose workers leave the signals to the batch. A scan of
    several pages is read page by page on all workers (OCR takes seconds a page), then put together
    on one; its pages go before the documents still waiting."""

    def __init__(self, jobs: int | None):
        from .. import read

        self.jobs = jobs or os.cpu_count() or 1
        self.pool = multiprocessing.Pool(self.jobs, initializer=_start_worker, initargs=(read.MAX_BYTES, read.OCR_MODE))

    def results(self, sources: list[str]):
        """(path, JSON text, error reason, how its pages were read) of each document as it is done."""
        waiting = collections.deque((_convert, (source,)) for source in sources)
        answers: queue.SimpleQueue = queue.SimpleQueue()
        scans: dict[str, dict[int, tuple | None]] = {}  # pages being read: number → (OcrPage, reason, pid)
        notes: dict[str, str] = {}  # scans being put together: how their pages were read
        running = 0
        while waiting or running:
            while waiting and running < 2 * self.jobs:  # a few tasks ahead, so that no worker waits
                function, arguments = waiting.popleft()
                self.pool.apply_async(function, arguments, callback=answers.put,
                                      error_callback=functools.partial(_lost, answers, arguments))
                running += 1
            answer = answers.get()
            running -= 1
            if answer[0] == "document":
                yield *answer[1:], notes.pop(answer[1], "")
            elif answer[0] == "pages":
                path, numbers = answer[1:]
                scans[path] = dict.fromkeys(numbers)
                waiting.extendleft((_read_page, (path, number)) for number in reversed(numbers))
            else:
                path, number, *page = answer[1:]
                pages = scans[path]
                pages[number] = tuple(page)
                if any(page is None for page in pages.values()):
                    continue
                del scans[path]
                reasons = [reason for _, reason, _ in pages.values() if reason]
                if reasons:  # the first page that failed, where reading the pages in turn stops
                    yield path, None, reasons[0], ""
                else:
                    notes[path] = f"{len(pages)} pages read in {len({pid for _, _, pid in pages.values()})} processes"
                    waiting.appendleft((_convert_read_pages, (path, {number: page for number, (page, _, _) in pages.items()})))

    def close(self) -> None:
        self.pool.close()
        self.pool.join()

    def terminate(self) -> None:
        self.pool.terminate()
        self.pool.join()


def _lost(answers: queue.SimpleQueue, arguments: tuple, error: BaseException) -> None:
    """A task whose answer never came back (it could not be sent or received): its document fails."""
    reason = f"internal error ({type(error).__name__}: {error})"
    if len(arguments) == 2 and isinstance(arguments[1], int):  # a page
        answers.put(("page", arguments[0], arguments[1], None, reason, None))
    else:
        answers.put(("document", arguments[0], None, reason))


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
        # the cluster's results say no more than path, content and reason; this machine's also how a
        # scan's pages were read
        for path, content, reason, *how in executor.results([str(path) for path in todo]):
            name = str(relative[path])
            read = f" ({how[0]})" if how and how[0] else ""
            if content is None:
                failures.append((name, reason))
                output_path(out_dir, relative[path]).unlink(missing_ok=True)  # no stale output of it
                reporter.update(f"failed {name}: {reason}")
            else:
                write_atomically(output_path(out_dir, relative[path]), content)
                loader.load(name, output_path(out_dir, relative[path]), failures)
                converted += 1
                reporter.update(f"converted {name}{read}")
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
