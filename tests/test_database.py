"""Batch outputs in a real DuckDB file and a real PostgreSQL server, and as Parquet.

The PostgreSQL server is Debian's (`make test` installs the package): a throw-away cluster made
with initdb under a temporary folder, listening on a free loopback port, stopped at the end.
The corpus is converted once for all these tests (`batch … --db … --format parquet`), as a user runs it.
"""

from __future__ import annotations

import copy
import datetime
import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.output.database import Database, load_folder
from extractor.output.relational import extraction_time, output_files, read_output

from .conftest import CORPUS, ROOT

README_QUERIES = re.findall(r"```sql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


# ---- the corpus, converted once ------------------------------------------------------------------

@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The corpus through `batch --db out/notices.duckdb --format parquet`."""
    out = tmp_path_factory.mktemp("database") / "out"
    result = subprocess.run([sys.executable, "-m", "extractor", "batch", str(CORPUS), "-o", str(out), "--db",
                             str(out / "notices.duckdb"), "--format", "parquet", "--jobs", "2"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


def _outputs(out: Path) -> list[dict]:
    return [read_output(path) for path in output_files(out)]


def _duckdb(path: Path):
    import duckdb

    return duckdb.connect(str(path), read_only=True)


def _expected_counts(documents: list[dict]) -> dict:
    return {
        "documents": len({document["source"]["sha256"] for document in documents}),
        "items": sum(len(document["items"]) for document in documents),
        "responsible_units": sum(len(item["responsible_units"]) for document in documents for item in document["items"]),
        "targets": sum(len(item["targets"]) for document in documents for item in document["items"]),
    }


def _counts(execute) -> dict:
    return {table: execute(f"SELECT count(*) FROM {table}")[0][0]
            for table in ("documents", "items", "responsible_units", "targets")}


def test_the_batch_loads_every_notice_into_duckdb(converted):
    documents = _outputs(converted)
    connection = _duckdb(converted / "notices.duckdb")
    assert _counts(lambda sql: connection.execute(sql).fetchall()) == _expected_counts(documents)
    assert connection.execute("SELECT data_type FROM information_schema.columns "
                              "WHERE table_name = 'targets' AND column_name = 'value'").fetchone()[0] == "DECIMAL(38,10)"


def _target_rows(documents: list[dict]) -> set:
    return {(document["source"]["sha256"], item["id"], position, target["metric"], Decimal(str(target["value"])),
             target["unit"], target["comparator"], target["role"])
            for document in documents for item in document["items"]
            for position, target in enumerate(item["targets"], 1)}


def test_values_are_exact_decimals_as_in_the_json(converted):
    documents = _outputs(converted)
    connection = _duckdb(converted / "notices.duckdb")
    rows = connection.execute("SELECT document, item_id, position, metric, value, unit, comparator, role FROM targets").fetchall()
    assert {(*row[:4], row[4].normalize(), *row[5:]) for row in rows} == \
        {(*row[:4], row[4].normalize(), *row[5:]) for row in _target_rows(documents)}
    assert connection.execute("SELECT value FROM targets WHERE value = 139.02").fetchall() == [(Decimal("139.0200000000"),)]


def test_lead_units_are_flagged(converted):
    connection = _duckdb(converted / "notices.duckdb")
    rows = connection.execute(
        "SELECT u.unit, u.lead FROM responsible_units u JOIN documents d ON d.sha256 = u.document "
        "WHERE d.source_name = '023_luoyang_truetype.pdf' AND u.item_id = '3' ORDER BY u.position").fetchall()
    assert rows == [("市住房城乡建设局", True), ("市城市管理局", True), ("市自然资源和规划局", False),
                    ("各县（市、区）人民政府", False)]


def test_loading_again_replaces_and_never_duplicates(converted, tmp_path):
    database = tmp_path / "again.duckdb"
    assert load_folder(converted, str(database)).loaded == len(output_files(converted))
    first = _counts(lambda sql: _duckdb(database).execute(sql).fetchall())
    assert load_folder(converted, str(database)).loaded == len(output_files(converted))
    assert _counts(lambda sql: _duckdb(database).execute(sql).fetchall()) == first


def test_a_re_extracted_notice_replaces_its_rows(converted, tmp_path):
    """The same source hash with fewer items and another title: the old rows go, the new stay."""
    path = converted / "001_42ff27236c2e870f.txt.json"
    document = read_output(path)
    database = Database(str(tmp_path / "replace.duckdb"))
    database.load(document, extraction_time(path))
    changed = copy.deepcopy(document)
    changed["items"] = changed["items"][:3]
    changed["document"]["title"] = "重新提取"
    database.load(changed, extraction_time(path))
    database.close()
    connection = _duckdb(tmp_path / "replace.duckdb")
    assert connection.execute("SELECT title FROM documents").fetchall() == [("重新提取",)]
    assert connection.execute("SELECT count(*) FROM items").fetchone()[0] == 3
    assert connection.execute("SELECT count(*) FROM targets").fetchone()[0] == \
        sum(len(item["targets"]) for item in changed["items"])


def test_a_load_that_fails_midway_leaves_the_notice_as_it_was(converted, tmp_path):
    """The last target breaks a check: the whole notice's transaction rolls back."""
    path = converted / "001_42ff27236c2e870f.txt.json"
    good = read_output(path)
    target = tmp_path / "atomic.duckdb"
    database = Database(str(target))
    database.load(good, extraction_time(path))
    broken = copy.deepcopy(good)
    broken["items"] = broken["items"][:2]
    broken["items"][-1]["targets"][-1]["comparator"] = "≥"
    from sqlalchemy.exc import SQLAlchemyError

    with pytest.raises(SQLAlchemyError):
        database.load(broken, extraction_time(path))
    database.close()
    assert _counts(lambda sql: _duckdb(target).execute(sql).fetchall()) == _expected_counts([good])


def test_what_the_database_refuses_is_listed_and_the_rest_loads(converted, tmp_path, run_cli):
    out = tmp_path / "out"
    shutil.copytree(converted, out, ignore=shutil.ignore_patterns("*.duckdb", "*.parquet"))
    broken = read_output(out / "003_xinxiang_county_inline.txt.json")
    broken["items"][0]["targets"][0]["role"] = "wish"
    (out / "003_xinxiang_county_inline.txt.json").write_text(json.dumps(broken, ensure_ascii=False, default=str),
                                                             encoding="utf-8")
    (out / "stray.json").write_text("[1, 2]", encoding="utf-8")
    result = run_cli("db", out)
    assert result.returncode == 1
    assert "refused: 003_xinxiang_county_inline.txt.json: database refused it" in result.stderr
    assert "refused: stray.json: not a notice-extract output" in result.stderr
    assert f"{len(output_files(converted)) - 1} notices loaded" in result.stderr


def test_a_database_that_cannot_be_opened_is_one_line(tmp_path, run_cli, converted):
    (tmp_path / "folder.duckdb").mkdir()
    result = run_cli("db", converted, "--to", tmp_path / "folder.duckdb")
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1 and "is a folder" in result.stderr
    result = run_cli("db", converted, "--to", "postgresql://nobody:secret@127.0.0.1:1/none")
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "cannot open the database" in result.stderr and "secret" not in result.stderr


# ---- the README's queries ------------------------------------------------------------------------

def _expected_answers(documents: list[dict]) -> list[list[tuple]]:
    piles = sorted(((d["document"]["region"], d["document"]["year"], t["metric"], Decimal(str(t["value"])), t["unit"], t["role"])
                    for d in documents for i in d["items"] for t in i["targets"] if "充电桩" in t["metric"]),
                   key=lambda row: (row[0], row[3]))
    roles: dict[str, int] = {}
    for d in documents:
        if d["document"]["region"] == "开封市":
            for i in d["items"]:
                for t in i["targets"]:
                    roles[t["role"]] = roles.get(t["role"], 0) + 1
    bare: dict[str, int] = {}
    for d in documents:
        for i in d["items"]:
            if not i["responsible_units"]:
                bare[d["source"]["name"]] = bare.get(d["source"]["name"], 0) + 1
    return [piles, sorted(roles.items()), sorted(bare.items())]


def _normalised(rows) -> list[tuple]:
    return [tuple(value.normalize() if isinstance(value, Decimal) else value for value in row) for row in rows]


def test_the_readme_queries_answer_in_duckdb(converted):
    assert len(README_QUERIES) == 4  # three on the corpus, the fourth on the linked family (below)
    documents = _outputs(converted)
    connection = _duckdb(converted / "notices.duckdb")
    answers = [connection.execute(query).fetchall() for query in README_QUERIES[:3]]
    expected = _expected_answers(documents)
    assert sorted(_normalised(answers[0]), key=str) == sorted(_normalised(expected[0]), key=str)
    assert [(row[0], row[3]) for row in answers[0]] == sorted((row[0], row[3]) for row in answers[0])
    assert any(row[0] == "开封市" and row[3] == 1900 for row in answers[0])
    assert answers[1] == expected[1] and dict(answers[1])["target"] >= 10
    assert answers[2] == expected[2] and answers[2]


# ---- PostgreSQL ----------------------------------------------------------------------------------

def _postgres_binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail("PostgreSQL's server is not installed: `make test` installs Debian's postgresql package")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def postgres():
    """A PostgreSQL server of its own on a loopback port, for these tests only (its folder is
    outside pytest's, which only root may enter)."""
    binaries = _postgres_binaries()
    folder = Path(tempfile.mkdtemp(prefix="notice-extract-postgres-"))
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir()
    as_user = []
    if os.geteuid() == 0:  # the server refuses to run as root: the postgres account runs it
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()

    def run(*command):
        return subprocess.run([*as_user, *command], capture_output=True, text=True, check=True)

    run(str(binaries / "initdb"), "-D", str(data), "-U", "notices", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
    run(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w", "-o",
        f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    try:
        run(str(binaries / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "notices", "notices")
        yield f"postgresql://notices@127.0.0.1:{port}/notices"
    finally:
        subprocess.run([*as_user, str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _postgres_execute(url: str):
    import psycopg

    connection = psycopg.connect(url, autocommit=True)
    return lambda sql: connection.execute(sql).fetchall()


def test_postgresql_holds_what_duckdb_holds(converted, postgres, run_cli):
    result = run_cli("db", converted, "--to", postgres)
    assert result.returncode == 0, result.stderr
    execute = _postgres_execute(postgres)
    documents = _outputs(converted)
    assert _counts(execute) == _expected_counts(documents)
    rows = execute("SELECT document, item_id, position, metric, value, unit, comparator, role FROM targets")
    assert {(*row[:4], row[4].normalize(), *row[5:]) for row in rows} == \
        {(*row[:4], row[4].normalize(), *row[5:]) for row in _target_rows(documents)}
    assert execute("SELECT numeric_precision, numeric_scale FROM information_schema.columns "
                   "WHERE table_name = 'targets' AND column_name = 'value'") == [(38, 10)]
    # every foreign key a database engineer would declare, with ON DELETE CASCADE
    keys = execute("SELECT tc.table_name, rc.delete_rule, count(*) FROM information_schema.table_constraints tc "
                   "JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name "
                   "GROUP BY tc.table_name, rc.delete_rule ORDER BY tc.table_name")
    assert keys == [("items", "CASCADE", 1), ("links", "CASCADE", 6), ("responsible_units", "CASCADE", 2),
                    ("targets", "CASCADE", 2)]
    # loading again changes nothing; the README's queries answer as in DuckDB
    assert run_cli("db", converted, "--to", postgres).returncode == 0
    assert _counts(execute) == _expected_counts(documents)
    duck = _duckdb(converted / "notices.duckdb")
    for query in README_QUERIES:
        assert _normalised(execute(query)) == _normalised(duck.execute(query).fetchall())


def test_a_batch_loads_into_postgresql_as_it_goes(postgres, tmp_path, run_cli):
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name in ("002_luoyang_lead_support.txt", "030_luohe_field_lines.txt"):
        shutil.copy(CORPUS / name, inbox / name)
    result = run_cli("batch", inbox, "-o", tmp_path / "out", "--db", postgres)
    assert result.returncode == 0, result.stderr
    execute = _postgres_execute(postgres)
    names = {row[0] for row in execute("SELECT source_name FROM documents")}
    assert {"002_luoyang_lead_support.txt", "030_luohe_field_lines.txt"} <= names


# ---- Parquet ---------------------------------------------------------------------------------------

def test_parquet_tables_read_back_the_same_in_duckdb_and_pyarrow(converted):
    import pyarrow.parquet

    documents = _outputs(converted)
    expected = _target_rows(documents)
    table = pyarrow.parquet.read_table(converted / "targets.parquet")
    assert str(table.schema.field("value").type) == "decimal128(38, 10)"
    from_arrow = {(row["document"], row["item_id"], row["position"], row["metric"], row["value"], row["unit"],
                   row["comparator"], row["role"]) for row in table.to_pylist()}
    connection = _duckdb(converted / "notices.duckdb")
    from_duckdb = set(connection.execute(
        f"SELECT document, item_id, position, metric, value, unit, comparator, role FROM read_parquet('{converted}/targets.parquet')").fetchall())

    def normal(rows):
        return {(*row[:4], row[4].normalize(), *row[5:]) for row in rows}

    assert normal(from_arrow) == normal(expected) == normal(from_duckdb)
    for name, count in _expected_counts(documents).items():
        assert pyarrow.parquet.read_table(converted / f"{name}.parquet").num_rows == count
    assert pyarrow.parquet.read_table(converted / "links.parquet").num_rows == \
        connection.execute("SELECT count(*) FROM links").fetchone()[0] > 100


def test_the_table_command_writes_parquet_too(converted, tmp_path, run_cli):
    result = run_cli("table", converted, "-o", tmp_path / "tables", "--format", "parquet")
    assert result.returncode == 0, result.stderr
    for name in ("documents", "items", "responsible_units", "targets", "links"):
        assert (tmp_path / "tables" / f"{name}.parquet").read_bytes() == (converted / f"{name}.parquet").read_bytes()


# ---- exact decimals --------------------------------------------------------------------------------

GOLDEN_OUTPUTS = sorted(path for path in (ROOT / "golden").rglob("*.json") if "links" not in path.parts)


def _golden_documents() -> list[dict]:
    """Every golden output, each number read as the decimal its JSON text writes."""
    documents = [json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal, parse_int=Decimal)
                 for path in GOLDEN_OUTPUTS]
    return [document for document in documents if isinstance(document.get("items"), list)]


def _json_values(documents: list[dict]) -> dict:
    """(document, item, position) → (value, value_max) as the JSON wrote them."""
    return {(document["source"]["sha256"], item["id"], position): (target["value"], target.get("value_max"))
            for document in documents for item in document["items"]
            for position, target in enumerate(item["targets"], 1)}


def _load_golden(target: str) -> dict:
    documents = _golden_documents()
    database = Database(target)
    for document in documents:
        database.load(document, extraction_time(GOLDEN_OUTPUTS[0]))
    database.close()
    return _json_values(documents)


def _assert_exact(expected: dict, rows) -> None:
    stored = {(document, item_id, position): (value, value_max) for document, item_id, position, value, value_max in rows}
    assert stored.keys() == expected.keys()
    wrong = {key: (stored[key], expected[key]) for key in expected if stored[key] != expected[key]}
    assert not wrong, f"{len(wrong)} values not as the JSON writes them, e.g. {next(iter(wrong.items()))}"


EXACT_QUERY = "SELECT document, item_id, position, value, value_max FROM targets"
SUM_QUERY = "SELECT sum(value), sum(value_max) FROM targets"


def _sums(expected: dict) -> tuple:
    return (sum(value for value, _ in expected.values()),
            sum(value_max for _, value_max in expected.values() if value_max is not None))


def test_every_golden_value_reads_back_as_its_json_text_in_duckdb(tmp_path):
    expected = _load_golden(str(tmp_path / "golden.duckdb"))
    assert len(expected) > 700 and len(GOLDEN_OUTPUTS) > 49
    connection = _duckdb(tmp_path / "golden.duckdb")
    _assert_exact(expected, connection.execute(EXACT_QUERY).fetchall())
    assert connection.execute(SUM_QUERY).fetchone() == _sums(expected)


def test_every_golden_value_reads_back_as_its_json_text_in_postgresql(postgres):
    expected = _load_golden(postgres)
    execute = _postgres_execute(postgres)
    _assert_exact(expected, execute(EXACT_QUERY))
    assert execute(SUM_QUERY)[0] == _sums(expected)


def test_values_the_float_path_got_wrong_are_exact(tmp_path):
    """What a binary float between SQLAlchemy and DuckDB made of them before."""
    document = _one_target_document([Decimal("80281000000"), Decimal("1234567.89"), Decimal("0.1")])
    database = Database(str(tmp_path / "floats.duckdb"))
    database.load(document, extraction_time(GOLDEN_OUTPUTS[0]))
    database.close()
    rows = _duckdb(tmp_path / "floats.duckdb").execute("SELECT value FROM targets ORDER BY position").fetchall()
    assert [row[0] for row in rows] == [Decimal("80281000000"), Decimal("1234567.89"), Decimal("0.1")]


def _one_target_document(values: list[Decimal]) -> dict:
    """A golden output whose first item holds one target per value (and a range up to twice it)."""
    document = copy.deepcopy(_golden_documents()[0])
    item = document["items"][0]
    template = item["targets"][0]
    item["targets"] = [{**template, "value": value, "value_max": value * 2, "comparator": "between"}
                       for value in values]
    document["items"] = [item]
    return document



def _decimals():
    from hypothesis import strategies

    return strategies.lists(strategies.decimals(min_value=Decimal(-10) ** 15 / 2, max_value=Decimal(10) ** 15 / 2,
                                                places=10, allow_nan=False, allow_infinity=False),
                            min_size=1, max_size=12)


def test_any_decimal_up_to_ten_to_the_fifteen_with_ten_places_is_exact_in_both(postgres, tmp_path):
    """Hypothesis draws the values; each draw replaces the notice's rows in DuckDB and PostgreSQL,
    which must give back every value and the sums exactly."""
    from hypothesis import HealthCheck, given, settings

    duck = Database(str(tmp_path / "property.duckdb"))
    server = Database(postgres)
    when = extraction_time(GOLDEN_OUTPUTS[0])

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(_decimals())
    def round_trip(values):
        document = _one_target_document(values)
        digest = document["source"]["sha256"]
        for database in (duck, server):
            database.load(document, when)
            with database.engine.connect() as connection:
                from sqlalchemy import text

                rows = connection.execute(text("SELECT value, value_max FROM targets WHERE document = :d "
                                               "ORDER BY position"), {"d": digest}).fetchall()
                sums = connection.execute(text("SELECT sum(value), sum(value_max) FROM targets WHERE document = :d"),
                                          {"d": digest}).fetchone()
            assert [(Decimal(row[0]), Decimal(row[1])) for row in rows] == [(value, value * 2) for value in values]
            assert (Decimal(sums[0]), Decimal(sums[1])) == (sum(values), sum(value * 2 for value in values))

    try:
        round_trip()
    finally:
        duck.close()
        server.close()



# ---- links as a table --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """corpus/linked through `batch --format parquet`, then `db`, as a user runs them."""
    out = tmp_path_factory.mktemp("linked") / "out"
    for command in (["batch", str(CORPUS / "linked"), "-o", str(out), "--format", "parquet"], ["db", str(out)]):
        result = subprocess.run([sys.executable, "-m", "extractor", *command], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
    return out


LINK_COLUMNS = ("from_document, position, kind, from_item_id, from_position, to_document, to_item_id, to_position, "
                "relation, score, rule, status")


def _expected_links(out: Path) -> list[tuple]:
    """The link records of `notice-extract link` on the same outputs, as rows."""
    from extractor.link import link_documents

    documents = _outputs(out)
    digest = {document["source"]["name"]: document["source"]["sha256"] for document in documents}
    rows, counts = [], {}
    for link in link_documents(documents):
        start, end = link["from"], link["to"]
        counts[start["source"]] = counts.get(start["source"], 0) + 1
        rows.append((digest[start["source"]], counts[start["source"]], link["kind"], start["item"],
                     start["target"] + 1 if "target" in start else None, digest[end["source"]], end["item"],
                     end["target"] + 1 if "target" in end else None, link["relation"], Decimal(str(link["score"])),
                     link["rule"], link["status"]))
    return rows


def test_db_loads_the_links_between_the_notices(linked):
    expected = _expected_links(linked)
    assert len(expected) > 100 and {row[2] for row in expected} == {"item", "target"}
    connection = _duckdb(linked / "notices.duckdb")
    assert sorted(connection.execute(f"SELECT {LINK_COLUMNS} FROM links").fetchall()) == sorted(expected)
    # each end of a link joins the item (and target) it names
    dangling = connection.execute(
        "SELECT count(*) FROM links l WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.document = l.from_document "
        "AND i.item_id = l.from_item_id) OR (l.to_item_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM items i "
        "WHERE i.document = l.to_document AND i.item_id = l.to_item_id)) OR (l.kind = 'target' AND 2 <> "
        "(SELECT count(*) FROM targets t WHERE (t.document, t.item_id, t.position) IN "
        "((l.from_document, l.from_item_id, l.from_position), (l.to_document, l.to_item_id, l.to_position))))"
    ).fetchone()[0]
    assert dangling == 0
    import pyarrow.parquet

    from_parquet = [tuple(row.values()) for row in pyarrow.parquet.read_table(linked / "links.parquet").to_pylist()]
    assert sorted(from_parquet) == sorted(expected)


def _plan_progress(out: Path) -> list[tuple]:
    """The README's province question answered from the link records in Python."""
    documents = {document["source"]["sha256"]: document for document in _outputs(out)}
    targets = {(digest, item["id"], position): target for digest, document in documents.items()
               for item in document["items"] for position, target in enumerate(item["targets"], 1)}
    links = [row for row in _expected_links(out) if row[2] == "target" and row[11] == "link"]
    plan = next(digest for digest, document in documents.items()
                if document["document"]["region"] == "湖南省" and document["document"]["year"] == 2025
                and all(target["role"] == "target" for item in document["items"] for target in item["targets"]))
    answers = []
    for link in links:
        if link[8] != "breaks_down" or link[5] != plan:
            continue
        planned, breakdown = targets[link[5:8]], (link[0], link[3], link[4])
        newest = {}
        for report in links:
            if report[8] == "reports_on" and report[5:8] == breakdown:
                reported = targets[(report[0], report[3], report[4])]
                date = documents[report[0]]["document"]["date"]
                if reported["role"] not in newest or date > newest[reported["role"]][0]:
                    newest[reported["role"]] = (date, Decimal(str(reported["value"])))
        dates = [newest[role][0] for role in ("actual", "completion") if role in newest]
        answers.append((link[6], planned["metric"], Decimal(str(planned["value"])), planned["unit"],
                        documents[link[0]]["document"]["region"], Decimal(str(targets[breakdown]["value"])),
                        newest.get("actual", (None, None))[1], newest.get("completion", (None, None))[1],
                        datetime.date.fromisoformat(dates[0]) if dates else None))
    return answers


def test_the_readme_question_of_a_province_answers_in_duckdb_and_postgresql(linked, postgres, run_cli):
    query = README_QUERIES[3]
    expected = sorted(_normalised(_plan_progress(linked)), key=str)
    duck = _normalised(_duckdb(linked / "notices.duckdb").execute(query).fetchall())
    assert sorted(duck, key=str) == expected
    assert ("4", "新建公共充电桩", 20000, "个", "株洲市", 2500, 980, Decimal("39.2"), datetime.date(2025, 7, 8)) in duck
    assert {row[4] for row in duck} == {"长沙市", "株洲市", "湘潭市"}
    assert run_cli("db", linked, "--to", postgres).returncode == 0
    assert _normalised(_postgres_execute(postgres)(query)) == duck
