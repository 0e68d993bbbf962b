"""Several clerks on one book at once (issue 6: shared PostgreSQL mode; SQLite too).

The workload is in tests/concurrency_workload.py; bench/bench_concurrency.py runs it larger.
"""

from __future__ import annotations

from tests.concurrency_workload import FUTURES_QUOTA, run

CLERKS = 4
ROUNDS = 12


def test_clerks_in_parallel_processes_lose_no_update_and_keep_the_book_sound(
    book_url: str,
) -> None:
    outcome = run(book_url, CLERKS, ROUNDS)
    print(outcome.figures())
    assert outcome.errors == []
    # The same cell, the same version, four different values: one saved, three refused.
    assert outcome.tally["same cell: saved"] == ROUNDS
    assert outcome.tally["same cell: conflict"] == (CLERKS - 1) * ROUNDS
    # The same open order shipped by two clerks and cancelled by two: exactly one goes through.
    assert outcome.tally["same order: done"] == ROUNDS
    assert (
        outcome.tally["same order: conflict"] + outcome.tally["same order: refused"]
        == (CLERKS - 1) * ROUNDS
    )
    # Three at a time against a quota of 20, 48 tries: exactly six bookings fit.
    assert outcome.tally["futures: booked"] == FUTURES_QUOTA // 3
    assert outcome.lost_updates == []
    assert outcome.problems == []
