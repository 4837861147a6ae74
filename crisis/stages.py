"""The stage machine and its gate registry.

A case moves `assessment → engagement → response → recovery → closed`: forward one step, back one
step to re-escalate, and a closed case may be reopened into recovery (`ALLOWED_STAGE_MOVES`). What a
stage must have achieved before the case may leave it is the stage's own business: each stage app
registers a gate in its `AppConfig.ready()`:

    register_gate(Stage.ASSESSMENT, Stage.ENGAGEMENT, assessment_gate_problems)

A gate is called as `check(case=case)` and returns the reasons the move cannot happen yet, in words
a consultant can act on (an empty list lets the case through). The core knows no stage's details.

What a stage does when a case enters it is registered the same way:

    register_stage_entered(Stage.CLOSED, exit_stage_entered)

`case_advance_stage` calls each callback as `callback(case=..., actor=..., from_stage=..., change=...)`
inside its transaction, after the StageChange, its chronology entry and its audit event are written:
a callback that raises undoes the whole move.
"""

from __future__ import annotations

from collections.abc import Callable

from .models import Case, Stage

Gate = Callable[..., list[str]]
StageEntered = Callable[..., None]

# Which stage may follow which. Anything else is refused.
ALLOWED_STAGE_MOVES: dict[str, tuple[str, ...]] = {
    Stage.ASSESSMENT: (Stage.ENGAGEMENT,),
    Stage.ENGAGEMENT: (Stage.RESPONSE, Stage.ASSESSMENT),
    Stage.RESPONSE: (Stage.RECOVERY, Stage.ENGAGEMENT),
    Stage.RECOVERY: (Stage.CLOSED, Stage.RESPONSE),
    Stage.CLOSED: (Stage.RECOVERY,),
}

_gates: dict[tuple[str, str], list[Gate]] = {}
_entered: dict[str, list[StageEntered]] = {}


def register_gate(from_stage: str, to_stage: str, check: Gate) -> None:
    """Make `check(case=...)` decide, with any other gate of the same move, whether a case may move."""
    if to_stage not in ALLOWED_STAGE_MOVES.get(from_stage, ()):
        raise ValueError(f"No move from {from_stage} to {to_stage} exists to guard.")
    checks = _gates.setdefault((str(from_stage), str(to_stage)), [])
    if check not in checks:  # ready() may run twice (tests, autoreload): register once
        checks.append(check)


def register_stage_entered(stage: str, callback: StageEntered) -> None:
    """Call `callback(case=..., actor=..., from_stage=..., change=...)` whenever a case enters `stage`."""
    if stage not in ALLOWED_STAGE_MOVES:
        raise ValueError(f"No stage {stage} to enter.")
    callbacks = _entered.setdefault(str(stage), [])
    if callback not in callbacks:  # ready() may run twice: register once
        callbacks.append(callback)


def stage_entered_callbacks(stage: str) -> tuple[StageEntered, ...]:
    return tuple(_entered.get(str(stage), ()))


def gates_for(from_stage: str, to_stage: str) -> tuple[Gate, ...]:
    return tuple(_gates.get((str(from_stage), str(to_stage)), ()))


def gate_problems(*, case: Case, to: str) -> list[str]:
    """What every gate registered for the case's move to `to` still misses."""
    problems: list[str] = []
    for check in gates_for(case.stage, to):
        problems.extend(check(case=case))
    return problems


def stage_move_problems(*, case: Case, to: str) -> list[str]:
    """Why the case cannot move to `to` now; an empty list means it can."""
    if to not in Stage.values:
        return [f"“{to}” is not a stage. Stages are: {', '.join(Stage.labels)}."]
    current = Stage(case.stage)
    target = Stage(to)
    if target == current:
        return [f"The case is already in {current.label}."]
    allowed = ALLOWED_STAGE_MOVES[current]
    if target not in allowed:
        options = " or ".join(Stage(s).label for s in allowed)
        return [
            f"A case cannot move from {current.label} to {target.label}: stages are taken in order. "
            f"From {current.label} it can move to {options}."
        ]
    return gate_problems(case=case, to=target)
