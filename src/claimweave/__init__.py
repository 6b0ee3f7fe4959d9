"""claimweave: an evidence-linked ledger of claims from conflict reporting."""
__version__ = "0.1.0"
