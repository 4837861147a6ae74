"""Test data built once per module and shared by its tests, each still in its own transaction.

pytest-django runs every test inside an atomic block that it rolls back, so no test sees another
test's writes. Some data is expensive to build and the same for every test of a module (the seeded
demo, the tenancy matrix). `once_per_module` builds it once, inside an outer transaction opened on
every configured database, and keeps that transaction open while the module's tests run: each
test's own atomic block becomes a savepoint nested in it, rolled back after the test, so every test
starts from the data exactly as built. After the module's last test the outer transaction is rolled
back too, and the next module starts from an empty database.

Use it from a module-scoped fixture that takes `django_db_setup` (the test database must exist
first) and `django_db_blocker` (module fixtures may not touch the database otherwise):

    @pytest.fixture(scope="module")
    def _demo(django_db_setup, django_db_blocker, tmp_path_factory):
        with once_per_module(django_db_blocker, tmp_path_factory, build_the_demo) as shared:
            yield shared

    @pytest.fixture
    def demo(_demo, private_storage_per_test):
        return _demo.for_this_test()

Only for modules whose tests all run in a transaction that is rolled back (`django_db`, not
`transaction=True`, `transactional_db` or `live_server`): those expect to commit and then empty the
tables, and inside the outer transaction neither works.

Files: the build writes evidence, attachments and reports to private storage. They go to a folder of
the module's own, and `for_this_test` copies them into the test's private folder (tests/conftest.py
gives each test one), so a test finds every file the data refers to, and what a test stores or
deletes stays its own. A test still sees the data when it does not ask for the fixture, as long as
the module's fixture is alive: give such modules no test that counts on an empty database.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from django.conf import settings
from django.db import connections, transaction
from django.test import override_settings

T = TypeVar("T")


@dataclass(frozen=True)
class Shared(Generic[T]):
    data: T
    private_root: Path  # the files written while building the data

    def for_this_test(self) -> T:
        """A copy of the data, with its files copied into this test's private storage folder.

        The objects are deep-copied (as Django's TestCase does for setUpTestData) so that what one
        test changes on an instance in memory, without saving, is not seen by the next test either.
        """
        for connection in connections.all():
            if not connection.savepoint_ids:  # a test that commits opens no savepoint of its own
                raise RuntimeError("Data built once per module needs each test in a transaction that is rolled "
                                   "back: not for transaction=True, transactional_db or live_server tests.")
        if self.private_root.exists():
            shutil.copytree(self.private_root, settings.PRIVATE_MEDIA_ROOT, dirs_exist_ok=True)
        return copy.deepcopy(self.data)


@contextmanager
def once_per_module(django_db_blocker, tmp_path_factory, build: Callable[[], T]) -> Iterator[Shared[T]]:
    """Run `build()` once in an outer transaction on every database; roll it back on leaving."""
    private_root = tmp_path_factory.mktemp("shared") / "private"
    atomics = {alias: transaction.atomic(using=alias) for alias in connections}
    with django_db_blocker.unblock():
        for atomic in atomics.values():
            atomic.__enter__()
        try:
            with override_settings(PRIVATE_MEDIA_ROOT=private_root):
                data = build()
        except BaseException:
            _roll_back(atomics)
            raise
    try:
        # The database stays blocked between tests: only the tests' own `db` fixture opens it.
        yield Shared(data, private_root)
    finally:
        with django_db_blocker.unblock():
            _roll_back(atomics)


def _roll_back(atomics: dict[str, transaction.Atomic]) -> None:
    for alias, atomic in reversed(atomics.items()):
        transaction.set_rollback(True, using=alias)
        atomic.__exit__(None, None, None)
