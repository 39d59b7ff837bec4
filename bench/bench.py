"""`make bench`: speed on this machine, as figures (medians of several runs), never asserted.

Measures, each beside a yardstick run in the same process so that a ratio survives a slower or
busier machine: in-process throughput of extract on the text corpus repeated to at least 2 MB
(one core, after a warm-up) against jieba.lcut of the same texts; the wall time of one
`notice-extract extract` run on a small notice, start-up included, against `python -c pass` and
`python -c "import regex"`; the cost per KB of five shapes of input at 1×, 10× and 100× (no
growth beyond noise means linear); `batch --jobs 2` over 4,800 small notices and its peak
memory per worker, in turns with the same batch on a Dask cluster of two workers here (notices/s
per core and per CPU second of each); requests/s of `notice-extract serve --jobs 2`; OCR pages per
second over the scanned corpus on one core and per CPU second, its peak memory and CPU seconds a
page stage by stage, and the same scans through `batch --jobs 2`; PDF pages per second. Prints
tables and writes bench/results.json.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.pipeline import extract_raw  # noqa: E402
from extractor.read import read_bytes, read_file  # noqa: E402
from extractor.read.pdf import pdf_text  # noqa: E402

import jieba  # noqa: E402

RUNS = 5


def text_throughput() -> dict:
    """Extract and jieba.lcut timed in turns, run by run, so that a machine that slows down or
    speeds up during the benchmark weighs on both alike; the ratio is the median of the runs'."""
    documents = [read_file(path) for path in sorted((ROOT / "corpus").glob("*.txt"))]
    size = sum(len(document.text.encode("utf-8")) for document in documents)
    repeat = max(1, -(-2_000_000 // size))
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    for document in documents:  # warm-up: dictionaries, compiled patterns
        extract_raw(document)
        jieba.lcut(document.text)
    extracting, segmenting = [], []
    for _ in range(RUNS):
        start = time.process_time()  # CPU time of this one process: steadier on a shared machine
        for _ in range(repeat):
            for document in documents:
                _forget_texts()  # a repeated corpus must not be served from caches keyed by text
                extract_raw(document)
        extracting.append(time.process_time() - start)
        start = time.process_time()
        for _ in range(repeat):
            for document in documents:
                jieba.lcut(document.text)
        segmenting.append(time.process_time() - start)
    extract_seconds = statistics.median(extracting)
    return {"notices_per_second": len(documents) * repeat / extract_seconds,
            "megabytes_per_second": size * repeat / extract_seconds / 1e6,
            "megabytes_per_run": size * repeat / 1e6,
            "extract_seconds": extract_seconds, "jieba_lcut_seconds": statistics.median(segmenting),
            "extract_over_jieba": statistics.median(e / j for e, j in zip(extracting, segmenting))}


def _forget_texts() -> None:
    from extractor.base import patterns

    patterns.clear_text_caches()


def cli_wall_times() -> dict:
    """As a user's shell runs it: bytecode caches written on the first (warm-up) run."""
    small = ROOT / "corpus" / "003_xinxiang_county_inline.txt"
    commands = {
        "extract_one_small_notice": [sys.executable, "-m", "extractor", "extract", str(small)],
        "python_c_pass": [sys.executable, "-c", "pass"],
        "python_c_import_regex": [sys.executable, "-c", "import regex"],
    }
    return {label: _wall_time(command) for label, command in commands.items()}


def _wall_time(command: list[str], runs: int = 2 * RUNS) -> float:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=True, env=environment)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=True, env=environment)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _scaling_shapes() -> dict:
    """Each shape as a function of n (its size in repeats): what a long or odd page looks like."""
    item = "新建城市公共充电桩{n}00个，改造老旧小区{n}5个，新增托位{n}30个。（责任单位：市住建局、市发展改革委）"
    return {
        "a_items_repeated_and_renumbered": lambda n: "关于印发2024年重点民生实事的通知\n" + "".join(
            f"{index}.第{index}项民生实事。{item.format(n=index % 9 + 1)}\n" for index in range(1, 8 * n + 1)),
        "b_one_long_paragraph": lambda n: "关于印发2024年重点民生实事的通知\n1.改善居住条件。" + "，".join(
            f"改造老旧小区{index}个" for index in range(1, 60 * n + 1)) + "。\n",
        "c_one_line_with_many_spaces": lambda n: "关于印发2024年重点民生实事的通知\n1.建设项目 " + " ".join(
            f"A{index} {index}个" for index in range(1, 120 * n + 1)) + "\n",
        "d_one_item_with_many_responsibility_notes": lambda n: "关于印发2024年重点民生实事的通知\n1.推进民生工程。" + "".join(
            f"新建学校{index}所（牵头单位：市教育局；配合单位：市财政局、市自然资源局）；" for index in range(1, 12 * n + 1)) + "\n",
        "e_one_table_with_many_rows": lambda n: "关于印发2024年重点民生实事的通知\n序号\t项目名称\t目标任务\t责任单位\n" + "".join(
            f"{index}\t城市更新项目{index}\t改造老旧小区{index}个\t市住建局\n" for index in range(1, 20 * n + 1)),
    }


