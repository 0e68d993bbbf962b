"""Is this file a stock book, may it be opened, and what went wrong when it could not be.

Opening a SQLite file with SQLAlchemy creates our tables in it and switches it to WAL: done to
another program's database, that is a silent change to a file that is not ours. So a file is
looked at first (read only, nothing written): a folder, a file that is not SQLite, another
program's database, a book too damaged to read its schema, or one written by a newer version
of the program is refused with a sentence saying what to do. Only a missing or empty file
becomes a new book. (SQLite's quick_check reads the whole file, about 1 s per 60 MB: it runs
before every backup and import, see sqlite_copy, not at every opening.)

`failure_text` turns whatever a driver, Alembic or the OS raised while opening or using a book
into that kind of sentence, with the driver's own text on a second line: the command line and
the window show it instead of a traceback.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
RESTORE_HINT = "请用 文件 › 从备份恢复（命令行：jdstock restore 备份文件）换回最近的备份"


def sqlite_problem(path: Path, known_revisions: frozenset[str]) -> str | None:
    """Why the file at `path` must not be opened as a book; None for a book of a version this
    program knows, an empty file or no file at all (both become a new book)."""
    if path.is_dir():
        return f"「{path}」是一个文件夹，不是账本文件"
    if not path.exists():
        return None
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        return f"无法读取账本文件「{path}」：{_os_reason(exc)}"
    if not head:
        return None  # a new, empty file
    if head != SQLITE_MAGIC:
        return f"「{path}」不是库存账本（不是 SQLite 数据库文件），未做任何改动"
    try:
        tables, revision = book_tables(path)
    except sqlite3.DatabaseError as exc:
        return unreadable(path, exc)
    if tables and "alembic_version" not in tables:
        return (
            f"「{path}」是别的程序的数据库，不是库存账本；为免改动它，未打开。"
            "请选择库存账本文件，或新建一个账本"
        )
    if revision is not None and revision not in known_revisions:
        return (
            f"这个账本由更新版本的程序写过（账本版本 {revision}），本程序无法打开；"
            "请安装最新版本的程序后再打开"
        )
    return None


def unreadable(path: Path, exc: sqlite3.DatabaseError) -> str:
    """Why SQLite could not read the book: damage only when SQLite says so; a full disk, a
    file held by another program or no rights look alike to it ("disk I/O error")."""
    text = str(exc).lower()
    if "malformed" in text or "not a database" in text:
        return f"账本文件已损坏，无法读取（{exc}）。{RESTORE_HINT}"
    try:
        usage = os.statvfs(path.parent) if hasattr(os, "statvfs") else None
        free = None if usage is None else usage.f_bavail * usage.f_frsize
    except OSError:
        free = None
    if free is not None and free < 1 << 20:
        return f"磁盘空间已满，无法读取账本（{exc}）：请清理磁盘空间后重试"
    return (
        f"无法读取账本文件「{path}」（{exc}）：请检查文件是否正被其他程序占用、是否有读写权限，"
        "以及磁盘是否正常"
    )


def quick_check(con: sqlite3.Connection) -> str | None:
    """SQLite's own quick_check of an open database: None when sound, else its first finding."""
    try:
        rows = con.execute("PRAGMA quick_check(5)").fetchall()
    except sqlite3.DatabaseError as exc:  # too damaged to be checked at all
        return str(exc)
    found = [str(r[0]) for r in rows]
    return None if found == ["ok"] else "；".join(found)


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "磁盘空间已满，请清理磁盘后重试"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "没有读写这个文件的权限（文件只读，或文件夹不允许写入）"
    return exc.strerror or str(exc)


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    pending: list[BaseException | None] = [error]
    while pending:
        e = pending.pop()
        if e is None or any(e is s for s in seen):
            continue
        seen.append(e)
        orig = getattr(e, "orig", None)
        pending += [orig if isinstance(orig, BaseException) else None, e.__cause__, e.__context__]
    return seen


UNKNOWN_FAILURE = "账本无法打开或读写"  # failure_reason of an error it knows nothing about
UNKNOWN_URL = "无法识别的账本地址：请给出账本文件的路径，或 postgresql+psycopg://用户@服务器/数据库"


