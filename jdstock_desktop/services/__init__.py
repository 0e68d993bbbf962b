"""Use cases: one function, one transaction; windows and the command line call the same ones.

- the book's things: warehouses (warehouses, coverage, routing), products, stock (stock,
  stock_grid, ledger: the one writer of stock), orders, supplier_profile
- the morning and the week: alerts, alert_history (the 30-day chart), replenish, compliance
- sheets: the forms package (its __init__ says which module holds what: the one door, the
  table of handlers, one module per subject with each form's import and export side by side)
- the book as a file: backup (backups and restores of SQLite books), book_stamp (noticing other
  clerks' changes), summary (counts), lookups (finding rows by the names clerks use)
"""
