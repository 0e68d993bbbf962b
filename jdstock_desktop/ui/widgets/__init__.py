"""Widgets shared by the pages: the page base, read-only row tables, confirmation dialogs."""
