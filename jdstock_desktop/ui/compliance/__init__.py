"""The 合规检查 page: the compliance check list of SPEC §8, by rule, exportable."""

from __future__ import annotations

from jdstock_desktop.ui.compliance.page import CompliancePage

__all__ = ["CompliancePage"]
