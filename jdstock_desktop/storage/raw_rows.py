"""Reading big result sets as plain DB-API tuples."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session


def fetch_plain(session: Session, stmt: Select) -> list[Any]:
    """Rows as plain DB-API tuples, with no type processing.

    The whole-book tables of the GUI (100,000 products, 500,000 stock rows) spend more time in
    SQLAlchemy's row objects and Decimal processing than in the database; callers that only
    show, filter and sort the values take them as the driver returns them.
    """
    conn = session.connection()
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()