def scaling() -> dict:
    """Milliseconds of CPU per KB at 1×, 10× and 100× of each shape, and the ratio 100× / 1×."""
    results = {}
    for label, make in _scaling_shapes().items():
        costs = {}
        for factor in (1, 10, 100):
            text = make(factor)
            document = read_bytes(text.encode("utf-8"), f"{label}.txt")
            runs = max(1, 100 // factor)
            extract_raw(document)  # warm-up: the first pass over a large input pays for the memory it maps
            times = []
            for _ in range(RUNS):
                start = time.process_time()
                for _ in range(runs):
                    _forget_texts()
                    extract_raw(document)
                times.append((time.process_time() - start) / runs)
            costs[factor] = statistics.median(times) * 1000 / (len(text.encode("utf-8")) / 1024)
        results[label] = {"ms_per_kb": costs, "ratio_100_over_1": costs[100] / costs[1]}
    return results


def batch_throughput(count: int = 4800, rounds: int = 3) -> dict:
    """`batch --jobs 2` over `count` small notices (the corpus's text notices, copied round), as a
    user runs it, and the same batch on a Dask cluster of a scheduler and two single-threaded
    workers on this machine, in turns, round by round (a machine that slows down weighs on both
    alike). Per core: notices/s over the two cores each uses (two pool processes, two worker
    threads), and notices per CPU second of every process the batch runs on (the batch and its
    pool; the client, the scheduler, the workers and their extraction processes), which a busy
    machine moves less. Peak memory is the largest pool worker's."""
    sources = sorted((ROOT / "corpus").glob("*.txt"))
    local, remote = [], []
    with tempfile.TemporaryDirectory() as folder:
        inbox = Path(folder) / "in"
        inbox.mkdir()
        for index in range(count):
            source = sources[index % len(sources)]
            (inbox / f"{index:05d}_{source.name}").write_bytes(source.read_bytes())
        for round_number in range(rounds):
            local.append(_local_batch(inbox, Path(folder) / f"out-{round_number}"))
            with _dask_cluster(2) as (address, processes):  # fresh workers, as the local batch's pool is
                remote.append(_cluster_batch(inbox, Path(folder) / f"cluster-out-{round_number}", address, processes))
    cores = 2

    def figures(runs: list[dict]) -> dict:
        seconds = statistics.median(run["seconds"] for run in runs)
        cpu = statistics.median(run["cpu_seconds"] for run in runs)
        return {"seconds": seconds, "notices_per_second": count / seconds,
                "notices_per_second_per_core": count / seconds / cores, "cpu_seconds": cpu,
                "notices_per_cpu_second": count / cpu}

    result = {"notices": count, "rounds": rounds, "local": figures(local), "cluster": figures(remote),
              "peak_memory_megabytes_per_worker": max(run["peak"]["children"] for run in local),
              "peak_memory_megabytes_parent": max(run["peak"]["self"] for run in local)}
    result["cluster_over_local_per_core"] = statistics.median(
        local_run["seconds"] / cluster["seconds"] for local_run, cluster in zip(local, remote))
    result["cluster_over_local_per_cpu_second"] = statistics.median(
        local_run["cpu_seconds"] / cluster["cpu_seconds"] for local_run, cluster in zip(local, remote))
    return result


def _local_batch(inbox: Path, out: Path) -> dict:
    command = [sys.executable, "-c", _BATCH_WITH_PEAK, str(inbox), str(out)]
    before = _children_cpu()
    start = time.perf_counter()
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    peak = json.loads(finished.stdout.strip().splitlines()[-1])
    return {"seconds": elapsed, "cpu_seconds": _children_cpu() - before, "peak": peak}


def _cluster_batch(inbox: Path, out: Path, address: str, processes: list) -> dict:
    before = _children_cpu() + _tree_cpu(processes)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extractor", "batch", str(inbox), "-o", str(out), "--cluster", address],
                   cwd=ROOT, capture_output=True, check=True)
    elapsed = time.perf_counter() - start
    return {"seconds": elapsed, "cpu_seconds": _children_cpu() + _tree_cpu(processes) - before}