def url_problem(url: str) -> str | None:
    """Why `url` names no kind of book this program keeps (SQLite file, PostgreSQL server)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        return f"{UNKNOWN_URL}（收到「{url}」）"
    if backend not in ("sqlite", "postgresql"):
        return f"{UNKNOWN_URL}（不支持 {backend}）"
    return None


# What drivers say when no server answers, and when one ended a connection in the middle.
UNREACHABLE = (
    "connection refused",
    "could not connect",
    "connection failed",
    "failed to resolve host",
    "could not translate host name",
    "name or service not known",
    "no route to host",
    "network is unreachable",
    "timeout expired",
    "timed out",
)
DROPPED = (
    "server closed the connection",
    "terminating connection",
    "connection is closed",
    "consuming input failed",
)


def book_tables(path: Path) -> tuple[set[str], str | None]:
    """(table names, Alembic revision or None) of the SQLite file at `path`, opened read only;
    sqlite3.DatabaseError when it is no SQLite database or too damaged to say."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = None if row is None else str(row[0])
        return tables, revision
    finally:
        con.close()


def failure_reason(error: BaseException) -> str:
    """One Chinese sentence: what went wrong with the book or the system, and what to do."""
    chain = _chain(error)
    text = "\n".join(str(e) for e in chain).lower()
    states = {getattr(e, "sqlstate", None) for e in chain} - {None}
    for e in chain:
        if isinstance(e, OSError) and e.errno is not None and not _is_driver(e):
            return f"读写文件失败：{_os_reason(e)}"
    if "database or disk is full" in text or "disk full" in text or "53100" in states:
        return "磁盘空间已满，账本未做任何改动；请清理磁盘空间后重试"
    if "readonly database" in text or "read-only" in text or "readonly" in text:
        return (
            "账本文件是只读的（或所在文件夹不允许写入），无法写入；"
            "请检查文件属性与文件夹权限，或把账本复制到可写的位置"
        )
    if "unable to open database file" in text:
        return "无法打开账本文件：请检查路径是否存在、是否有权限访问"
    if "malformed" in text or "file is not a database" in text or "disk i/o error" in text:
        return f"账本文件已损坏。{RESTORE_HINT}"
    if "can't locate revision" in text:
        return "这个账本由更新版本的程序写过，本程序无法打开；请安装最新版本的程序后再打开"
    if "could not parse sqlalchemy url" in text or "can't load plugin" in text:
        return UNKNOWN_URL
    if "ssl" in text and ("required" in text or "no pg_hba.conf entry" in text):
        return "服务器要求加密连接（SSL）：请在地址后加上 ?sslmode=require，或请管理员调整设置"
    if (
        states & {"28P01", "28000"}
        or "authentication failed" in text
        or "no password" in text
        or ("role " in text and "does not exist" in text)
    ):
        return "用户名或密码错误：请检查后重试（密码可用 PGPASSWORD 环境变量提供）"
    if "3D000" in states or ("database " in text and "does not exist" in text):
        return "服务器上没有这个数据库：请服务器管理员先创建它（例如 createdb -O 用户名 jdstock）"
    if "42501" in states or "permission denied" in text:
        return "这个用户没有在该数据库中建表或读写的权限，请服务器管理员授权"
    if any(s in text for s in (*UNREACHABLE, *DROPPED)) or any(
        str(s).startswith(("08", "57P")) for s in states
    ):
        return (
            "与数据库服务器的连接失败或中断，本次操作未写入：请检查服务器地址、端口和网络，"
            "以及服务器是否在运行，然后重试"
        )
    return UNKNOWN_FAILURE


def _is_driver(e: OSError) -> bool:
    return type(e).__module__.startswith(("psycopg", "sqlite3"))


def failure_text(error: BaseException) -> str:
    """failure_reason, then the driver's (or the OS's) own text on a second line."""
    detail = str(error).strip().splitlines()
    first = detail[0] if detail else type(error).__name__
    return f"{failure_reason(error)}\n（{first[:300]}）"
