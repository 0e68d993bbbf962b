"""jdstock_desktop: the stock book of a supplier selling directly to JD Industrial / JD Huicai."""

from __future__ import annotations

__version__ = "0.1.0"
