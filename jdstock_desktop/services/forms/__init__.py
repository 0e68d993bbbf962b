"""The spreadsheets the book reads and writes, one door for the command line and the windows.

- door: `import`/`export` by form name (table forms and the 供应商评估表 alike)
- table: which form is imported and exported by which function (an explicit table)
- importing: read, check, plan and write a table form in one transaction; preview: the import
  dialog's detect / dry run / commit; context: the report, problems and context of one import
- one module per subject, each form's import and export side by side: book_sheets (仓库,
  覆盖优先级, 商品), stock_sheets (分区库存, 库存流水), order_sheets (订单), alert_rule_sheets
  (预警规则), onboarding_sheets (新品提报表, 上柜表, 无货预定, 类目时效标准)

A new table form is its declaration (sheets.forms), a handler module here, and a line in table.
"""
