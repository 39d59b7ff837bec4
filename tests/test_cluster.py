"""The batch on a real Dask cluster: a scheduler and two workers started here with the `dask
scheduler` and `dask worker` commands on 127.0.0.1, stopped at the end. Its outputs must be the
local batch's, byte for byte, and a worker killed midway must lose nothing."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import CORPUS, ROOT

DASK = Path(sys.executable).parent / "dask"
SOURCES = sorted(path for path in CORPUS.iterdir() if path.is_file())  # text, PDF, DOCX and HTML notices


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_worker(address: str, name: str, environment: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([str(DASK), "worker", address, "--nthreads", "1", "--nworkers", "1", "--name", name,
                             "--no-dashboard", "--host", "127.0.0.1", "--death-timeout", "30"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env={**os.environ, **(environment or {})})


def _wait_for_workers(address: str, count: int) -> None:
    from distributed import Client

    with Client(address, timeout="30s") as client:
        client.wait_for_workers(count, timeout=60)


@contextlib.contextmanager
def _cluster(environment: dict | None = None):
    """A scheduler and two workers; the workers are handed out so that a test may kill one."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                  "--no-dashboard"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
    workers = [_start_worker(address, f"worker-{number}", environment) for number in (1, 2)]
    try:
        _wait_for_workers(address, 2)
        yield address, workers
    finally:
        for process in [*workers, scheduler]:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in [*workers, scheduler]:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def cluster():
    with _cluster() as started:
        yield started


def _inbox(folder: Path, copies: int = 1) -> Path:
    inbox = folder / "in"
    inbox.mkdir()
    for copy in range(copies):
        for source in SOURCES:
            shutil.copy(source, inbox / f"{copy}_{source.name}")
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00" * 200)  # errors.jsonl must match too
    return inbox


def _files(folder: Path) -> dict:
    return {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*")
            if path.is_file() and not path.name.startswith(".")}


def test_a_cluster_batch_writes_what_a_local_batch_writes(cluster, tmp_path, run_cli):
    address, _ = cluster
    inbox = _inbox(tmp_path)
    local = run_cli("batch", inbox, "-o", tmp_path / "local", "--jobs", "2")
    remote = run_cli("batch", inbox, "-o", tmp_path / "remote", "--cluster", address)
    assert local.returncode == remote.returncode == 1  # the broken PDF
    assert _files(tmp_path / "remote") == _files(tmp_path / "local")
    assert f"[{len(SOURCES) + 1}/{len(SOURCES) + 1}]" in remote.stderr  # progress as tasks finish
    resumed = run_cli("batch", inbox, "-o", tmp_path / "remote", "--cluster", address, "--resume")
    assert f"0 converted, {len(SOURCES)} already current, 1 failed" in resumed.stderr


def test_inputs_behind_an_fsspec_url(cluster, tmp_path, run_cli):
    address, _ = cluster
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name in ("001_42ff27236c2e870f.txt", "026_shangcheng_gov_page.html"):
        shutil.copy(CORPUS / name, inbox / name)
    local = run_cli("batch", inbox, "-o", tmp_path / "local")
    remote = run_cli("batch", f"file://{inbox}", "-o", tmp_path / "remote", "--cluster", address)
    assert remote.returncode == 0, remote.stderr
    assert _files(tmp_path / "remote") == _files(tmp_path / "local")


