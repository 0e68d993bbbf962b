"""The bounds every number of the book lives within, the same on SQLite and PostgreSQL.

Quantities (stock, changes, order lines, futures quotas, rule levels) are INTEGER columns, 32-bit
on PostgreSQL; one bound a little under 2^31 leaves room for the sum of two of them in a check,
and sums over millions of rows stay far inside 64 bits. Money is Numeric(14, 2); SQLite keeps it
as a double, exact to the cent for ten digits before the point.
"""

from __future__ import annotations

MAX_QUANTITY = 2_000_000_000
MAX_MONEY = 9_999_999_999  # yuan; a whole number, since a float bound is not exactly a decimal
