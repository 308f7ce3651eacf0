"""Answers that live outside the workbook: Parquet or CSV files, a DuckDB database, a
PostgreSQL server or another database reached by URL, or Spark.

The reading floor for ``xl-nps refresh BOOK --answers SOURCE``: ``engines`` opens the source
(DuckDB is the embedded default), ``queries`` holds the few queries the report needs, written
once in SQL and translated to each engine's dialect with SQLGlot, and ``answers`` runs them:
the counting happens in the engine (GROUP BY quarter, segment, score), so a hundred million
answers never enter Python; only the rows a sheet lists and the comments (streamed in batches
for the themes) are fetched. Needs ``pip install "xl-nps[sources]"`` (DuckDB, SQLGlot), plus
``[postgres]`` or ``[spark]`` for those engines.
"""
