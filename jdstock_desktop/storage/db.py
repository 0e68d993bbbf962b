"""Opening a stock book: URL resolution, engine set-up, schema upgrade, transactions."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from jdstock_desktop.config import data_dir, default_book_path, default_operator
from jdstock_desktop.errors import BookUnusable, Conflict
from jdstock_desktop.storage.book_file import sqlite_problem, url_problem

# The newest Alembic revision; a test checks it equals the migration scripts' head. Knowing it
# here lets every command see that a book is current without importing Alembic (fast start).
HEAD_REVISION = "0001_initial"
# Every revision a book of this program may carry (a test checks them against the scripts): a
# book at any other was written by a newer program.
KNOWN_REVISIONS = frozenset({"0001_initial"})
AUTO_BACKUPS = 20  # automatic backups kept per book file (services.backup uses the same)


def resolve_url(db: str | Path | None) -> str:
    """A SQLAlchemy URL from --db: None = default book, a URL as is, else a file path."""
    if db is None:
        return f"sqlite:///{default_book_path()}"
    value = str(db)
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for a server book or an in-memory one."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[-1]
    return Path(path) if path and path != ":memory:" else None


def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
    # The driver's own transaction handling starts a transaction only at the first write, so the
    # reads before it saw a state another process could change before the write: turn it off,
    # and let _sqlite_begin start every transaction (SQLAlchemy's documented pysqlite recipe).
    dbapi_conn.isolation_level = None  # type: ignore[attr-defined]
    cur = dbapi_conn.cursor()  # type: ignore[attr-defined]
    cur.execute("PRAGMA foreign_keys=ON")
    # WAL + FULL: a committed transaction survives a crash or power cut; readers never block.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


WRITE = {"jdstock_write": True}  # execution option of connections that will write


def _sqlite_begin(conn: Connection) -> None:
    # A write transaction takes SQLite's write lock at once (waiting up to busy_timeout for
    # another process's to end), so everything it reads stays true until it commits: two
    # programs on one book file are serialised. Reads begin plainly and never wait (WAL).
    write = conn.get_execution_options().get("jdstock_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # A server that does not answer must not hang the window: give up after 10 s (libpq's
    # connect_timeout; a URL's own ?connect_timeout= wins).
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema with Alembic, then make sure the national warehouse exists."""
    from jdstock_desktop.storage.migrate import upgrade_to_head

    upgrade_to_head(engine)


def backup_before_upgrade(engine: Engine) -> Path | None:
    """Copy a SQLite book to the automatic backups before Alembic changes its schema, named and
    pruned like services.backup.auto_backup's copies (the same helper, the same bound)."""
    from jdstock_desktop.storage.sqlite_copy import auto_backup_file

    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None  # PostgreSQL: the server administrator's pg_dump covers upgrades
    return auto_backup_file(Path(url.database), "upgrade", data_dir() / "backups", AUTO_BACKUPS)


def _busy_message(exc: OperationalError) -> str | None:
    """A clerk-facing message when the database refused a transaction because of another one."""
    state = getattr(exc.orig, "sqlstate", None)  # psycopg
    if state in ("40001", "40P01"):  # serialization failure, deadlock: PostgreSQL undid ours
        return "与其他用户同时提交的修改冲突，本次提交未写入，请刷新后重试"
    if "database is locked" in str(exc.orig):  # SQLite: another program held the lock too long
        return "账本正被其他程序写入，本次提交未写入，请稍后重试"
    return None


@dataclass
class Book:
    """An open stock book: where it is and how to start a transaction on it."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]  # for reading
    operator: str
    # For writing: on SQLite its transactions take the write lock at BEGIN. None: made from engine.
    writes: sessionmaker[Session] | None = None

    def __post_init__(self) -> None:
        if self.writes is None:
            self.writes = sessionmaker(
                self.engine.execution_options(**WRITE), expire_on_commit=False
            )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back everything on any error."""
        with self.writing() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def writing(self) -> Iterator[Session]:
        """A session for a write its caller commits or rolls back itself (dry runs).

        Another clerk's transaction that made this one fail (PostgreSQL deadlock, SQLite lock
        held too long) becomes a Conflict the clerk can act on."""
        assert self.writes is not None
        try:
            with self.writes() as session:
                yield session
        except OperationalError as exc:
            if busy := _busy_message(exc):
                raise Conflict(busy) from exc
            raise

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    @property
    def file(self) -> Path | None:
        """The book's SQLite file; None for a server book or an in-memory one."""
        return sqlite_file(self.url)

    @property
    def display_name(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()


def open_book(db: str | Path | None = None, *, operator: str | None = None) -> Book:
    """Open (creating or upgrading when needed) the stock book named by --db."""
    url = resolve_url(db)
    if (why := url_problem(url)) is not None:
        raise BookUnusable(why)
    path = sqlite_file(url)
    if path is not None:
        problem = sqlite_problem(path, KNOWN_REVISIONS)
        if problem is not None:
            raise BookUnusable(problem)
    engine = make_engine(url)
    revision = current_revision(engine)
    if revision != HEAD_REVISION:
        if revision is not None:  # an existing book of an older version: keep it as it was
            backup_before_upgrade(engine)
        upgrade(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    return Book(url=url, engine=engine, sessions=sessions, operator=operator or default_operator())
