"""`make bench`: speed on this machine, as figures (medians of several runs), never asserted.

Measures: in-process throughput of extract on the text corpus repeated to at least 2 MB (one
core, after a warm-up); the wall time of one `notice-extract extract` run on a small notice,
start-up included; PDF pages per second with the fast page reader and with pdfplumber alone;
peak memory. Prints a table and writes bench/results.json.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.pipeline import extract_raw  # noqa: E402
from extractor.read import read_file  # noqa: E402
from extractor.read.pdf import pdf_text  # noqa: E402

RUNS = 5


def text_throughput() -> dict:
    documents = [read_file(path) for path in sorted((ROOT / "corpus").glob("*.txt"))]
    size = sum(len(document.text.encode("utf-8")) for document in documents)
    repeat = max(1, -(-2_000_000 // size))
    for document in documents:  # warm-up: jieba's dictionary, compiled patterns
        extract_raw(document)
    rates, speeds = [], []
    for _ in range(RUNS):
        start = time.process_time()  # CPU time of this one process: steadier on a shared machine
        for _ in range(repeat):
            for document in documents:
                _forget_texts()  # a repeated corpus must not be served from caches keyed by text
                extract_raw(document)
        elapsed = time.process_time() - start
        rates.append(len(documents) * repeat / elapsed)
        speeds.append(size * repeat / elapsed / 1e6)
    return {"notices_per_second": statistics.median(rates), "megabytes_per_second": statistics.median(speeds),
            "megabytes_per_run": size * repeat / 1e6}


def _forget_texts() -> None:
    from extractor import patterns

    patterns.clear_text_caches()


def cli_wall_time() -> float:
    """As a user's shell runs it: bytecode caches written on the first (warm-up) run."""
    small = ROOT / "corpus" / "003_xinxiang_county_inline.txt"
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "extractor.cli", "extract", str(small)]
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=True, env=environment)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=True, env=environment)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
        "cli_seconds_one_small_notice": cli_wall_time(),
        "pdf_pages_per_second": pdf_pages_per_second(),
        "peak_memory_megabytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    text, pdf = results["text"], results["pdf_pages_per_second"]
    print(f"{'measure':<46}{'median':>12}")
    print(f"{'text: notices/s (one process, one core)':<46}{text['notices_per_second']:>12.1f}")
    print(f"{'text: MB/s':<46}{text['megabytes_per_second']:>12.3f}")
    print(f"{'CLI: seconds for one small notice':<46}{results['cli_seconds_one_small_notice']:>12.3f}")
    print(f"{'PDF: pages/s, fast page reader':<46}{pdf['fast_page_reader']:>12.1f}")
    print(f"{'PDF: pages/s, pdfplumber only':<46}{pdf['pdfplumber_only']:>12.1f}")
    print(f"{'peak memory, MB':<46}{results['peak_memory_megabytes']:>12.1f}")


if __name__ == "__main__":
    main()
