"""Extracted notices into a relational database: DuckDB (one file, no server) by default,
PostgreSQL through its URL for a shared deployment.

Four tables, keyed as the contract keys them: `documents` by the source's SHA-256 (the same bytes are
the same notice, whatever the file is called), `items` by document and item id, `responsible_units`
and `targets` by item and position. Values are DECIMAL(38, 10): exact, never floats. Loading is
idempotent and atomic per document: a notice loaded again (the same outputs, or a re-extraction of
the same source) replaces its rows in one transaction, so an interrupted load leaves every document
either as it was or wholly new.

DuckDB refuses to delete a row that a foreign key pointed at earlier in the same transaction (its
documented foreign-key limitation), which is exactly what replacing an item's rows does; there the
foreign keys of units and targets point at `documents` (whose row is updated, never deleted), and
the key (document, item_id) of `items` is checked by the loader. PostgreSQL gets every foreign key,
with ON DELETE CASCADE.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from . import relational
from ..base.errors import NoticeError

VALUE = (38, 10)  # DECIMAL precision and scale: 10^24 (a 12-digit amount in 万亿) with 10 decimals


def _exact_numeric(precision: int = VALUE[0], scale: int = VALUE[1]):
    """DECIMAL(38, 10) bound as its decimal text where the driver has no exact decimal.

    SQLAlchemy hands a Numeric to a dialect without native decimals (duckdb-engine's) as a binary
    float, and DuckDB's cast of that float to DECIMAL is off in the last places (80281000000 became
    80280999999.9999934464, 1234567.89 became 1234567.8899999998). The decimal's text is cast by the
    database itself, exactly. PostgreSQL (psycopg) takes the Decimal as it is."""
    from sqlalchemy import Numeric

    class ExactNumeric(Numeric):
        cache_ok = True

        def bind_processor(self, dialect):
            if dialect.supports_native_decimal:
                return None

            def as_text(value):
                return None if value is None else format(relational.exact(value), "f")
            return as_text

    return ExactNumeric(precision, scale)


def _tables(metadata, full_foreign_keys: bool):
    from sqlalchemy import (Boolean, CheckConstraint, Column, Date, DateTime, ForeignKey, ForeignKeyConstraint,
                            Integer, String, Table, Text)

    cascade = {"ondelete": "CASCADE"} if full_foreign_keys else {}  # DuckDB has no ON DELETE actions

    def document_key():
        return Column("document", String(64), ForeignKey("documents.sha256", **cascade), primary_key=True)

    def item_key():
        return [ForeignKeyConstraint(["document", "item_id"], ["items.document", "items.item_id"], ondelete="CASCADE")] \
            if full_foreign_keys else []
    documents = Table(
        "documents", metadata,
        Column("sha256", String(64), primary_key=True),
        Column("source_name", Text, nullable=False),
        Column("format", String(16), nullable=False),
        Column("title", Text), Column("issuer", Text), Column("doc_number", Text), Column("date", Date),
        Column("region", Text), Column("year", Integer),
        Column("extracted_at", DateTime(timezone=True), nullable=False),
        Column("schema_version", Integer, nullable=False),
    )
    items = Table(
        "items", metadata,
        document_key(),
        Column("item_id", String(64), primary_key=True),
        Column("section", Integer, nullable=False),
        Column("path", String(64), nullable=False),
        Column("title", Text, nullable=False),
        Column("text", Text, nullable=False),
    )
    units = Table(
        "responsible_units", metadata,
        document_key(),
        Column("item_id", String(64), primary_key=True),
        Column("position", Integer, primary_key=True),
        Column("unit", Text, nullable=False),
        Column("lead", Boolean, nullable=False),
        *item_key(),
    )
    targets = Table(
        "targets", metadata,
        document_key(),
        Column("item_id", String(64), primary_key=True),
        Column("position", Integer, primary_key=True),
        Column("metric", Text, nullable=False),
        Column("value", _exact_numeric(), nullable=False),
        Column("value_max", _exact_numeric()),
        Column("unit", Text, nullable=False),
        Column("comparator", String(8), nullable=False),
        Column("role", String(16), nullable=False),
        Column("raw", Text, nullable=False),
        Column("span_start", Integer, nullable=False),
        Column("span_end", Integer, nullable=False),
        Column("rule", Text),
        CheckConstraint("comparator IN ('>=', '>', '<=', '~', '=', 'between')", name="targets_comparator"),
        CheckConstraint("role IN ('target', 'actual', 'completion')", name="targets_role"),
        *item_key(),
    )
    links = Table(
        "links", metadata,
        Column("from_document", String(64), ForeignKey("documents.sha256", **cascade), primary_key=True),
        Column("position", Integer, primary_key=True),
        Column("kind", String(8), nullable=False),
        Column("from_item_id", String(64), nullable=False),
        Column("from_position", Integer),
        Column("to_document", String(64), ForeignKey("documents.sha256", **cascade), nullable=False),
        Column("to_item_id", String(64)),
        Column("to_position", Integer),
        Column("relation", String(16), nullable=False),
        Column("score", _exact_numeric(5, 4), nullable=False),
        Column("rule", Text, nullable=False),
        Column("status", String(16), nullable=False),
        CheckConstraint("kind IN ('item', 'target')", name="links_kind"),
        CheckConstraint("relation IN ('breaks_down', 'reports_on')", name="links_relation"),
        CheckConstraint("status IN ('link', 'candidate', 'unmatched')", name="links_status"),
        *([ForeignKeyConstraint(["from_document", "from_item_id"], ["items.document", "items.item_id"],
                                ondelete="CASCADE"),
           ForeignKeyConstraint(["to_document", "to_item_id"], ["items.document", "items.item_id"], ondelete="CASCADE"),
           ForeignKeyConstraint(["from_document", "from_item_id", "from_position"],
                                ["targets.document", "targets.item_id", "targets.position"], ondelete="CASCADE"),
           ForeignKeyConstraint(["to_document", "to_item_id", "to_position"],
                                ["targets.document", "targets.item_id", "targets.position"], ondelete="CASCADE")]
          if full_foreign_keys else []),
    )
    return documents, items, units, targets, links


@dataclass
class LoadResult:
    loaded: int = 0
    links: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


class Database:
    """A connection to the target database with the schema in place."""

    def __init__(self, target: str):
        from sqlalchemy import MetaData, create_engine
        from sqlalchemy.exc import SQLAlchemyError

        self.target = target
        postgres = target.startswith(("postgresql:", "postgres:", "postgresql+"))
        url = target if not postgres else _psycopg_url(target)
        if not postgres:
            path = Path(target)
            if path.is_dir():
                raise NoticeError(target, "is a folder; give a database file such as notices.duckdb")
            path.parent.mkdir(parents=True, exist_ok=True)
            url = f"duckdb:///{path.resolve()}"
        self.postgres = postgres
        self.metadata = MetaData()
        self.documents, self.items, self.units, self.targets, self.links = _tables(self.metadata, full_foreign_keys=postgres)
        try:
            self.engine = create_engine(url)
            self.metadata.create_all(self.engine)
        except SQLAlchemyError as error:
            raise NoticeError(shown_target(target), f"cannot open the database ({reason_of(error)})") from None

    def load(self, document: dict, extracted_at: datetime.datetime) -> None:
        """Replace the rows of one notice, in one transaction."""
        from sqlalchemy import delete, insert, select, update

        digest = document["source"]["sha256"]
        rows = relational.rows(document, extracted_at)
        with self.engine.begin() as connection:
            for table in (self.targets, self.units, self.items):
                connection.execute(delete(table).where(table.c.document == digest))
            exists = connection.execute(select(self.documents.c.sha256).where(self.documents.c.sha256 == digest)).first()
            if exists:
                values = {key: value for key, value in rows["documents"].items() if key != "sha256"}
                connection.execute(update(self.documents).where(self.documents.c.sha256 == digest).values(**values))
            else:
                connection.execute(insert(self.documents).values(**rows["documents"]))
            for table, name in ((self.items, "items"), (self.units, "responsible_units"), (self.targets, "targets")):
                if rows[name]:
                    connection.execute(insert(table), rows[name])

    def load_links(self, rows: list[dict], documents: list[str]) -> None:
        """Replace the links from these documents (hashes) with `rows`, in one transaction."""
        from sqlalchemy import delete, insert

        with self.engine.begin() as connection:
            connection.execute(delete(self.links).where(self.links.c.from_document.in_(documents)))
            if rows:
                connection.execute(insert(self.links), rows)

    def close(self) -> None:
        self.engine.dispose()


def _psycopg_url(target: str) -> str:
    """postgresql://… through psycopg (version 3)."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if target.startswith(prefix):
            return "postgresql+psycopg://" + target[len(prefix):]
    return target


