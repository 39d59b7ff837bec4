"""Extracted notices as Parquet files, one per relational table (documents, items,
responsible_units, targets), with the database's columns and exact decimal values (pyarrow's
decimal128(38, 10)), for systems that read columnar data: DuckDB, Spark, pandas."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from . import relational
from ..base.files import write_atomically

_DECIMAL = ("decimal", 38, 10)
# column → type, in table order; the same columns as the database tables
COLUMNS = {
    "documents": [("sha256", "string"), ("source_name", "string"), ("format", "string"), ("title", "string"),
                  ("issuer", "string"), ("doc_number", "string"), ("date", "date"), ("region", "string"),
                  ("year", "int32"), ("extracted_at", "timestamp"), ("schema_version", "int32")],
    "items": [("document", "string"), ("item_id", "string"), ("section", "int32"), ("path", "string"),
              ("title", "string"), ("text", "string")],
    "responsible_units": [("document", "string"), ("item_id", "string"), ("position", "int32"), ("unit", "string"),
                          ("lead", "bool")],
    "targets": [("document", "string"), ("item_id", "string"), ("position", "int32"), ("metric", "string"),
                ("value", _DECIMAL), ("value_max", _DECIMAL), ("unit", "string"), ("comparator", "string"),
                ("role", "string"), ("raw", "string"), ("span_start", "int32"), ("span_end", "int32"),
                ("rule", "string")],
    "links": [("from_document", "string"), ("position", "int32"), ("kind", "string"), ("from_item_id", "string"),
              ("from_position", "int32"), ("to_document", "string"), ("to_item_id", "string"),
              ("to_position", "int32"), ("relation", "string"), ("score", ("decimal", 5, 4)), ("rule", "string"),
              ("status", "string")],
}


def _schema(table: str):
    import pyarrow

    kinds = {"string": pyarrow.string(), "date": pyarrow.date32(), "int32": pyarrow.int32(), "bool": pyarrow.bool_(),
             "timestamp": pyarrow.timestamp("s", tz="UTC")}
    return pyarrow.schema([(name, pyarrow.decimal128(kind[1], kind[2]) if isinstance(kind, tuple) else kinds[kind])
                           for name, kind in COLUMNS[table]])


def write_parquet(documents: list[tuple[dict, datetime.datetime]], folder: Path, links=None) -> list[Path]:
    """<folder>/<table>.parquet for each table, each written atomically; (document, extracted_at) pairs.
    `links`, given the documents, returns their link records: then links.parquet too."""
    import pyarrow
    import pyarrow.parquet

    tables = {name: [] for name in relational.TABLE_NAMES}
    for document, extracted_at in documents:
        for name, rows in relational.rows(document, extracted_at).items():
            tables[name].extend([rows] if isinstance(rows, dict) else rows)
    if links is not None:
        plain = [document for document, _ in documents]
        tables[relational.LINK_TABLE] = relational.link_rows(links(plain), plain)
    written = []
    for name, rows in tables.items():
        schema = _schema(name)
        table = pyarrow.Table.from_pylist(rows, schema=schema)
        buffer = io.BytesIO()
        pyarrow.parquet.write_table(table, buffer)
        path = folder / f"{name}.parquet"
        write_atomically(path, buffer.getvalue())
        written.append(path)
    return written


def write_folder(out_dir: Path, folder: Path, links=None) -> list[Path]:
    """The Parquet tables of every notice output under out_dir."""
    documents = [(relational.read_output(path), relational.extraction_time(path))
                 for path in relational.output_files(out_dir)]
    return write_parquet([(document, time) for document, time in documents if relational.is_notice_output(document)],
                         folder, links)
