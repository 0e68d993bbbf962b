"""Several clerks at once on one book: figures for the shared (PostgreSQL) mode and for SQLite.

    python bench/bench_concurrency.py [--clerks 8] [--rounds 60] [--pg URL] [--no-sqlite]

Runs tests/concurrency_workload.py (every clerk a process of its own; the same cell edited from
the same version, ship-versus-cancel of one order, futures against one quota, free play) on a
fresh PostgreSQL database on the server of --pg (default: $JDSTOCK_TEST_PG_URL; see
.ci/postgres.sh) and on a fresh SQLite file, then audits the book and prints processes ×
rounds, operations, seconds, conflicts detected and lost updates.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ is not installed

from tests.backends import pg_database
from tests.concurrency_workload import Outcome, run


def show(name: str, outcome: Outcome) -> None:
    print(f"{name}: {outcome.figures()}")
    for key, n in sorted(outcome.tally.items()):
        print(f"    {key:28} {n:6}")
    broken = outcome.errors + outcome.problems + outcome.lost_updates
    print(
        "    audit: ledger sums, reservations ≤ stock and = open orders, quota kept:",
        "OK" if not broken else f"{len(broken)} problems",
    )
    for line in broken[:10]:
        print("    !", line.splitlines()[-1] if line else line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clerks", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--pg", default=os.environ.get("JDSTOCK_TEST_PG_URL"))
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    failed = False
    if args.pg:
        os.environ["JDSTOCK_TEST_PG_URL"] = args.pg
        import tests.backends as backends

        backends.PG_URL = args.pg
        with pg_database(prefix="jdstock_bench") as url:
            outcome = run(url, args.clerks, args.rounds)
        show("PostgreSQL", outcome)
        failed |= bool(outcome.errors or outcome.problems or outcome.lost_updates)
    else:
        print("PostgreSQL: skipped (no --pg and no JDSTOCK_TEST_PG_URL)")
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            outcome = run(str(Path(folder) / "book.sqlite3"), args.clerks, args.rounds)
        show("SQLite", outcome)
        failed |= bool(outcome.errors or outcome.problems or outcome.lost_updates)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
