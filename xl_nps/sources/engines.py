"""Opening a source of answers: which engine runs the queries, and on what relation.

=========================================  ==========================================
``--answers``                              engine and relation
=========================================  ==========================================
``answers.parquet``, ``data/*.parquet``,   DuckDB (embedded): ``read_parquet(...)``
a folder of Parquet files
``answers.csv`` (``.tsv``, ``.txt``)       DuckDB: ``read_csv(...)`` (types sniffed)
``answers.duckdb`` with ``--table T``      DuckDB, the database opened read-only
``postgresql://user@host/db`` + ``--table``  the PostgreSQL server itself (psycopg)
any other URL + ``--table``                its own engine through SQLAlchemy: ``bigquery://``,
                                           ``snowflake://``, ``trino://`` ... (with its driver)
a file with ``--engine spark``             Spark (``local[*]``, or ``$SPARK_MASTER``)
=========================================  ==========================================

Each engine answers ``run(sql)`` (all rows), ``stream(sql, size)`` (batches of rows) and
``schema(sql)`` (column names and types); the SQL it gets is already in its dialect. Of
Parquet files and DuckDB tables the source also tells each row's place (``Source.placed``),
which the lists keep as a sheet's order.
"""

from __future__ import annotations

import glob
import os
import re
from pathlib import Path

from xl_nps.errors import XlNpsError, quote
from xl_nps.frames import need

URL = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")
PARQUET, CSV, DUCKDB_FILES = (".parquet", ".parq", ".pq"), (".csv", ".tsv", ".txt"), (".duckdb", ".ddb", ".db")
EXTRA = 'pip install "xl-nps[sources]"'
DIALECTS = {  # URL scheme -> SQLGlot dialect
    "postgresql": "postgres", "postgres": "postgres", "bigquery": "bigquery", "snowflake": "snowflake",
    "trino": "trino", "presto": "presto", "mysql": "mysql", "mariadb": "mysql", "databricks": "databricks",
    "redshift": "redshift", "mssql": "tsql", "oracle": "oracle", "clickhouse": "clickhouse", "duckdb": "duckdb",
    "sqlite": "sqlite", "spark": "spark", "hive": "hive", "athena": "athena",
}


class QueryError(XlNpsError):
    """The engine refused or failed a query."""


def _module(name: str, extra: str = EXTRA):
    try:
        return need(name)
    except XlNpsError:
        raise XlNpsError(f"reading answers from outside the workbook needs {name}; run: {extra}") from None


def _say(error: Exception) -> str:
    """An engine's error as one line."""
    return " ".join(str(error).split())[:300]


class Engine:
    dialect = "duckdb"
    name = "DuckDB"

    def run(self, sql: str) -> list[tuple]:
        raise NotImplementedError

    def stream(self, sql: str, size: int):
        raise NotImplementedError

    def stream_columns(self, sql: str, size: int):
        """The rows of ``sql`` in batches of columns (a list per column)."""
        for batch in self.stream(sql, size):
            yield [list(column) for column in zip(*batch)]

    def schema(self, sql: str) -> list[tuple[str, str]]:
        raise NotImplementedError

    def close(self) -> None:
        pass


