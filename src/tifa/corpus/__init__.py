"""Files to tables and back: processing a file (:mod:`.tables`), the incremental, partitioned build
(:mod:`.build`), metadata and ``tifa add`` (:mod:`.ingest`), exports to xlsx and csv (:mod:`.export`)
and SQLite (:mod:`.sqlite`).  Reads and writes the store; imports every stage below it, none above.

The names a reader of the store needs are here: ``tifa.corpus.read_table("sentences")``.
"""
from .tables import Corpus, doc_labels, iter_table, load, process_file, read_corpus, read_table  # noqa: F401
