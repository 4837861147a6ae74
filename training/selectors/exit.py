"""Whether a case meets its exit criteria (stand-in: every criterion met, none recorded)."""

from __future__ import annotations

__all__ = ["case_readiness"]


def case_readiness(*, case) -> dict:
    """The case's exit criteria with figures, the override and the sign-offs."""
    return {"criteria": [], "all_met": True, "unmet": [], "override": None, "pending_override": None,
            "signoffs": []}
