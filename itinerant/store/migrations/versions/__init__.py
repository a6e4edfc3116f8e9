"""Revisions of the store's schema, oldest first (``0001_initial`` creates every table)."""