def shown_target(target: str) -> str:
    """A database URL without its password, for messages."""
    if "@" in target and "://" in target:
        scheme, rest = target.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        return f"{scheme}://{credentials.split(':')[0]}@{host}"
    return target


def reason_of(error) -> str:
    """The first line of what the database said."""
    original = getattr(error, "orig", None) or error
    return str(original).strip().splitlines()[0][:160] if str(original).strip() else type(original).__name__


def load_folder(out_dir: Path, target: str, links=None) -> LoadResult:
    """Every batch output under out_dir into the database; a file that is no notice output is
    listed with its reason, and the others still load. `links`, given the loaded documents, returns
    their link records, which replace the links from them (the commands link; output does not)."""
    from sqlalchemy.exc import SQLAlchemyError

    database = Database(target)
    result = LoadResult()
    loaded = []
    try:
        for path in relational.output_files(out_dir):
            name = str(path.relative_to(out_dir))
            try:
                document = relational.read_output(path)
                if not relational.is_notice_output(document):
                    result.failures.append((name, "not a notice-extract output"))
                    continue
                database.load(document, relational.extraction_time(path))
                loaded.append(document)
                result.loaded += 1
            except ValueError as error:
                result.failures.append((name, f"not JSON ({str(error)[:80]})"))
            except SQLAlchemyError as error:
                result.failures.append((name, f"database refused it ({reason_of(error)})"))
        if links is not None and loaded:
            rows = relational.link_rows(links(loaded), loaded)
            try:
                database.load_links(rows, [document["source"]["sha256"] for document in loaded])
                result.links = len(rows)
            except SQLAlchemyError as error:
                result.failures.append(("links", f"database refused them ({reason_of(error)})"))
    finally:
        database.close()
    return result
