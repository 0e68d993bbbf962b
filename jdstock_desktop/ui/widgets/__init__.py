"""Widgets shared by the pages: the page base, read-only row tables, confirmation dialogs."""

from __future__ import annotations

from jdstock_desktop.ui.widgets.refcount_guard import guard_refcounts

# Every page imports this package, so the work-around is in place before any widget exists.
guard_refcounts()
