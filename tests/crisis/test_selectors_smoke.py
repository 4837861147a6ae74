import pytest

from crisis import selectors

pytestmark = pytest.mark.django_db


def test_world_builds_and_scopes(world):
    assert set(selectors.cases_for(world.alice)) == {world.case_a, world.restricted_a}
