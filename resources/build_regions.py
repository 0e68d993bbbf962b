"""Convert china-division's pcas-code.json into resources/regions.json.gz (run once, by hand).

    python resources/build_regions.py /path/to/china-division/dist/pcas-code.json

The input is a nested list of {code, name, children}: provinces (2-digit codes), cities (4),
counties (6) and towns (9), where a child's code starts with its parent's. The output is a flat
gzip JSON object {code: name} in code order: the parent of a region is the prefix of its code
(9 → 6 → 4 → 2 digits), so storing the nesting again would only cost space. See REGIONS.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

OUTPUT = Path(__file__).with_name("regions.json.gz")
# Code length of each level and the length of the parent code it derives from.
PARENT_LENGTH = {2: 0, 4: 2, 6: 4, 9: 6}


def flatten(nodes: Iterable[dict[str, object]], depth: int = 1) -> Iterable[tuple[str, str, int]]:
    """(code, name, depth) of every node, parents before children."""
    for node in nodes:
        yield str(node["code"]), str(node["name"]).strip(), depth
        children = node.get("children") or []
        yield from flatten(children, depth + 1)  # type: ignore[arg-type]


def check(rows: list[tuple[str, str, int]]) -> dict[str, str]:
    """The flat table, after refusing input whose codes do not nest the way the app assumes."""
    table: dict[str, str] = {}
    for code, name, depth in rows:
        if len(code) not in PARENT_LENGTH or list(PARENT_LENGTH).index(len(code)) != depth - 1:
            raise SystemExit(f"code {code} ({name}) has the wrong length for level {depth}")
        if not code.isdigit() or not name:
            raise SystemExit(f"bad row: {code!r} {name!r}")
        if code in table:
            raise SystemExit(f"duplicate code {code}")
        parent = code[: PARENT_LENGTH[len(code)]]
        if parent and parent not in table:
            raise SystemExit(f"code {code} ({name}): parent {parent} is not listed before it")
        table[code] = name
    return dict(sorted(table.items()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="dist/pcas-code.json of china-division")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    table = check(list(flatten(json.loads(args.source.read_text(encoding="utf-8")))))
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
    # mtime=0 keeps the file byte-identical across rebuilds of the same input.
    with open(args.output, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(text.encode("utf-8"))

    levels = Counter(len(code) for code in table)
    print(
        f"{args.output}: {args.output.stat().st_size:,} bytes; provinces {levels[2]}, "
        f"cities {levels[4]}, counties {levels[6]}, towns {levels[9]}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
