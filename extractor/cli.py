"""The notice-extract command: extract, check, golden, eval."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from . import golden
from .errors import NoticeError
from .output import dumps
from .pipeline import extract_path, normalised_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="notice-extract", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="print the contract JSON of one or more notices")
    extract.add_argument("files", nargs="+", type=Path)
    extract.add_argument("-o", "--output", type=Path, help="write to this file (one input) or folder")
    extract.add_argument("--text", action="store_true", help="print the normalised text that spans point into")

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

    arguments = parser.parse_args(argv)
    if arguments.command == "extract":
        return _extract(arguments)
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


def write_atomically(target: Path, content: str) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


if __name__ == "__main__":
    sys.exit(main())
