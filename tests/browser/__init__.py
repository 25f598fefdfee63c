"""Browser tests and their helpers (a package so helpers import as ``browser.servers`` etc.)."""
