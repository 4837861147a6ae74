"""Shapes of the stakeholder engagement API's requests and responses. No business logic: the services decide.

Input serializers check types and choices and turn ids into objects the user may refer to (a
stakeholder of another case, or an owner who may not hold the relationship, reads as unknown, like a
missing one); the services check the rules again. Output serializers expect the selectors' rows, with
their joins and prefetches: they never query per row.

Mediation notes are consultant-only. They are shown from the selectors' `visible_mediation_notes`
(never the model field), and the key is left out unless the context says `show_confidential`."""

from .communications import *  # noqa: F403
from .press_lines import *  # noqa: F403
from .register import *  # noqa: F403
from .reports import *  # noqa: F403
