"""Use cases: one function, one transaction; windows and the command line call the same ones.

- the book's things: warehouses (warehouses, coverage, routing), products, stock (stock,
  stock_grid, ledger: the one writer of stock), orders, supplier_profile
- the morning and the week: alerts, alert_history (the 30-day chart), replenish, compliance
- sheets: forms_io (the one door of `import`/`export`), form_handlers (which form is read and
  written by which function), sheet_import and import_plan (reading, checking, the preview),
  import_context; the handlers: import_book (仓库, 覆盖优先级, 商品), import_stock (分区库存,
  库存流水), import_orders (订单), alert_rules_sheet (预警规则), onboarding_sheets (新品提报表,
  上柜表, 无货预定, 类目时效标准), sheet_export (the rows of the book's own sheets)
- the book as a file: backup (backups and restores of SQLite books), book_stamp (noticing other
  clerks' changes), summary (counts), lookups (finding rows by the names clerks use)
"""
