"""The response plan API (mounted at /api/v1/): actions with their notes, evidence and history,
policies with their best-practice checklist, and improvement checkpoints. Thin: reads through the
selectors, writes through the services.

An action, case, organisation or policy the user may not see answers 404, the same as a missing one:
actions are looked up through `selectors.actions_for`, policies through `selectors.policies_for`. A
change the user may not make answers 403, checked before the input, so nobody learns anything from a
400; a change the services refuse answers 400 with the services' own words."""

from .actions import *  # noqa: F403
from .policies import *  # noqa: F403
