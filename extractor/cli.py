"""The notice-extract command: extract, check, golden, eval."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import golden
from .errors import NoticeError
from .files import write_atomically
from .output import dumps
from .pipeline import extract_path, normalised_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="notice-extract", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="print the contract JSON of one or more notices")
    extract.add_argument("files", nargs="+", type=Path)
    extract.add_argument("-o", "--output", type=Path, help="write to this file (one input) or folder")
    extract.add_argument("--text", action="store_true", help="print the normalised text that spans point into")
    extract.add_argument("--max-mb", type=float, default=None, help="refuse larger inputs (default 20)")

    check = commands.add_parser("check", help="compare every corpus file with its golden file")
    check.add_argument("--corpus", type=Path, default=golden.CORPUS)
    check.add_argument("--golden", type=Path, default=golden.GOLDEN)

    rewrite = commands.add_parser("golden", help="rewrite golden files (after reviewing the change)")
    rewrite.add_argument("files", nargs="*", type=Path)
    rewrite.add_argument("--corpus", type=Path, default=golden.CORPUS)
    rewrite.add_argument("--golden", type=Path, default=golden.GOLDEN)

    evaluate = commands.add_parser("eval", help="precision, recall and F1 of predictions against gold")
    evaluate.add_argument("gold_dir", type=Path)
    evaluate.add_argument("pred_dir", type=Path)

    batch = commands.add_parser("batch", help="convert every notice under a folder")
    batch.add_argument("in_dir", type=Path)
    batch.add_argument("-o", "--output", type=Path, required=True, help="output folder")
    batch.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    batch.add_argument("--resume", action="store_true", help="skip documents whose output is current")
    batch.add_argument("--format", choices=["json", "jsonl", "csv", "xlsx"], default="json",
                       help="also write all targets as notices.jsonl, targets.csv or targets.xlsx")
    batch.add_argument("--max-mb", type=float, default=None, help="refuse larger inputs (default 20)")

    table = commands.add_parser("table", help="one row per target from a folder of JSON outputs")
    table.add_argument("out_dir", type=Path)
    table.add_argument("-o", "--output", type=Path, required=True, help="targets.csv or targets.xlsx")

    commands.add_parser("schema", help="print the JSON Schema of the output")

    review = commands.add_parser("review", help="write a self-contained HTML page to review one extraction")
    review.add_argument("file", type=Path)
    review.add_argument("-o", "--output", type=Path, required=True)

    arguments = parser.parse_args(argv)
    if getattr(arguments, "max_mb", None) is not None:
        if arguments.max_mb <= 0:
            parser.error("--max-mb must be positive")
        from .read import set_max_bytes

        set_max_bytes(int(arguments.max_mb * 1024 * 1024))
    if arguments.command == "extract":
        return _extract(arguments)
    if arguments.command == "batch":
        return _batch(arguments)
    if arguments.command == "table":
        return _table(arguments)
    if arguments.command == "schema":
        from importlib import resources

        sys.stdout.write(resources.files("extractor").joinpath("schema.json").read_text(encoding="utf-8"))
        return 0
    if arguments.command == "review":
        return _review(arguments)
    if arguments.command == "check":
        return golden.check(arguments.corpus, arguments.golden)
    if arguments.command == "golden":
        return golden.rewrite(arguments.files, arguments.corpus, arguments.golden)
    from .evaluate import evaluate_dirs, format_report

    try:
        report = evaluate_dirs(arguments.gold_dir, arguments.pred_dir)
    except NoticeError as error:
        print(f"notice-extract: {error}", file=sys.stderr)
        return 2
    print(format_report(report))
    return 0


def _batch(arguments) -> int:
    from . import batch

    if not arguments.in_dir.is_dir():
        print(f"notice-extract: {arguments.in_dir}: not a folder", file=sys.stderr)
        return 2
    if arguments.jobs is not None and arguments.jobs < 1:
        print("notice-extract: --jobs must be at least 1", file=sys.stderr)
        return 2
    result = batch.run(arguments.in_dir, arguments.output, arguments.jobs, arguments.resume, arguments.format)
    print(f"batch: {result.converted} converted, {result.skipped} already current, {len(result.failures)} failed "
          f"of {result.total} files; output in {arguments.output}", file=sys.stderr)
    for name, reason in result.failures:
        print(f"  failed: {name}: {reason}", file=sys.stderr)
    return 1 if result.failures else 0


def _table(arguments) -> int:
    from .spreadsheet import load_documents, write_table

    if not arguments.out_dir.is_dir():
        print(f"notice-extract: {arguments.out_dir}: not a folder", file=sys.stderr)
        return 2
    if arguments.output.suffix.lower() not in (".csv", ".xlsx"):
        print(f"notice-extract: {arguments.output}: the table must end in .csv or .xlsx", file=sys.stderr)
        return 2
    documents = load_documents(arguments.out_dir)
    write_table(documents, arguments.output)
    rows = sum(len(item["targets"]) for document in documents for item in document["items"])
    print(f"table: {rows} targets of {len(documents)} documents in {arguments.output}", file=sys.stderr)
    return 0


def _review(arguments) -> int:
    from .review import review_page

    try:
        page = review_page(arguments.file)
    except NoticeError as error:
        print(f"notice-extract: {error}", file=sys.stderr)
        return 1
    write_atomically(arguments.output, page)
    return 0


def _extract(arguments) -> int:
    failures = []
    several = len(arguments.files) > 1
    if several and arguments.output and arguments.output.suffix:
        print("notice-extract: -o must name a folder when several files are given", file=sys.stderr)
        return 2
    for path in arguments.files:
        try:
            result = normalised_text(path) + "\n" if arguments.text else dumps(extract_path(path))
        except NoticeError as error:
            print(f"notice-extract: {error}", file=sys.stderr)
            failures.append(str(path))
            continue
        except Exception as error:  # a bug, but one file must not stop a batch or print a traceback
            if os.environ.get("NOTICE_EXTRACT_DEBUG"):
                raise
            print(f"notice-extract: {path}: internal error ({type(error).__name__}: {error}); "
                  "set NOTICE_EXTRACT_DEBUG=1 for the traceback", file=sys.stderr)
            failures.append(str(path))
            continue
        if arguments.output is None:
            sys.stdout.write(result)
        else:
            target = arguments.output / (path.stem + (".txt" if arguments.text else ".json")) if several else arguments.output
            write_atomically(target, result)
    if failures and several:
        print(f"notice-extract: {len(failures)} of {len(arguments.files)} files failed: {', '.join(failures)}",
              file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
