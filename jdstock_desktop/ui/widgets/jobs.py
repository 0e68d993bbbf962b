"""Long work off the GUI thread (STYLE habit 8): one service call per job, result by signal.

A job runs `fn(step)` in its own QThread; `step(done, total)` reports progress and returns False
once the clerk cancelled, so `fn` can stop between two pieces of work. The signals reach the GUI
thread after the thread has ended, so a slot never races the worker. A running job is kept alive
here, not by its caller: closing a page or dialog mid-job must not destroy a running QThread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal

from jdstock_desktop.errors import Cancelled

__all__ = ["Cancelled", "Job", "Step", "run_job"]

Step = Callable[[int, int], bool]  # (done, total) -> False when cancelled

_RUNNING: set[Job] = set()
# Jobs that just ended, kept one more turn of the event loop: a job must not be freed while Qt is
# still delivering its own finished event.
_ENDED: list[Job] = []


class _Thread(QThread):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run()


class Job(QObject):
    progressed = Signal(int, int)  # done, total (queued from the worker)
    succeeded = Signal(object)  # the function's result
    failed = Signal(object)  # the exception it raised (never Cancelled)
    cancelled = Signal()
    ended = Signal()  # after any of the three above

    def __init__(self, fn: Callable[[Step], object]) -> None:
        # No parent: the job outlives the widget that started it until its thread ends.
        super().__init__()
        self._fn = fn
        self._cancel = threading.Event()
        self._thread = _Thread(self)
        self._thread.finished.connect(self._finish)
        self.result: object = None
        self.error: BaseException | None = None
        self._last_step = (-1, -1)

    def start(self) -> Job:
        install_quit_hook()
        _RUNNING.add(self)
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        return self in _RUNNING

    def step(self, done: int, total: int) -> bool:
        if self._cancel.is_set():
            return False
        if (done, total) != self._last_step:  # a tight loop must not flood the GUI thread
            self._last_step = (done, total)
            self.progressed.emit(done, total)
        return True

    def check(self) -> None:
        """Raise Cancelled if the clerk cancelled: call between two pieces of work."""
        if self._cancel.is_set():
            raise Cancelled

    def _run(self) -> None:  # in the worker thread
        try:
            self.result = self._fn(self.step)
        except Cancelled:
            self._cancel.set()
        except BaseException as e:  # delivered to the GUI thread, shown there
            self.error = e

    def _finish(self) -> None:  # in the GUI thread, once the thread has ended
        self._thread.wait()
        try:
            if self._cancel.is_set():
                self.cancelled.emit()
            elif self.error is not None:
                self.failed.emit(self.error)
            else:
                self.succeeded.emit(self.result)
            self.ended.emit()
        finally:
            _RUNNING.discard(self)
            _ENDED.append(self)
            QTimer.singleShot(0, _release_ended)


def _release_ended() -> None:
    _ENDED.clear()


def run_job(fn: Callable[[Step], object]) -> Job:
    return Job(fn).start()


def running_jobs() -> int:
    return len(_RUNNING)


def wait_all(timeout_ms: int = 30_000) -> bool:
    """Cancel and wait for every running job (application exit, test teardown)."""
    ok = True
    for job in list(_RUNNING):
        job.cancel()
        ok = job._thread.wait(timeout_ms) and ok
    QCoreApplication.processEvents()
    return ok


def _on_quit() -> None:
    wait_all()


_hooked: list[QCoreApplication] = []


def install_quit_hook() -> None:
    """Wait for running jobs when the application quits (a QThread must not die running)."""
    app = QCoreApplication.instance()
    if app is not None and app not in _hooked:
        app.aboutToQuit.connect(_on_quit)
        _hooked.append(app)
