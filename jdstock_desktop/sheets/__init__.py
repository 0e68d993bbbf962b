"""Spreadsheet forms: one declaration per sheet drives export, import, dropdowns and validation."""
