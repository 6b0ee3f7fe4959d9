"""store stage: the SQLite ledger (:class:`Ledger`), its migrations and exports.

    from claimweave.store import Ledger
    from claimweave.store.export import export
    with Ledger.open("claims.db") as ledger:
        ledger.write(record)            # False if the document (by sha256) is already stored
        export(ledger, "geojson", sys.stdout)

Tables: documents, units, claims, places (place mentions), input_errors, _migrations, and the
FTS5 tables documents_fts / claims_fts when SQLite has FTS5.
"""

from .ledger import Ledger

__all__ = ["Ledger"]
