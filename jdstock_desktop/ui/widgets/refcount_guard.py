"""Stop PySide6 6.12.0 from killing the process on Python 3.11.

Its bindings return None from every void method (setText, setEnabled, beginResetModel, …) without
taking a reference, which is harmless on Python ≥ 3.12 where None is immortal (PEP 683) but on
3.11 drains None's reference count by one per call: after some tens of thousands of calls
CPython aborts with "Fatal Python error: none_dealloc". A clerk's morning of filtering and
editing is enough. Until the dependency excludes that combination, this makes None (and the
two bools, for good measure) as good as immortal on an affected interpreter — what 3.12 does.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject

_PAD = 1 << 40  # references added: more than any session can drain
_PROBES = 64
_state: dict[str, bool] = {}


def _void_calls_leak_none() -> bool:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("")  # a void method
    return sys.getrefcount(None) <= before - _PROBES // 2


def guard_refcounts() -> bool:
    """Apply the work-around once when this interpreter needs it; True when applied."""
    if "applied" in _state:
        return _state["applied"]
    applied = sys.version_info < (3, 12) and _void_calls_leak_none()
    if applied:
        for obj in (None, True, False):
            before = sys.getrefcount(obj)
            # ob_refcnt is the first field of every object in release builds of CPython.
            ctypes.c_ssize_t.from_address(id(obj)).value += _PAD
            assert sys.getrefcount(obj) == before + _PAD
    _state["applied"] = applied
    return applied
