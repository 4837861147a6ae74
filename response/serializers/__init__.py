"""Shapes of the response plan API's requests and responses: actions (notes, evidence, history),
policies with their checklist, and improvement checkpoints. No business logic: the services decide.

Input serializers check types and choices and turn ids into objects the user may refer to (an owner
or a risk outside the case reads as unknown, like a missing one); the services check the rules again."""

from .actions import *  # noqa: F403
from .policies import *  # noqa: F403