def _children_cpu() -> float:
    """CPU seconds of this process's children that ended (a batch and the pool it reaped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _tree_cpu(processes: list) -> float:
    """CPU seconds so far of running processes and all their descendants, living or reaped."""
    import psutil

    total = 0.0
    for process in processes:
        try:
            root = psutil.Process(process.pid)
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        for member in tree:
            try:
                times = member.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system + times.children_user + times.children_system
    return total


@contextlib.contextmanager
def _dask_cluster(workers: int):
    """A scheduler and `workers` single-threaded workers on 127.0.0.1, as `dask` starts them."""
    import socket

    from distributed import Client

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dask = Path(sys.executable).parent / "dask"
    address = f"tcp://127.0.0.1:{port}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": ROOT}
    processes = [subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                  **quiet)]
    processes += [subprocess.Popen([str(dask), "worker", address, "--nthreads", "1", "--no-dashboard",
                                    "--host", "127.0.0.1"], **quiet) for _ in range(workers)]
    try:
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(workers, timeout=60)
        yield address, processes
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def service_throughput(jobs: int = 2, requests: int = 400, clients: int = 4) -> dict:
    """`notice-extract serve --jobs 2` on a loopback port, `clients` threads posting the corpus's
    text notices (raw bodies) round after round; requests/s after a warm-up round, every answer 200."""
    import socket
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    bodies = [(path.name, path.read_bytes()) for path in sorted((ROOT / "corpus").glob("*.txt"))]
    server = subprocess.Popen([sys.executable, "-m", "extractor", "serve", "--port", str(port), "--jobs", str(jobs)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the service did not start")
            time.sleep(0.2)
        with httpx.Client(base_url=base, timeout=120, limits=httpx.Limits(max_connections=clients)) as client:
            def post(index: int) -> int:
                name, data = bodies[index % len(bodies)]
                return client.post("/extract", params={"name": name}, content=data).status_code

            with ThreadPoolExecutor(clients) as threads:
                list(threads.map(post, range(len(bodies))))  # warm-up: every child has read its patterns
                start = time.perf_counter()
                statuses = list(threads.map(post, range(requests)))
                elapsed = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"jobs": jobs, "requests": requests, "clients": clients, "seconds": elapsed,
            "requests_per_second": requests / elapsed, "ok": statuses.count(200)}


def ocr_pages_per_second(runs: int = 3) -> dict:
    """The scanned corpus read by OCR in a process of its own, one thread, so one core (its peak
    memory is OCR's), `runs` times: pages/s in wall time and per CPU second, and where the CPU time
    goes, stage by stage. Then `batch --jobs 2` over the same scans, which reads the pages of a
    scan on both workers: pages/s per core and per CPU second, and the largest worker's peak."""
    single = []
    for _ in range(runs):
        finished = subprocess.run([sys.executable, "-c", _OCR_WITH_PEAK, str(ROOT / "corpus" / "scans")],
                                  cwd=ROOT, capture_output=True, text=True, check=True)
        single.append(json.loads(finished.stdout.strip().splitlines()[-1]))
    pages = single[0]["pages"]
    result = {"pages": pages, "runs": runs,
              "pages_per_second_wall": statistics.median(run["pages_per_second_wall"] for run in single),
              "pages_per_cpu_second": statistics.median(run["pages_per_cpu_second"] for run in single),
              "peak_memory_megabytes": max(run["peak_memory_megabytes"] for run in single),
              "cpu_seconds_per_page_by_stage": {stage: statistics.median(run["stages"][stage] for run in single)
                                                for stage in single[0]["stages"]}}
    with tempfile.TemporaryDirectory() as folder:
        batch = _local_batch(ROOT / "corpus" / "scans", Path(folder) / "out")
    cores = 2
    result["batch_jobs_2"] = {"pages_per_second_per_core": pages / batch["seconds"] / cores,
                              "pages_per_cpu_second": pages / batch["cpu_seconds"],
                              "peak_memory_megabytes_per_worker": batch["peak"]["children"]}
    return result


# Each stage's CPU time, counted by wrapping the function that does it; "rest" is the reading of
# the files, putting lines in order and extracting the notice from the text.
_OCR_WITH_PEAK = """
import json, resource, sys, time
from pathlib import Path
import pypdfium2
from extractor.read import ocr, read_file, scan_tables
files = sorted(Path(sys.argv[1]).iterdir())
pages = sum(len(pypdfium2.PdfDocument(str(path))) if path.suffix == ".pdf" else 1 for path in files)
read_file(files[0])  # warm-up: the models loaded
spent = {}
def timed(stage, function):
    def run(*arguments, **options):
        start = time.process_time()
        try:
            return function(*arguments, **options)
        finally:
            spent[stage] = spent.get(stage, 0.0) + time.process_time() - start
    return run
engine = ocr._engine()
ocr.render_pdf_page = timed("rendering", ocr.render_pdf_page)
ocr.image_pages = timed("rendering", ocr.image_pages)
ocr._without_red_ink = timed("red ink", ocr._without_red_ink)
scan_tables.ruled_tables = timed("ruled tables", scan_tables.ruled_tables)
engine.auto_text_det = timed("detection", engine.auto_text_det)
engine.get_crop_img_list = timed("cutting out lines", engine.get_crop_img_list)
engine.text_cls = timed("classification", engine.text_cls)
engine.text_rec = timed("recognition", engine.text_rec)
engine.cal_rec_boxes = timed("word boxes", engine.cal_rec_boxes)
start = time.process_time(), time.perf_counter()
for path in files:
    read_file(path)
cpu, wall = time.process_time() - start[0], time.perf_counter() - start[1]
stages = {stage: seconds / pages for stage, seconds in spent.items()}
stages["rest"] = cpu / pages - sum(stages.values())
print(json.dumps({"pages": pages, "pages_per_second_wall": pages / wall, "pages_per_cpu_second": pages / cpu,
                  "peak_memory_megabytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "stages": stages}))
"""


_BATCH_WITH_PEAK = """
import json, resource, sys
from extractor.commands.cli import main
code = main(["batch", sys.argv[1], "-o", sys.argv[2], "--jobs", "2"])
peak = lambda who: resource.getrusage(who).ru_maxrss / 1024
print(json.dumps({"children": peak(resource.RUSAGE_CHILDREN), "self": peak(resource.RUSAGE_SELF), "code": code}))
"""


def pdf_pages_per_second() -> dict:
    import pdfplumber
    import io

    files = [path.read_bytes() for path in sorted((ROOT / "corpus").glob("*.pdf"))]
    pages = 0
    for data in files:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages += len(pdf.pages)
    result = {}
    for label, fast in (("fast_page_reader", True), ("pdfplumber_only", False)):
        rates = []
        for _ in range(3):
            start = time.perf_counter()
            for data in files:
                pdf_text(data, "bench.pdf", fast_pages=fast)
            rates.append(pages / (time.perf_counter() - start))
        result[label] = statistics.median(rates)
    result["pages"] = pages
    return result


def main() -> None:
    results = {
        "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
        "text": text_throughput(),
        "cli_seconds": cli_wall_times(),
        "pdf_pages_per_second": pdf_pages_per_second(),
        "peak_memory_megabytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "scaling": scaling(),
        "batch_jobs_2": batch_throughput(),
        "service_jobs_2": service_throughput(),
        "ocr": ocr_pages_per_second(),
    }
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    text, pdf, cli, batch = results["text"], results["pdf_pages_per_second"], results["cli_seconds"], results["batch_jobs_2"]
    local, cluster, service, ocr = batch["local"], batch["cluster"], results["service_jobs_2"], results["ocr"]
    rows = [
        ("text: extract time / jieba.lcut time (goal <= 0.5)", f"{text['extract_over_jieba']:.2f}"),
        ("text: notices/s (one process, one core)", f"{text['notices_per_second']:.1f}"),
        ("text: MB/s", f"{text['megabytes_per_second']:.3f}"),
        ("CLI: s, one small notice (goal <= 0.25)", f"{cli['extract_one_small_notice']:.3f}"),
        ("CLI: s, python -c pass", f"{cli['python_c_pass']:.3f}"),
        ("CLI: s, python -c 'import regex'", f"{cli['python_c_import_regex']:.3f}"),
        (f"batch --jobs 2: notices/s over {batch['notices']}", f"{local['notices_per_second']:.1f}"),
        ("batch --jobs 2: notices/s per core", f"{local['notices_per_second_per_core']:.1f}"),
        ("batch --jobs 2: notices per CPU second", f"{local['notices_per_cpu_second']:.1f}"),
        ("batch --jobs 2: peak MB per worker", f"{batch['peak_memory_megabytes_per_worker']:.1f}"),
        ("batch --cluster (scheduler + 2 workers here): notices/s", f"{cluster['notices_per_second']:.1f}"),
        ("batch --cluster: notices/s per core", f"{cluster['notices_per_second_per_core']:.1f}"),
        ("batch --cluster: notices per CPU second", f"{cluster['notices_per_cpu_second']:.1f}"),
        ("cluster / local, per core (goal >= 0.9)", f"{batch['cluster_over_local_per_core']:.2f}"),
        ("cluster / local, per CPU second", f"{batch['cluster_over_local_per_cpu_second']:.2f}"),
        (f"serve --jobs 2: requests/s ({service['clients']} clients, small notices)",
         f"{service['requests_per_second']:.1f}"),
        (f"OCR: pages/s per core, {ocr['pages']} scanned pages (goal >= 1.0)", f"{ocr['pages_per_second_wall']:.2f}"),
        ("OCR: pages per CPU second", f"{ocr['pages_per_cpu_second']:.2f}"),
        ("OCR: peak memory of the process, MB (goal <= 600)", f"{ocr['peak_memory_megabytes']:.0f}"),
        ("OCR batch --jobs 2: pages/s per core", f"{ocr['batch_jobs_2']['pages_per_second_per_core']:.2f}"),
        ("OCR batch --jobs 2: pages per CPU second", f"{ocr['batch_jobs_2']['pages_per_cpu_second']:.2f}"),
        ("OCR batch --jobs 2: peak MB per worker", f"{ocr['batch_jobs_2']['peak_memory_megabytes_per_worker']:.0f}"),
        ("PDF: pages/s, fast page reader", f"{pdf['fast_page_reader']:.1f}"),
        ("PDF: pages/s, pdfplumber only", f"{pdf['pdfplumber_only']:.1f}"),
        ("peak memory of this process, MB", f"{results['peak_memory_megabytes']:.1f}"),
    ]
    print(f"{'measure':<54}{'median':>10}")
    for label, value in rows:
        print(f"{label:<54}{value:>10}")
    print()
    print(f"{'OCR: CPU seconds a page, by stage':<46}{'median':>8}")
    for stage, seconds in ocr["cpu_seconds_per_page_by_stage"].items():
        print(f"{stage:<46}{seconds:>8.3f}")
    print()
    print(f"{'scaling: ms of CPU per KB':<46}{'1x':>8}{'10x':>8}{'100x':>8}{'100x/1x':>9}")
    for label, row in results["scaling"].items():
        costs = row["ms_per_kb"]
        print(f"{label:<46}{costs[1]:>8.2f}{costs[10]:>8.2f}{costs[100]:>8.2f}{row['ratio_100_over_1']:>9.2f}")


if __name__ == "__main__":
    main()
