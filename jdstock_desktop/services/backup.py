"""Backups of a SQLite stock book: on demand, before risky operations, and restoring one.

A SQLite book is copied with the sqlite3 backup API, never with a plain file copy: the book runs
in WAL mode, so its main file alone can miss committed transactions, and the backup API gives a
consistent snapshot even while another connection writes. Every copy is written under a
temporary name and renamed at the end, so a failed backup never leaves a half file under the
real name. A PostgreSQL book is the server administrator's business (pg_dump).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

from jdstock_desktop.config import data_dir
from jdstock_desktop.errors import BadInput, BookUnusable
from jdstock_desktop.storage.book_file import book_tables, failure_reason, sqlite_problem
from jdstock_desktop.storage.db import AUTO_BACKUPS, KNOWN_REVISIONS, Book, resolve_url
from jdstock_desktop.storage.sqlite_copy import Step, auto_backup_file, backups_of, copy_sqlite

# Enough history to step back over a bad afternoon of imports, small enough not to fill a disk.
MAX_AUTO_BACKUPS = AUTO_BACKUPS
BACKUP_DIR_NAME = "backups"
# Tables every stock book has since revision 0001; a file without them is someone else's data.
BOOK_TABLES = frozenset({"alembic_version", "warehouse"})


def backup_book(book: Book, dest: Path, step: Step | None = None) -> Path:
    """Copy the open book to `dest` (a SQLite file); returns `dest`. `step(done, total)`
    reports progress and returns False to cancel (Cancelled; nothing is left at `dest`)."""
    source = book.file
    if source is None:
        raise BadInput(
            f"{book.display_name} 不是 SQLite 账本文件，无法在这里备份；"
            "PostgreSQL 账本请由服务器管理员用 pg_dump 备份"
        )
    dest = Path(dest).expanduser().resolve()
    if dest.exists() and dest.resolve() == source.resolve():
        raise BadInput(f"不能备份到账本文件本身：{dest}")
    try:
        return copy_sqlite(source, dest, step)
    except (sqlite3.Error, OSError) as e:
        raise BookUnusable(f"备份失败：{dest}（{failure_reason(e)}；{e}）") from e


def file_problem(path: Path) -> str | None:
    """Why the file at `path` must not be opened as a book (another program's database, a
    folder, a damaged or newer book); None when it may (a book, an empty or missing file)."""
    return sqlite_problem(path, KNOWN_REVISIONS)


def book_problem(path: Path) -> str | None:
    """Why `path` is not a stock book that can be restored (None: it is one)."""
    if not path.is_file():
        return f"找不到备份文件：{path}"
    try:
        tables, revision = book_tables(path)
    except sqlite3.Error:
        return f"{path} 不是 SQLite 数据库文件，不是库存账本备份"
    if not tables >= BOOK_TABLES or revision is None:
        return f"{path} 不是库存账本（缺少账本的数据表），拒绝恢复"
    return None


def restore_book(src: Path, db_target: str | Path | None) -> Path | None:
    """Replace the SQLite book `db_target` (as --db names it) by the backup `src`.

    The current book, when there is one, is first kept as an automatic backup ("restore"), so a
    restore of the wrong file can itself be undone. Returns that safety copy (None: there was no
    book yet). The restored book is upgraded the next time it is opened, like any old book.
    """
    src = Path(src).expanduser()
    url = resolve_url(db_target)
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        raise BadInput(
            "只能恢复到 SQLite 账本文件；PostgreSQL 账本请由服务器管理员用 pg_restore 恢复"
        )
    target = Path(url.split("///", 1)[1])
    problem = book_problem(src)
    if problem:
        raise BadInput(problem)
    if target.exists() and src.resolve() == target.resolve():
        raise BadInput(f"备份文件就是账本本身，无需恢复：{src}")
    safety = _safety_copy(target) if target.exists() else None
    try:
        copy_sqlite(src, target.with_name(target.name + ".restore"))
        # A leftover WAL of the old book would be replayed into the restored one: drop it (its
        # committed content is in the safety copy taken above).
        for suffix in ("-wal", "-shm"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        os.replace(target.with_name(target.name + ".restore"), target)
    except (sqlite3.Error, OSError) as e:
        target.with_name(target.name + ".restore").unlink(missing_ok=True)
        raise BadInput(f"恢复失败：{target}（{e}）") from e
    return safety


def _safety_copy(target: Path) -> Path:
    """The book about to be replaced, kept as an automatic backup."""
    try:
        return _auto_backup_file(target, "restore")
    except (sqlite3.Error, BookUnusable):
        # A damaged book is the usual reason to restore; keep its bytes as they are.
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = backup_dir() / f"{target.stem}-{stamp}-restore.sqlite3"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target, dest)
        return dest


def backup_dir() -> Path:
    return data_dir() / BACKUP_DIR_NAME


def auto_backups(book_file: Path) -> list[Path]:
    """The automatic backups of the book file `book_file`, oldest first."""
    return backups_of(book_file, backup_dir())


def _auto_backup_file(source: Path, reason: str) -> Path:
    return auto_backup_file(source, reason, backup_dir(), MAX_AUTO_BACKUPS)


def auto_backup(book: Book, reason: str) -> Path | None:
    """Keep a copy of the book before a risky operation (`reason`: import, upgrade, …).

    At most MAX_AUTO_BACKUPS are kept per book file, the oldest go first. Nothing is done for a
    PostgreSQL book or a book file that does not exist yet (there is nothing to lose). A
    damaged book is refused (BookUnusable): nothing is imported into it.
    """
    source = book.file
    if source is None or not source.exists():
        return None
    return _auto_backup_file(source, reason)