def test_a_worker_killed_midway_loses_nothing(cluster, tmp_path, run_cli):
    address, workers = cluster
    inbox = _inbox(tmp_path, copies=3)
    total = len(list(inbox.iterdir()))
    out = tmp_path / "remote"
    batch = subprocess.Popen([sys.executable, "-m", "extractor", "batch", str(inbox), "-o", str(out),
                              "--cluster", address], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 10:
        time.sleep(0.05)
    written_before = len(list(out.glob("*.json")))
    os.killpg(workers[0].pid, signal.SIGKILL)  # the worker and its process, mid-task
    workers[0].wait(timeout=30)
    _, stderr = batch.communicate(timeout=600)
    assert written_before < total - 20, "the worker must be killed midway"
    assert batch.returncode == 1, stderr  # only the broken PDF fails
    written = [line.split("] ", 1)[1] for line in stderr.splitlines() if line.startswith("[")]
    assert len(written) == total and len(set(written)) == total, "every input reported once"
    assert f"{total - 1} converted, 0 already current, 1 failed" in stderr
    reference = tmp_path / "local"
    run_cli("batch", inbox, "-o", reference, "--jobs", "2")
    assert _files(out) == _files(reference)
    assert not list(out.rglob("*.tmp"))


def test_a_local_cluster_on_this_machine(tmp_path, run_cli):
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(CORPUS / "002_luoyang_lead_support.txt", inbox)
    result = run_cli("batch", inbox, "-o", tmp_path / "out", "--cluster", "local", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "002_luoyang_lead_support.txt.json").read_bytes() == \
        (ROOT / "golden" / "002_luoyang_lead_support.txt.json").read_bytes()


def test_an_unreachable_scheduler_is_one_line(tmp_path, run_cli):
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(CORPUS / "002_luoyang_lead_support.txt", inbox)
    result = run_cli("batch", inbox, "-o", tmp_path / "out", "--cluster", f"tcp://127.0.0.1:{_free_port()}")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "cannot reach the cluster" in result.stderr


def test_a_runaway_notice_fails_on_a_worker_and_the_worker_goes_on(tmp_path, run_cli):
    """Workers whose documents get one CPU second (and 0.2 s a megabyte): a 4 MB notice that takes
    several seconds to extract passes its deadline inside the worker's extraction process, is listed
    in errors.jsonl, and both workers go on converting; without a guard in the worker it would run
    to its end (a worker thread gets no deadline signal)."""
    names = ["002_luoyang_lead_support.txt", "019_xiangtan_tab_table.txt", "021_kaifeng_seed.pdf",
             "030_luohe_field_lines.txt"]
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name in names:
        shutil.copy(CORPUS / name, inbox / name)
    (inbox / "0_runaway.txt").write_bytes((CORPUS / "001_42ff27236c2e870f.txt").read_bytes() * 800)
    with _cluster({"NOTICE_EXTRACT_DEADLINE": "1", "NOTICE_EXTRACT_DEADLINE_PER_MB": "0.2"}) as (address, workers):
        result = run_cli("batch", inbox, "-o", tmp_path / "out", "--cluster", address)
        assert result.returncode == 1, result.stderr
        errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
        assert errors == [{"file": "0_runaway.txt",
                           "reason": "pattern matching timed out: the text is too irregular to extract"}]
        assert "4 converted, 0 already current, 1 failed" in result.stderr
        for name in names:
            assert (tmp_path / "out" / f"{name}.json").read_bytes() == (ROOT / "golden" / f"{name}.json").read_bytes()
        assert all(worker.poll() is None for worker in workers)
        again = run_cli("batch", inbox, "-o", tmp_path / "again", "--cluster", address)
        assert "4 converted, 0 already current, 1 failed" in again.stderr


def test_an_extraction_process_that_overruns_or_crashes_is_ended_and_replaced():
    """The wall-clock limit past the CPU deadline, and a crash: each is one error, and the next call
    runs in a new child."""
    from extractor.commands.isolated import Child, Crashed, Overran

    child = Child(1 << 20, "auto")
    try:
        first = child.call("os:getpid", wall_seconds=30)
        with pytest.raises(Overran):
            child.call("time:sleep", 30, wall_seconds=0.5)  # no CPU spent: only the wall clock ends it
        second = child.call("os:getpid", wall_seconds=30)
        with pytest.raises(Crashed, match="signal 11"):
            child.call("os:kill", 0, signal.SIGSEGV, wall_seconds=30)
        with pytest.raises(RuntimeError, match="JSONDecodeError"):
            child.call("json:loads", "not json", wall_seconds=30)
        third = child.call("os:getpid", wall_seconds=30)
        assert len({first, second, third}) == 3
        for pid in (first, second):
            assert not os.path.exists(f"/proc/{pid}")  # killed and reaped
    finally:
        child.close()


def test_tasks_hold_many_notices_cut_by_bytes_and_shrinking():
    """Sources keep their order, each in one task; a task holds up to TASK_BYTES (or its one larger
    input) and the tasks shrink towards the end, where the workers finish together."""
    from extractor.commands.cluster import MIN_TASK_BYTES, TASK_BYTES, tasks_of

    sources = [f"n{index}" for index in range(3000)]
    sizes = [1000 + (index * 7919) % 3000 for index in range(3000)]
    sizes[100] = 5 * TASK_BYTES  # a large input is a task of its own
    tasks = tasks_of(sources, sizes, 2)
    assert [source for task in tasks for source in task] == sources
    size_of = dict(zip(sources, sizes))
    totals = [sum(size_of[source] for source in task) for task in tasks]
    assert ["n100"] in tasks
    assert all(total <= TASK_BYTES or len(task) == 1 for task, total in zip(tasks, totals))
    assert len(tasks) < len(sources) / 20
    assert totals[-2] < MIN_TASK_BYTES * 2 < TASK_BYTES / 2 <= totals[1]
    assert tasks_of([], [], 2) == [] and tasks_of(["a", "b"], [0, 0], 0) == [["a", "b"]]


def test_a_cluster_batch_sends_tasks_of_many_notices(cluster, tmp_path, run_cli):
    """On the scheduler, a batch of 300 small notices is a few tasks of many notices (not one task
    per notice), and its outputs are the local batch's."""
    from distributed import Client, get_task_stream

    from extractor.commands.cluster import tasks_of

    address, _ = cluster
    inbox = tmp_path / "in"
    inbox.mkdir()
    texts = sorted(CORPUS.glob("*.txt"))
    for index in range(300):
        shutil.copy(texts[index % len(texts)], inbox / f"{index:03d}_{texts[index % len(texts)].name}")
    files = sorted(inbox.iterdir())
    with Client(address, timeout="30s") as client, get_task_stream(client) as stream:
        remote = run_cli("batch", inbox, "-o", tmp_path / "remote", "--cluster", address)
    assert remote.returncode == 0, remote.stderr
    tasks = [record for record in stream.data if str(record["key"]).startswith("convert_task")]
    assert len(tasks) == len(tasks_of([str(path) for path in files], [path.stat().st_size for path in files], 2))
    assert 2 <= len(tasks) <= 30
    assert sum(line.startswith("[") for line in remote.stderr.splitlines()) == 300  # each reported once
    local = run_cli("batch", inbox, "-o", tmp_path / "local", "--jobs", "2")
    assert local.returncode == 0
    assert _files(tmp_path / "remote") == _files(tmp_path / "local")
