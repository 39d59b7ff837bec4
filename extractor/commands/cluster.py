"""Running a batch past one machine, on a Dask distributed cluster.

The batch stays what it is: the client lists the inputs, decides what is current, writes every
output atomically as its result comes back, and keeps errors.jsonl; only the extraction itself
runs on the workers. The scheduler reruns the tasks of a worker that is lost, and a result is
written by the client only once, so a killed worker loses nothing and no output is written twice.
Inputs may be local paths that every worker sees, or fsspec URLs (s3://…, file://…) that the
workers read themselves.

Why Dask: pure Python and light to install, fsspec for object stores, a LocalCluster for one
machine, and a scheduler that already reruns the tasks of lost workers.
"""

from __future__ import annotations

import os
import threading


def is_url(location: str) -> bool:
    return "://" in str(location)


def convert_on_worker(source: str, max_bytes: int, ocr_mode: str) -> tuple[str, str | None, str | None]:
    """One input on a Dask worker. Tasks run in a worker thread, where the per-document deadline's
    signal cannot arrive, so the extraction runs in a child process of this thread's (kept from task
    to task) under the deadline, and a child that overruns even that is killed: the notice fails
    with its reason and the worker goes on."""
    from ..pipeline import file_size
    from .isolated import Crashed, Overran, wall_limit

    child = _child(max_bytes, ocr_mode)
    size = 0 if is_url(source) else file_size(source)
    try:
        return child.call("extractor.commands.cluster:convert_source", source, wall_seconds=wall_limit(size))
    except Overran:
        return source, None, "extraction did not end within its time limit and was stopped"
    except Crashed as error:
        return source, None, f"extraction crashed ({error})"
    except RuntimeError as error:
        return source, None, f"internal error ({error})"


def convert_task(sources: list[str], max_bytes: int, ocr_mode: str) -> list[tuple[str, str | None, str | None]]:
    """One task of several inputs, each extracted as convert_on_worker does (its own deadline)."""
    return [convert_on_worker(source, max_bytes, ocr_mode) for source in sources]


# A task holds inputs up to TASK_BYTES (about a second of extraction of text notices): one task per
# notice cost more than extracting it. Tasks shrink as the batch goes, each a share of the bytes left
# among the worker threads (guided self-scheduling), so that the first tasks are long and the last
# ones short: no worker waits long for another to finish its last task. None is under MIN_TASK_BYTES
# unless its one input is.
TASK_BYTES = 256 * 1024
MIN_TASK_BYTES = 16 * 1024
SHARE = 3  # a task takes 1 / (SHARE × threads) of the bytes left


def tasks_of(sources: list[str], sizes: list[int], threads: int) -> list[list[str]]:
    """The sources, in their order, cut into tasks of shrinking numbers of bytes."""
    left = sum(sizes)
    tasks, current, filled = [], [], 0
    budget = _budget(left, threads)
    for source, size in zip(sources, sizes):
        if current and filled + size > budget:
            tasks.append(current)
            current, filled = [], 0
            budget = _budget(left, threads)
        current.append(source)
        filled += size
        left -= size
    if current:
        tasks.append(current)
    return tasks


def _budget(left: int, threads: int) -> int:
    return max(MIN_TASK_BYTES, min(TASK_BYTES, left // (SHARE * max(1, threads))))


def source_size(source: str) -> int:
    """Bytes of an input, for cutting tasks; an fsspec URL counts as a small notice (no round trip)."""
    from ..pipeline import file_size

    return 4096 if is_url(source) else file_size(source)


_children = threading.local()


def _child(max_bytes: int, ocr_mode: str):
    """This thread's extraction process with these limits."""
    from .isolated import Child

    child = getattr(_children, "child", None)
    if child is None or child.limits != (max_bytes, ocr_mode):
        if child is not None:
            child.close()
        child = _children.child = Child(max_bytes, ocr_mode)
    return child


def convert_source(source: str) -> tuple[str, str | None, str | None]:
    """(source, JSON text, error reason) of one input: a path, or an fsspec URL."""
    from .. import read
    from ..base.errors import NoticeError
    from ..output import dumps
    from ..pipeline import extract_bytes, extract_path

    try:
        if is_url(source):
            return source, dumps(extract_bytes(read_url(source, read.MAX_BYTES), source.rsplit("/", 1)[-1])), None
        return source, dumps(extract_path(source)), None
    except NoticeError as error:
        return source, None, error.reason
    except Exception as error:  # a bug must not stop the batch; it is listed with the failures
        return source, None, f"internal error ({type(error).__name__}: {error})"


def read_url(url: str, max_bytes: int) -> bytes:
    """An input behind an fsspec URL, never more than the limit."""
    import fsspec

    from ..base.errors import NoticeError
    from ..read import describe_size

    name = url.rsplit("/", 1)[-1]
    try:
        with fsspec.open(url, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except FileNotFoundError:
        raise NoticeError(name, "no such file") from None
    except OSError as error:
        raise NoticeError(name, f"cannot read: {error}") from None
    if len(data) > max_bytes:
        raise NoticeError(name, f"over the {describe_size(max_bytes)} limit (set a larger one with --max-mb)")
    return data


def list_url(url: str) -> list[tuple[str, str]]:
    """(URL, path relative to the folder) of every non-hidden file under an fsspec folder URL."""
    import fsspec.core

    filesystem, root = fsspec.core.url_to_fs(url)
    root = root.rstrip("/")
    protocol = url.split("://", 1)[0]
    found = []
    for path in sorted(filesystem.find(root)):
        relative = path[len(root):].lstrip("/")
        if not relative or any(part.startswith(".") for part in relative.split("/")):
            continue
        found.append((f"{protocol}://{path}", relative))
    return found


class DaskExecutor:
    """Tasks on a Dask cluster: `tcp://host:port` of a running scheduler, or `local` for a
    LocalCluster of one single-threaded worker process per job on this machine."""

    def __init__(self, address: str, jobs: int | None, max_bytes: int, ocr_mode: str):
        from distributed import Client, LocalCluster

        self.cluster = None
        self.arguments = (max_bytes, ocr_mode)
        if address == "local":
            self.cluster = LocalCluster(n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                        dashboard_address=None, host="127.0.0.1")
            self.client = Client(self.cluster)
        else:
            self.client = Client(address, timeout="20s")

    def results(self, sources: list[str]):
        """(source, JSON text, error reason) of each source, a task's at a time as tasks finish."""
        from distributed import as_completed

        threads = sum(self.client.nthreads().values())
        tasks = tasks_of(sources, [source_size(source) for source in sources], max(1, threads))
        # long tasks first: a higher priority runs sooner
        futures = [self.client.submit(convert_task, task, *self.arguments, priority=len(tasks) - number, pure=False)
                   for number, task in enumerate(tasks)]
        sources_of = {future.key: task for future, task in zip(futures, tasks)}
        for future in as_completed(futures):
            try:
                # waits if its result was lost with a worker after it finished: the scheduler reruns it
                results = future.result()
            except Exception as error:  # lost with worker after worker (the scheduler gave up), or cancelled
                reason = f"the cluster could not run it ({type(error).__name__}: {error})"
                results = [(source, None, reason) for source in sources_of[future.key]]
            future.release()
            yield from results

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    terminate = close
