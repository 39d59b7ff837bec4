"""The notice-extract command: extract, check, golden, eval."""

from __future__ import annotations

import argparse
import math
import os
import signal
import sys
from pathlib import Path

from ..base.errors import NoticeError
from ..base.files import write_atomically
from ..output import dumps
from ..pipeline import extract_path, normalised_text


def _megabytes(value: str) -> float:
    """--max-mb: a finite positive number of megabytes."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not math.isfinite(number) or number <= 0:
        raise argparse.ArgumentTypeError(f"must be a finite positive number of megabytes, not {value!r}")
    return number


def main(argv: list[str] | None = None) -> int:
    # A closed pipe (`extract … | head`) ends the command quietly, as it does any Unix tool.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    parser = argparse.ArgumentParser(prog="notice-extract", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="print the contract JSON of one or more notices")
    extract.add_argument("files", nargs="+", type=Path, help="files to read; - reads standard input")
    extract.add_argument("-o", "--output", help="write to this file (one input) or folder (several, or ending in /)")
    extract.add_argument("--text", action="store_true", help="print the normalised text that spans point into")
    extract.add_argument("--max-mb", type=_megabytes, default=None, help="refuse larger inputs (default 20)")
    extract.add_argument("--ocr", choices=["auto", "always", "never"], default=None,
                         help="read scans by OCR: auto (pages without text, images; default), always, never")

    check = commands.add_parser("check", help="compare every corpus file with its golden file")
    check.add_argument("--corpus", type=Path, default=None, help="default: ./corpus, else the checkout's")
    check.add_argument("--golden", type=Path, default=None, help="default: ./golden, else the checkout's")

    rewrite = commands.add_parser("golden", help="rewrite golden files (after reviewing the change)")
    rewrite.add_argument("files", nargs="*", type=Path)
    rewrite.add_argument("--corpus", type=Path, default=None, help="default: ./corpus, else the checkout's")
    rewrite.add_argument("--golden", type=Path, default=None, help="default: ./golden, else the checkout's")

    evaluate = commands.add_parser("eval", help="precision, recall and F1 of predictions against gold")
    evaluate.add_argument("gold_dir", type=Path)
    evaluate.add_argument("pred_dir", type=Path)

    batch = commands.add_parser("batch", help="convert every notice under a folder")
    batch.add_argument("in_dir", help="a folder, or an fsspec URL of one (file://…, s3://… with s3fs installed)")
    batch.add_argument("-o", "--output", required=True, help="output folder")
    batch.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    batch.add_argument("--resume", action="store_true", help="skip documents whose output is current")
    batch.add_argument("--format", choices=["json", "jsonl", "csv", "xlsx", "parquet"], default="json",
                       help="also write all targets as notices.jsonl, targets.csv or targets.xlsx")
    batch.add_argument("--max-mb", type=_megabytes, default=None, help="refuse larger inputs (default 20)")
    batch.add_argument("--ocr", choices=["auto", "always", "never"], default=None,
                       help="read scans by OCR: auto (pages without text, images; default), always, never")
    batch.add_argument("--cluster", default=None, metavar="ADDRESS",
                       help="extract on a Dask cluster: tcp://host:8786, or local for one on this machine")
    batch.add_argument("--db", default=None, metavar="TARGET",
                       help="also load each output into a database as it is written: a DuckDB file or postgresql://…")

    table = commands.add_parser("table", help="one row per target from a folder of JSON outputs")
    table.add_argument("out_dir", type=Path)
    table.add_argument("-o", "--output", type=Path, required=True, help="targets.csv or targets.xlsx")
    table.add_argument("--sheet-per-document", action="store_true", help="XLSX: also one sheet per document")
    table.add_argument("--format", choices=["csv", "xlsx", "parquet"], default=None,
                       help="default: from the output's suffix; parquet writes <table>.parquet files into -o, a folder")

    database = commands.add_parser("db", help="load batch outputs into a database (DuckDB file or PostgreSQL)")
    database.add_argument("out_dir", type=Path)
    database.add_argument("--to", default=None, metavar="TARGET",
                          help="a DuckDB file (default OUT_DIR/notices.duckdb) or postgresql://user@host:port/db")

    summary = commands.add_parser("summary", help="a short summary of each output of a batch folder")
    summary.add_argument("out_dir", type=Path)

    schema = commands.add_parser("schema", help="print the JSON Schema of the output")
    schema.add_argument("--link", action="store_true", help="the schema of a link record instead")

    link = commands.add_parser("link", help="link breakdowns and reports to the plans they refer to")
    link.add_argument("inputs", nargs="+", type=Path, metavar="FILE_OR_OUTPUT",
                      help="notices to extract, JSON outputs, or batch output folders")
    link.add_argument("-o", "--output", type=Path, required=True, help="links, one JSON object per line (.jsonl)")
    link.add_argument("--report", type=Path, help="a report for people: report.xlsx or report.html")

    review = commands.add_parser("review", help="write a self-contained HTML page to review one extraction")
    review.add_argument("file", type=Path)
    review.add_argument("-o", "--output", type=Path, required=True)

    serve = commands.add_parser("serve", help="an HTTP service: POST /extract, POST /link, GET /schema, GET /health")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--jobs", type=int, default=None, help="extraction processes (default: all cores)")
    serve.add_argument("--max-mb", type=_megabytes, default=None, help="refuse larger bodies (default 20)")
    serve.add_argument("--ocr", choices=["auto", "always", "never"], default=None,
                       help="read scans by OCR: auto (pages without text, images; default), always, never")

    arguments = parser.parse_args(argv)
    if getattr(arguments, "max_mb", None) is not None:
        from ..read import set_max_bytes

        set_max_bytes(int(arguments.max_mb * 1024 * 1024))
    if getattr(arguments, "ocr", None) is not None:
        from ..read import set_ocr_mode

        set_ocr_mode(arguments.ocr)
    if arguments.command == "extract":
        return _extract(arguments)
    if arguments.command == "batch":
        return _batch(arguments)
    if arguments.command == "table":
        return _table(arguments)
    if arguments.command == "db":
        return _database(arguments)
    if arguments.command == "summary":
        return _summary(arguments)
    if arguments.command == "schema":
        from importlib import resources

        package, name = ("extractor.link", "schema.json") if arguments.link else ("extractor.output", "schema.json")
        sys.stdout.write(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
        return 0
    if arguments.command == "review":
        return _review(arguments)
    if arguments.command == "serve":
        return _serve(arguments)
    if arguments.command == "link":
        return _link(arguments)
    if arguments.command in ("check", "golden"):
        from . import golden

        corpus = arguments.corpus or golden.default_folder("corpus")
        expected = arguments.golden or golden.default_folder("golden")
        if arguments.command == "check":
            return golden.check(corpus, expected)
        return golden.rewrite(arguments.files, corpus, expected)
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

    from urllib.parse import urlparse

    from .cluster import is_url

    if not is_url(arguments.in_dir):  # an fsspec URL is read by the workers themselves
        if not _is_folder(Path(arguments.in_dir)):
            return 2
        arguments.in_dir = Path(arguments.in_dir)
    if arguments.output.startswith("file://"):
        arguments.output = urlparse(arguments.output).path
    elif is_url(arguments.output):
        print(f"notice-extract: {arguments.output}: outputs are written by this machine; give a folder here "
              "(or file://…)", file=sys.stderr)
        return 2
    arguments.output = Path(arguments.output)
    if arguments.output.exists() and not arguments.output.is_dir():
        print(f"notice-extract: {arguments.output}: is a file, not a folder for the outputs", file=sys.stderr)
        return 2
    if arguments.jobs is not None and arguments.jobs < 1:
        print("notice-extract: --jobs must be at least 1", file=sys.stderr)
        return 2
    try:
        result = batch.run(arguments.in_dir, arguments.output, arguments.jobs, arguments.resume, arguments.format,
                           database=arguments.db, cluster=arguments.cluster)
    except batch.ClusterUnreachable as error:
        print(f"notice-extract: {error}", file=sys.stderr)
        return 2
    except batch.OutputLocked as error:
        print(f"notice-extract: {error}", file=sys.stderr)
        return 2
    except NoticeError as error:  # the database cannot be opened
        print(f"notice-extract: {error}", file=sys.stderr)
        return 1
    except batch.Interrupted as stop:
        name = signal.Signals(stop.signal_number).name
        print(f"notice-extract: batch stopped by {name}: {stop.converted} of {stop.total} converted, every "
              f"output written is whole; run again with --resume to go on", file=sys.stderr)
        return 128 + stop.signal_number
    except OSError as error:
        return _cannot_write(error.filename or arguments.output, error)
    print(f"batch: {result.converted} converted, {result.skipped} already current, {len(result.failures)} failed "
          f"of {result.total} files; output in {arguments.output}", file=sys.stderr)
    for name, reason in result.failures:
        print(f"  failed: {name}: {reason}", file=sys.stderr)
    return 1 if result.failures else 0


def _is_folder(path: Path) -> bool:
    """A folder the command reads, else its one-line error."""
    if path.is_dir():
        return True
    print(f"notice-extract: {path}: not a folder", file=sys.stderr)
    return False


def _table(arguments) -> int:
    from ..output.spreadsheet import load_documents, write_table

    if not _is_folder(arguments.out_dir):
        return 2
    if arguments.format == "parquet":
        return _parquet_tables(arguments)
    if arguments.output.suffix.lower() not in (".csv", ".xlsx"):
        print(f"notice-extract: {arguments.output}: the table must end in .csv or .xlsx", file=sys.stderr)
        return 2
    documents = load_documents(arguments.out_dir)
    try:
        write_table(documents, arguments.output, arguments.sheet_per_document)
    except OSError as error:
        return _cannot_write(arguments.output, error)
    rows = sum(len(item["targets"]) for document in documents for item in document["items"])
    print(f"table: {rows} targets of {len(documents)} documents in {arguments.output}", file=sys.stderr)
    return 0


def _parquet_tables(arguments) -> int:
    from ..output.parquet import write_folder
    from .link_inputs import link_records

    if arguments.output.exists() and not arguments.output.is_dir():
        print(f"notice-extract: {arguments.output}: is a file; --format parquet writes a folder of tables", file=sys.stderr)
        return 2
    try:
        written = write_folder(arguments.out_dir, arguments.output, links=link_records)
    except OSError as error:
        return _cannot_write(arguments.output, error)
    print(f"table: {', '.join(path.name for path in written)} in {arguments.output}", file=sys.stderr)
    return 0


def _database(arguments) -> int:
    from ..output.database import load_folder, shown_target
    from .link_inputs import link_records

    if not _is_folder(arguments.out_dir):
        return 2
    target = arguments.to or str(arguments.out_dir / "notices.duckdb")
    try:
        result = load_folder(arguments.out_dir, target, links=link_records)
    except NoticeError as error:
        print(f"notice-extract: {error}", file=sys.stderr)
        return 1
    print(f"db: {result.loaded} notices loaded ({result.links} links) into {shown_target(target)}, "
          f"{len(result.failures)} refused", file=sys.stderr)
    for name, reason in result.failures:
        print(f"  refused: {name}: {reason}", file=sys.stderr)
    return 1 if result.failures else 0


def _summary(arguments) -> int:
    """Per document: items, targets, units and the first two targets; then the refusals."""
    import json

    from ..output.spreadsheet import load_documents

    if not _is_folder(arguments.out_dir):
        return 2
    for document in load_documents(arguments.out_dir):
        items = document["items"]
        targets = [(item["id"], target) for item in items for target in item["targets"]]
        units = {unit for item in items for unit in item["responsible_units"]}
        print(f"{document['source']['path']}: {len(items)} items, {len(targets)} targets, {len(units)} units"
              f" — {document['document'].get('title') or ''}")
        for item_id, target in targets[:2]:
            print(f"    {item_id} {target['metric']} {target['comparator']} {target['value']} {target['unit']}"
                  f" ({target['role']})")
    errors = arguments.out_dir / "errors.jsonl"
    for line in errors.read_text(encoding="utf-8").splitlines() if errors.is_file() else []:
        failure = json.loads(line)
        print(f"{failure['file']}: refused — {failure['reason']}")
    print(f"full outputs: {arguments.out_dir}/<file name>.json")
    return 0


def _link(arguments) -> int:
    """Links of every input that could be read; the others are named, one line each, and make the
    exit status 1 (the links of the rest are still written)."""
    import json

    from ..link import link_documents, unpaired
    from ..link.report import report_bytes
    from .link_inputs import load_notices

    if arguments.report and arguments.report.suffix.lower() not in (".xlsx", ".html", ".htm"):
        print(f"notice-extract: {arguments.report}: the report must end in .xlsx or .html", file=sys.stderr)
        return 2
    documents, failures = load_notices(arguments.inputs)
    for name, reason in failures:
        print(f"notice-extract: {name}: {reason}", file=sys.stderr)
    links = link_documents(documents)
    text = "".join(json.dumps(link, ensure_ascii=False) + "\n" for link in links)
    try:
        write_atomically(arguments.output, text.encode("utf-8"))
        if arguments.report:
            write_atomically(arguments.report, report_bytes(documents, links, arguments.report.suffix))
    except OSError as error:
        return _cannot_write(arguments.output, error)
    counts = {status: sum(1 for link in links if link["kind"] == "item" and link["status"] == status)
              for status in ("link", "candidate", "unmatched")}
    targets = sum(1 for link in links if link["kind"] == "target" and link["status"] == "link")
    print(f"link: {len(documents)} notices, {counts['link']} item links, {targets} target links, "
          f"{counts['candidate']} item candidates, {counts['unmatched']} unmatched items in {arguments.output}", file=sys.stderr)
    for task_list in unpaired(documents):
        print(f"  nothing to link: {task_list.source} section {task_list.section} ({task_list.kind}, "
              f"{task_list.region or 'no region'}, {task_list.year or 'no year'})", file=sys.stderr)
    return 1 if failures else 0


def _serve(arguments) -> int:
    from .. import read
    from .service import serve

    if arguments.jobs is not None and arguments.jobs < 1:
        print("notice-extract: --jobs must be at least 1", file=sys.stderr)
        return 2
    serve(arguments.host, arguments.port, arguments.jobs or os.cpu_count() or 1, read.MAX_BYTES, read.OCR_MODE)
    return 0


def _review(arguments) -> int:
    from ..api import extract
    from ..output.review import review_page

    try:
        page = review_page(extract(Path(arguments.file)))
    except NoticeError as error:
        print(f"notice-extract: {error}", file=sys.stderr)
        return 1
    try:
        write_atomically(arguments.output, page)
    except OSError as error:
        return _cannot_write(arguments.output, error)
    return 0


def _extract(arguments) -> int:
    failures = []
    targets = _extract_targets(arguments)
    if isinstance(targets, str):
        print(f"notice-extract: {targets}", file=sys.stderr)
        return 2
    for path, target in zip(arguments.files, targets):
        try:
            result = normalised_text(path) + "\n" if arguments.text else dumps(extract_path(path))
        except NoticeError as error:
            print(f"notice-extract: {error}", file=sys.stderr)
            failures.append(str(path))
            if target is not None and target.is_file():
                target.unlink()  # no stale output of a document that fails now
            continue
        except Exception as error:  # a bug, but one file must not stop a batch or print a traceback
            if os.environ.get("NOTICE_EXTRACT_DEBUG"):
                raise
            print(f"notice-extract: {path}: internal error ({type(error).__name__}: {error}); "
                  "set NOTICE_EXTRACT_DEBUG=1 for the traceback", file=sys.stderr)
            failures.append(str(path))
            continue
        if target is None:
            sys.stdout.write(result if arguments.text or len(arguments.files) == 1 else _one_line(result))
            continue
        try:
            write_atomically(target, result)
        except OSError as error:
            _cannot_write(target, error)
            failures.append(str(path))
    if failures and len(arguments.files) > 1:
        print(f"notice-extract: {len(failures)} of {len(arguments.files)} files failed: {', '.join(failures)}",
              file=sys.stderr)
    return 1 if failures else 0


def _extract_targets(arguments) -> list[Path | None] | str:
    """Where each input's output goes: standard output, the file -o names (one input), or
    `<folder>/<file name>.json` as batch names it (several inputs, an existing folder, or a -o
    ending in /). Two inputs that would write one file are refused before anything is written."""
    files, output = arguments.files, arguments.output
    if output is None:
        return [None] * len(files)
    folder = len(files) > 1 or output.endswith(("/", os.sep)) or Path(output).is_dir()
    if not folder:
        return [Path(output)]
    if Path(output).exists() and not Path(output).is_dir():
        return f"{output}: is a file; -o must name a folder when several files are given"
    suffix = ".txt" if arguments.text else ".json"
    targets = [Path(output) / ("stdin" if str(path) == "-" else path.name + suffix) for path in files]
    seen: dict[Path, Path] = {}
    for path, target in zip(files, targets):
        if target in seen:
            return f"{seen[target]} and {path} would both write {target}; convert them with batch, which keeps their folders"
        seen[target] = path
    return targets


def _one_line(result: str) -> str:
    """Several documents on standard output are JSON Lines, one document per line."""
    import json

    return json.dumps(json.loads(result), ensure_ascii=False) + "\n"


def _cannot_write(target, error: OSError) -> int:
    print(f"notice-extract: {target}: cannot write: {error.strerror or error}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
