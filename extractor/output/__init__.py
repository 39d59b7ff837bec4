"""Stage 6, output: the contract's JSON (contract), and the writers that read it — one row per target
for CSV and Excel (spreadsheet), four relational tables (relational) for Parquet (parquet) and
databases (database), and the review page (review). Output reads the model only, never a stage."""

from .contract import SCHEMA_VERSION, document_json, dumps, item_json, number, target_json

__all__ = ["SCHEMA_VERSION", "document_json", "dumps", "item_json", "number", "target_json"]
