"""Python datetimes in Qt's date-time editors (the clerk's local time, no time zone)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime


def to_qdatetime(value: dt.datetime) -> QDateTime:
    return QDateTime(
        QDate(value.year, value.month, value.day),
        QTime(value.hour, value.minute, value.second),
    )


def from_qdatetime(value: QDateTime) -> dt.datetime:
    result = value.toPython()
    assert isinstance(result, dt.datetime)
    return result.replace(microsecond=0)