class DuckDB(Engine):
    def __init__(self, database: str | None = None):
        duckdb = _module("duckdb")
        self.error = duckdb.Error
        try:
            self.con = duckdb.connect(database or ":memory:", read_only=database is not None)
        except duckdb.Error as error:
            raise XlNpsError(f"cannot open {quote(database)} as a DuckDB database ({_say(error)})") from None
        self.con.execute("SET enable_progress_bar = false")  # DuckDB's own bar would print into the summary

    def run(self, sql):
        try:
            return self.con.execute(sql).fetchall()
        except self.error as error:
            raise QueryError(f"DuckDB: {_say(error)}") from None

    def stream(self, sql, size):
        try:
            cursor = self.con.execute(sql)
            while batch := cursor.fetchmany(size):
                yield batch
        except self.error as error:
            raise QueryError(f"DuckDB: {_say(error)}") from None

    def stream_columns(self, sql, size):
        """Batches as Arrow record batches (when pyarrow is there): no Python object per row
        until the columns are made lists at C speed."""
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            yield from Engine.stream_columns(self, sql, size)
            return
        try:
            relation = self.con.sql(sql)
            # DuckDB 2 names it to_arrow_reader; DuckDB 1 fetch_arrow_reader
            reader = (getattr(relation, "to_arrow_reader", None) or relation.fetch_arrow_reader)(size)
            for batch in reader:
                yield [column.to_pylist() for column in batch.columns]
        except self.error as error:
            raise QueryError(f"DuckDB: {_say(error)}") from None

    def schema(self, sql):
        try:
            relation = self.con.sql(sql)
        except self.error as error:
            raise QueryError(f"DuckDB: {_say(error)}") from None
        return [(name, str(kind).lower()) for name, kind in zip(relation.columns, relation.types)]

    def close(self):
        self.con.close()


class PostgreSQL(Engine):
    dialect, name = "postgres", "PostgreSQL"

    def __init__(self, url: str):
        psycopg = _module("psycopg", 'pip install "xl-nps[postgres]"')
        self.error = psycopg.Error
        try:
            self.con = psycopg.connect(url, autocommit=True, connect_timeout=15)
        except psycopg.Error as error:
            raise XlNpsError(f"cannot connect to {_safe(url)} ({_say(error)})") from None
        self.types = psycopg.adapters.types

    def run(self, sql):
        try:
            with self.con.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall()
        except self.error as error:
            raise QueryError(f"PostgreSQL: {_say(error)}") from None

    def stream(self, sql, size):
        try:  # a server-side cursor: the rows come over in batches
            with self.con.transaction(), self.con.cursor(name="xl_nps_rows") as cursor:
                cursor.itersize = size
                cursor.execute(sql)
                while batch := cursor.fetchmany(size):
                    yield batch
        except self.error as error:
            raise QueryError(f"PostgreSQL: {_say(error)}") from None

    def schema(self, sql):
        try:
            with self.con.cursor() as cursor:
                cursor.execute(f"SELECT * FROM ({sql}) AS q LIMIT 0")
                out = []
                for column in cursor.description:
                    info = self.types.get(column.type_code)
                    out.append((column.name, (info.name if info else "unknown").lower()))
                return out
        except self.error as error:
            raise QueryError(f"PostgreSQL: {_say(error)}") from None

    def close(self):
        self.con.close()


class SqlAlchemy(Engine):
    """Any database SQLAlchemy reaches by URL (its driver installed): the queries are
    translated to the dialect named by the URL's scheme."""

    name = "the database"

    def __init__(self, url: str, dialect: str):
        sqlalchemy = _module("sqlalchemy", "pip install sqlalchemy and the database's SQLAlchemy driver")
        self.sa, self.dialect = sqlalchemy, dialect
        try:
            self.engine = sqlalchemy.create_engine(url)
            self.con = self.engine.connect()
        except Exception as error:  # drivers raise their own kinds
            raise XlNpsError(f"cannot connect to {_safe(url)} ({_say(error)})") from None

    def _execute(self, sql, **options):
        try:
            return self.con.execution_options(**options).exec_driver_sql(sql)
        except Exception as error:  # drivers raise their own kinds
            raise QueryError(f"{self.dialect}: {_say(error)}") from None

    def run(self, sql):
        return [tuple(row) for row in self._execute(sql)]

    def stream(self, sql, size):
        result = self._execute(sql, stream_results=True, yield_per=size)
        while batch := result.fetchmany(size):
            yield [tuple(row) for row in batch]

    def schema(self, sql):
        result = self._execute(f"SELECT * FROM ({sql}) AS q LIMIT 0")
        return [(name, "unknown") for name in result.keys()]

    def close(self):
        self.con.close()
        self.engine.dispose()


