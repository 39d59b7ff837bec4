"""Score scans of corpus notices spoilt one way at a time and every way at once (tests/scans.py).

    python scripts/eval_scans.py [--unruled] [NOTICE …]     # target and item F1 per spoiling, mean over the notices

Each notice is set as a PDF (its table with rules; --unruled: as columns without them), scanned
and spoilt by each spoiling of tests/scans.py SPOILINGS alone and by the combination its seed
draws, and extracted; its targets (item id, value, unit, as `notice-extract eval` counts them)
and items are scored against those of its text (the seed's table against its PDF's text layer).
Minutes of OCR: run it by hand.
"""

from __future__ import annotations

import collections
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.pipeline import extract_bytes  # noqa: E402
from extractor.read import read_file  # noqa: E402
from tests.scans import SPOILINGS, combination, notice_pdf, seed_table_pdf, spoilt_scan  # noqa: E402

NOTICES = ["seed_table", "005_nanyang_table_cells.txt", "019_xiangtan_tab_table.txt", "036_baotou_value_columns.txt",
           "038_guizhou_progress_table.txt", "002_luoyang_lead_support.txt", "003_xinxiang_county_inline.txt",
           "014_zhumadian_chinese_numerals.txt"]


def _f1(expected: collections.Counter, got: collections.Counter) -> float:
    matched = sum((expected & got).values())
    return 0.0 if not matched else 2 * matched / (sum(expected.values()) + sum(got.values()))


def _scores(expected: dict, got: dict) -> tuple[float, float]:
    targets = [collections.Counter((item["id"], target["value"], target["unit"]) for item in document["items"]
                                   for target in item["targets"]) for document in (expected, got)]
    items = [collections.Counter(item["id"] for item in document["items"]) for document in (expected, got)]
    return _f1(*targets), _f1(*items)


def main(names: list[str], ruled: bool = True) -> None:
    conditions = {name: (dpi, how) for name, (dpi, how) in SPOILINGS.items()}
    table: dict[str, list[tuple[float, float]]] = collections.defaultdict(list)
    for seed, name in enumerate(names):
        if name == "seed_table":
            pdf = seed_table_pdf()
            expected = extract_bytes(pdf, "seed_table.pdf")
        else:
            path = ROOT / "corpus" / name
            pdf = notice_pdf(path, ruled)
            expected = extract_bytes(read_file(path).text.encode("utf-8"), name)
        for condition, (dpi, how) in [*conditions.items(), ("combined", combination(seed))]:
            try:
                got = extract_bytes(spoilt_scan(pdf, dpi, how, seed), name + ".pdf")
                scores = _scores(expected, got)
            except Exception as error:  # a scan that cannot be read scores nothing
                print(f"{name} {condition}: {type(error).__name__}: {error}", file=sys.stderr)
                scores = (0.0, 0.0)
            table[condition].append(scores)
            print(f"{name}\t{condition}\ttarget F1 {scores[0]:.3f}\titem F1 {scores[1]:.3f}", flush=True)
    print(f"\n{'spoiling':<16}{'target F1':>10}{'item F1':>10}   (mean over {len(names)} notices)")
    for condition, scores in table.items():
        print(f"{condition:<16}{statistics.mean(score[0] for score in scores):>10.3f}"
              f"{statistics.mean(score[1] for score in scores):>10.3f}")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    unruled = "--unruled" in arguments
    names = [argument for argument in arguments if argument != "--unruled"]
    main(names or [name for name in NOTICES if not (unruled and name == "seed_table")], ruled=not unruled)
