"""Score the extraction of every rendering of the corpus against the corpus's golden files.

Each text notice of corpus/ is rendered as one paragraph, inside a web page's debris, in traditional
characters and (table notices) as pipe rows and one cell per line (tests/renderings.py); each
rendering is converted with `notice-extract batch` of the extractor found on PYTHONPATH (or of
--tree, an older checkout, to measure before and after) and scored with `notice-extract eval`
against the golden file of the original: items, targets and units should not depend on the layout.

    python scripts/eval_renderings.py [--tree /path/to/older/checkout] [--work /tmp/renderings]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.commands.evaluate import evaluate_dirs, format_report  # noqa: E402
from extractor.commands.golden import corpus_files  # noqa: E402
from extractor.read import read_file  # noqa: E402
from tests.renderings import RENDERINGS, TABLE_RENDERINGS, has_cell_borders, is_table_notice  # noqa: E402


def render(work: Path) -> list[str]:
    names = []
    for source in corpus_files(ROOT / "corpus"):
        if source.suffix != ".txt":
            continue
        text = read_file(source).text
        renderings = dict(RENDERINGS)
        if is_table_notice(text) and has_cell_borders(text):
            renderings.update(TABLE_RENDERINGS)
        for name, function in renderings.items():
            folder = work / "input" / name
            folder.mkdir(parents=True, exist_ok=True)
            (folder / source.name).write_text(function(text), encoding="utf-8")
            gold = work / "gold" / name
            gold.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / "golden" / f"{source.name}.json", gold / f"{source.name}.json")
            names.append(name)
    return sorted(set(names))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=ROOT, help="checkout whose extractor converts the renderings")
    parser.add_argument("--work", type=Path, default=Path("/tmp/notice-renderings"))
    arguments = parser.parse_args()
    shutil.rmtree(arguments.work, ignore_errors=True)
    renderings = render(arguments.work)
    summary = {}
    for name in renderings:
        output = arguments.work / "output" / name
        subprocess.run([sys.executable, "-m", "extractor", "batch", str(arguments.work / "input" / name),
                        "-o", str(output)], cwd=arguments.tree, capture_output=True, text=True)
        (output / "errors.jsonl").unlink(missing_ok=True)
        report = evaluate_dirs(arguments.work / "gold" / name, output)
        refused = len(list((arguments.work / "input" / name).iterdir())) - len(list(output.rglob("*.json")))
        print(f"== {name}: {refused} refused")
        print(format_report(report))
        summary[name] = {level: round(scores["f1"], 3) for level, scores in report.items()} | {"refused": refused}
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
