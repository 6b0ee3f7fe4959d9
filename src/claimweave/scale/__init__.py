"""scale: the per-document pipeline mapped over a Dask cluster (:mod:`.engine`), Parquet input
and output (:mod:`.parquet`), and clean stops on Ctrl-C (:mod:`.interrupt`).

    claimweave ingest corpus/ --db ledger.db --engine dask                      # local cluster
    claimweave ingest crawl/*.warc.gz --db postgresql://... --engine dask --scheduler tcp://host:8786
    claimweave ingest data.parquet --engine dask --out records/                 # Parquet, no ledger
"""