class Spark(Engine):
    """Spark SQL on a local session (``local[*]``) or on the cluster named by $SPARK_MASTER."""

    dialect, name = "spark", "Spark"

    def __init__(self):
        _module("pyspark", 'pip install "xl-nps[spark]"')
        from pyspark.sql import SparkSession

        master = os.environ.get("SPARK_MASTER", "local[*]")
        self.session = (SparkSession.builder.master(master).appName("xl-nps")
                        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
                        .getOrCreate())
        self.session.sparkContext.setLogLevel("ERROR")

    def _sql(self, sql):
        try:
            return self.session.sql(sql)
        except Exception as error:  # pyspark raises AnalysisException and friends
            raise QueryError(f"Spark: {_say(error)}") from None

    def run(self, sql):
        try:
            return [tuple(row) for row in self._sql(sql).collect()]
        except QueryError:
            raise
        except Exception as error:
            raise QueryError(f"Spark: {_say(error)}") from None

    def stream(self, sql, size):
        batch = []
        try:
            for row in self._sql(sql).toLocalIterator(prefetchPartitions=True):
                batch.append(tuple(row))
                if len(batch) >= size:
                    yield batch
                    batch = []
        except QueryError:
            raise
        except Exception as error:
            raise QueryError(f"Spark: {_say(error)}") from None
        if batch:
            yield batch

    def schema(self, sql):
        frame = self._sql(sql)
        return [(field.name, field.dataType.simpleString().lower()) for field in frame.schema.fields]

    def view(self, files: list[str], kind: str) -> None:
        """The files as the temporary view the queries read."""
        reader = self.session.read
        try:
            frame = reader.parquet(*files) if kind == "parquet" else reader.option("header", True).option(
                "inferSchema", True).csv(files)
        except Exception as error:
            raise QueryError(f"Spark: {_say(error)}") from None
        frame.createOrReplaceTempView("xl_nps_files")


def _safe(url: str) -> str:
    """A URL for a message, its password left out."""
    return quote(re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url), 120)


class Source:
    """An opened source: the engine, and the SQL (in the engine's dialect) of the relation
    that holds the answers. ``described`` names it for the report and messages.

    Where the engine can tell each row's place in the source, ``placed`` is the same relation
    with two more columns, ``xl_nps_file`` (the file's number, files in name order) and
    ``xl_nps_row`` (the row's number in its file), and ``extent`` a query of (file number, rows
    in it); the lists then keep the source's order as a sheet keeps its own (see
    ``answers.py``). DuckDB tells it over Parquet (``file_index``, ``file_row_number``,
    https://duckdb.org/docs/stable/data/multiple_files/overview) and of its own tables
    (``rowid``), and skips their row groups by their min/max statistics; DuckDB over CSV,
    PostgreSQL, Spark and SQLAlchemy URLs tell no place (``placed`` is None)."""

    def __init__(self, engine: Engine, relation: str, described: str, placed: str | None = None,
                 extent: str | None = None):
        self.engine, self.relation, self.described = engine, relation, described
        self.placed, self.extent = placed, extent

    def close(self):
        self.engine.close()


