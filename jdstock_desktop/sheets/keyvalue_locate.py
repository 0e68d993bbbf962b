"""Finding a key–value form's fields and blocks in a grid by their labels, wherever the clerk
moved the rows (the reader and the annotator both go through it)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from jdstock_desktop.sheets.cells import (
    header_keys,
)
from jdstock_desktop.sheets.keyvalue import (
    Block,
    Field,
    KeyValueForm,
    label_key,
    section_key,
)


@dataclass
class BlockPlace:
    header_row: int  # 0-based
    columns: dict[str, int]  # column key -> 0-based column
    rows: list[int] = field(default_factory=list)  # 0-based data rows (not yet filtered)


@dataclass
class Places:
    """Where each field's value and each block's rows sit in one worksheet grid (0-based)."""

    label_col: int = 0
    fields: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> (row, value col)
    duplicates: dict[str, list[int]] = field(default_factory=dict)  # key -> rows of its label
    blocks: dict[str, BlockPlace] = field(default_factory=dict)


def locate(grid: list[list[object]], form: KeyValueForm) -> Places:
    """Find every label of `form` in `grid`. Labels match the way headers do (spaces, '*',
    a note in brackets, full-width characters); a label found in the column where most labels
    are wins over the same text elsewhere (a value that happens to read like a label)."""
    fields = [f for f in form.fields]
    exact = {label_key(f.label): f for f in fields}
    base: dict[str, Field] = {}
    for f in fields:
        base.setdefault(header_keys(f.label)[1], f)
    hits: list[tuple[int, int, Field, bool]] = []  # row, col, field, exact
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v is None or v == "" or not isinstance(v, str):
                continue
            full, short = header_keys(v)
            if full in exact:
                hits.append((r, c, exact[full], True))
            elif short in base:
                hits.append((r, c, base[short], False))
    places = Places()
    if hits:
        counts = Counter(c for _, c, _, _ in hits)
        places.label_col = min(counts, key=lambda c: (-counts[c], c))
    for f in fields:
        mine = [h for h in hits if h[2] is f]
        for pick in (
            [h for h in mine if h[1] == places.label_col and h[3]],
            [h for h in mine if h[1] == places.label_col],
            [h for h in mine if h[3]],
        ):
            if pick:
                break
        if not pick:
            continue
        r, c = pick[0][0], pick[0][1]
        places.fields[f.key] = (r, c + 1)
        if len(pick) > 1:
            places.duplicates[f.key] = [h[0] for h in pick]
    stops = {r for r, _ in places.fields.values()}
    sections = {section_key(s.title) for s in form.sections}
    titles = {label_key(b.title) for b in form.blocks}
    lc = places.label_col
    for r, row in enumerate(grid):
        cell = row[lc] if lc < len(row) else None
        if isinstance(cell, str) and (section_key(cell) in sections or label_key(cell) in titles):
            stops.add(r)
    for b in form.blocks:
        found = _block_header(grid, b)
        if found is not None:
            places.blocks[b.key] = found
            stops.add(found.header_row)
    ordered = sorted(stops)
    for place in places.blocks.values():
        after = [s for s in ordered if s > place.header_row]
        end = after[0] if after else len(grid)
        place.rows = list(range(place.header_row + 1, end))
    return places


def _block_header(grid: list[list[object]], b: Block) -> BlockPlace | None:
    """The first row holding every column header of `b` (in any order)."""
    wanted = [(c.key, *header_keys(c.label)) for c in b.columns]
    for r, row in enumerate(grid):
        keys = [header_keys(v) if isinstance(v, str) and v.strip() else ("", "") for v in row]
        cols: dict[str, int] = {}
        for key, full, base in wanted:
            at = next((i for i, k in enumerate(keys) if k[0] == full), None)
            if at is None:
                at = next((i for i, k in enumerate(keys) if k[1] == base), None)
            if at is None:
                break
            cols[key] = at
        else:
            return BlockPlace(r, cols)
    return None
