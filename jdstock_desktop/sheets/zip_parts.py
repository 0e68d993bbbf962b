"""Reading the parts of an .xlsx (a zip) without unpacking them whole: the scans beside
calamine (error cells, far references, empty tails) go through these."""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator

CHUNK = 1 << 24  # 16 MB a piece


def part_chunks(z: zipfile.ZipFile, name: str, overlap: int) -> Iterator[bytes]:
    """The part's bytes in CHUNK pieces, each starting with the last `overlap` bytes of the one
    before, so that a tag cut in two by a boundary is seen whole in the next piece."""
    tail = b""
    with z.open(name) as f:
        while chunk := f.read(CHUNK):
            data = tail + chunk
            yield data
            tail = data[-overlap:]


def relationship_part(target: str) -> str:
    """The zip member a workbook relationship's Target names (relative to xl/, or absolute)."""
    return posixpath.normpath(target.lstrip("/") if target.startswith("/") else f"xl/{target}")
