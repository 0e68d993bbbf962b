"""The one copy of a SQLite book: backups on demand, before imports and upgrades, and restores.

The sqlite3 backup API, never a plain file copy: the book runs in WAL mode, so its main file
alone can miss committed transactions, and the backup API gives a consistent snapshot even while
another connection writes. A copy is written under `<name>.part` and renamed at the end, so a
failed or killed copy never leaves a half file under the real name; `.part` files a killed copy
left behind are removed by the next automatic backup. A damaged book is not copied: SQLite's
quick_check runs first, and its finding is the refusal.

Automatic backups of every book share one folder; each name carries a short tag of the book
file's full path, so two books of the same name in different folders (x/stock-book.sqlite3 and
y/stock-book.sqlite3) keep and prune their own backups.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

from jdstock_desktop.errors import BookUnusable, Cancelled
from jdstock_desktop.storage.book_file import RESTORE_HINT, quick_check

Step = Callable[[int, int], bool]  # (pages done, pages in all) -> False to cancel
PART = ".part"
PART_MAX_AGE = dt.timedelta(hours=1)  # a younger .part may be a copy still running elsewhere


CopyCancelled = Cancelled  # the copy's `step` asked to stop; nothing was left behind


def copy_sqlite(source: Path, dest: Path, step: Step | None = None) -> Path:
    """A consistent copy of the SQLite book `source` at `dest`, replaced in one step.
    BookUnusable when `source` is damaged (quick_check); CopyCancelled when `step` said so."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + PART)
    part.unlink(missing_ok=True)
    if not source.is_file():  # sqlite3 would create an empty database there
        raise BookUnusable(f"找不到账本文件：{source}")
    src = sqlite3.connect(source)
    try:
        damage = quick_check(src)
        if damage is not None:
            raise BookUnusable(f"账本文件已损坏（{damage}），未做备份。{RESTORE_HINT}")
        dst = sqlite3.connect(part)
        try:

            def progress(_status: int, remaining: int, total: int) -> None:
                if step is not None and not step(total - remaining, total):
                    raise CopyCancelled

            src.backup(dst, pages=256 if step else -1, progress=progress if step else None)
            # One self-contained file to carry away, not a WAL-mode file that wants companions.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        os.replace(part, dest)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return dest


def book_tag(book_file: Path) -> str:
    """Eight hex digits naming the book file by its full path (case folded: Windows paths)."""
    key = str(book_file.expanduser().resolve()).casefold()
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def _pattern(book_file: Path) -> re.Pattern[str]:
    # <stem>-<tag>-<YYYYmmdd-HHMMSS>-<reason>[-n].sqlite3; -n only when two land in one second.
    return re.compile(
        rf"^{re.escape(book_file.stem)}-{book_tag(book_file)}-(\d{{8}}-\d{{6}})"
        r"-([A-Za-z0-9_]+?)(?:-(\d+))?\.sqlite3$"
    )


def backups_of(book_file: Path, folder: Path) -> list[Path]:
    """The automatic backups of `book_file` in `folder`, oldest first."""
    pattern = _pattern(book_file)
    found: list[tuple[str, int, Path]] = []
    for path in folder.glob(f"{book_file.stem}-{book_tag(book_file)}-*.sqlite3"):
        m = pattern.match(path.name)
        if m:
            found.append((m.group(1), int(m.group(3) or 0), path))
    return [p for *_key, p in sorted(found)]


def auto_backup_file(book_file: Path, reason: str, folder: Path, keep: int) -> Path:
    """Copy `book_file` into `folder` as its newest automatic backup for `reason`, then drop
    its oldest beyond `keep` (only its own) and the stale .part files of killed copies."""
    if not re.fullmatch(r"[A-Za-z0-9_]+", reason):
        raise ValueError(f"backup reason must be a plain word: {reason!r}")
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(folder)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    head = f"{book_file.stem}-{book_tag(book_file)}-{stamp}"
    dest = folder / f"{head}-{reason}.sqlite3"
    pattern = _pattern(book_file)
    same_second = [
        int(m.group(3) or 0)
        for p in folder.glob(f"{head}-*.sqlite3")
        if (m := pattern.match(p.name))
    ]
    if same_second:
        # After the highest counter, never a freed lower one: names must keep their age order.
        dest = folder / f"{head}-{reason}-{max(same_second) + 1}.sqlite3"
    copy_sqlite(book_file, dest)
    for old in backups_of(book_file, folder)[:-keep]:
        old.unlink(missing_ok=True)
    return dest


def remove_stale_parts(folder: Path) -> list[Path]:
    """Delete the .part files in `folder` older than PART_MAX_AGE (left by a killed copy)."""
    removed = []
    limit = dt.datetime.now().timestamp() - PART_MAX_AGE.total_seconds()
    for part in folder.glob(f"*{PART}"):
        try:
            if part.is_file() and part.stat().st_mtime < limit:
                part.unlink()
                removed.append(part)
        except OSError:
            continue  # held open by a copy still running: the next backup tries again
    return removed