def open_source(answers: str, table: str | None = None, engine: str | None = None) -> Source:
    """The source named on the command line (see the module docstring); a missing file, an
    unknown kind or a URL without ``--table`` is refused in one line."""
    match = URL.match(answers)
    kind = (engine or "duckdb").lower()
    if kind not in ("duckdb", "spark"):
        raise XlNpsError(f'--engine must be "duckdb" or "spark"; got {quote(engine)}')
    if match:
        scheme = match.group(1).lower().split("+")[0]
        if scheme == "file":
            return open_source(answers[len("file://"):], table, engine)
        if not table:
            raise XlNpsError(f"name the table that holds the answers with --table (for {_safe(answers)})")
        dialect = DIALECTS.get(scheme)
        if dialect is None:
            raise XlNpsError(f"unknown kind of database URL {quote(scheme + '://')}; use postgresql://, "
                             "bigquery://, snowflake://, trino:// or another SQLAlchemy URL")
        relation = _table(table, dialect)
        if scheme in ("postgresql", "postgres") and "+" not in match.group(1):
            return Source(PostgreSQL(answers), relation, f"table {table} on {_safe(answers)}")
        return Source(SqlAlchemy(answers, dialect), relation, f"table {table} on {_safe(answers)}")

    files = _files(answers)
    suffix = Path(files[0]).suffix.lower()
    if suffix in DUCKDB_FILES:
        if not table:
            raise XlNpsError(f"name the table of {Path(answers).name} that holds the answers with --table")
        if kind == "spark":
            raise XlNpsError("Spark reads Parquet and CSV files, not a DuckDB database; leave out --engine spark")
        return _duckdb_table(DuckDB(files[0]), table, f"table {table} of {Path(answers).name}")
    if suffix not in PARQUET + CSV:
        raise XlNpsError(f"{Path(files[0]).name}: answers are read from .parquet, .csv or .duckdb files "
                         "or a database URL (postgresql://...)")
    if table:
        raise XlNpsError(f"--table is for databases; {Path(answers).name} is a file")
    parquet = suffix in PARQUET
    if kind == "spark":
        spark = Spark()
        spark.view(files, "parquet" if parquet else "csv")
        return Source(spark, "SELECT * FROM xl_nps_files", answers)
    listed = "[" + ", ".join(_literal(f) for f in files) + "]"
    if not parquet:
        return Source(DuckDB(), f"SELECT * FROM read_csv({listed}, header = true)", answers)
    reader = f"read_parquet({listed})"
    return Source(DuckDB(), f"SELECT * FROM {reader}", answers,
                  placed=f"SELECT *, file_index AS xl_nps_file, file_row_number AS xl_nps_row FROM {reader}",
                  extent=f"SELECT file_index, COUNT(*) FROM {reader} GROUP BY 1")


def _duckdb_table(engine: DuckDB, table: str, described: str) -> Source:
    """A table of a DuckDB database; its rows placed by ``rowid`` (a view has none)."""
    name = _table_name(table, "duckdb")
    relation = f"SELECT * FROM {name}"
    try:
        engine.run(f"SELECT rowid FROM {name} LIMIT 0")
    except QueryError:  # a view: it may read anything
        return Source(engine, relation, described)
    return Source(engine, relation, described, placed=f"SELECT *, 0 AS xl_nps_file, rowid AS xl_nps_row FROM {name}",
                  extent=f"SELECT 0, MAX(rowid) + 1 FROM {name}")


def _files(answers: str) -> list[str]:
    """The files a path, a glob or a folder names, in sorted order; none is an error."""
    path = Path(answers)
    if path.is_dir():
        found = sorted(str(p) for p in path.rglob("*") if p.suffix.lower() in PARQUET + CSV)
    elif any(ch in answers for ch in "*?["):
        found = sorted(glob.glob(answers, recursive=True))
    else:
        if not path.exists():
            raise XlNpsError(f"{answers}: no such file")
        found = [answers]
    if not found:
        raise XlNpsError(f"{answers}: no Parquet or CSV files there")
    return found


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _table(name: str, dialect: str) -> str:
    """``SELECT * FROM`` the table a user named (schema.table allowed), in the dialect."""
    return f"SELECT * FROM {_table_name(name, dialect)}"


def _table_name(name: str, dialect: str) -> str:
    """The table a user named (schema.table allowed), in the dialect."""
    sqlglot = _module("sqlglot")
    try:
        return sqlglot.exp.to_table(name, dialect=dialect).sql(dialect=dialect)
    except Exception:
        raise XlNpsError(f"--table {quote(name)} is not a table name") from None
