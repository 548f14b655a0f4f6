"""Batch audits: many dossiers and policies, streamed (``verzuimcheck batch``, docs/batch.md)."""
