"""The staff list CSV import: all or nothing, errors by row and column, update by email."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from crisis.models import AuditEvent
from training import services
from training.models import Person

pytestmark = pytest.mark.django_db

HEADER = "full_name,email,roles,department,start_date,leaver_date\n"


def _import(world, text, actor=None):
    return services.people_import_csv(actor=actor or world.leader_a, organisation=world.org_a, content=text.encode())


def test_a_good_file_adds_everyone_with_their_roles_and_dates(world):
    result = _import(world, HEADER
                     + "Jane Example,jane@school.example,Designated safeguarding lead;governor,SLT,01/09/2021,\n"
                     + "Tom Volunteer,,,Volunteers,2024-01-15,2024-07-31\n"
                     + ",,,,,\n")
    assert len(result.created) == 2 and not result.updated
    jane = Person.objects.get(email="jane@school.example")
    assert sorted(jane.roles.values_list("key", flat=True)) == ["dsl", "governor"]
    assert jane.start_date == dt.date(2021, 9, 1)
    assert Person.objects.get(full_name="Tom Volunteer").leaver_date == dt.date(2024, 7, 31)
    assert AuditEvent.objects.filter(verb="training.people.imported").get().summary == {"created": 2, "updated": 0}


def test_a_row_whose_email_exists_updates_that_person(world):
    person = services.person_create(actor=world.alice, organisation=world.org_a, full_name="J Example",
                                    email="jane@school.example")
    result = _import(world, HEADER + "Jane Example,JANE@school.example,dsl,SLT,,\n")
    assert result.updated == [person] and not result.created
    person.refresh_from_db()
    assert person.full_name == "Jane Example" and list(person.roles.values_list("key", flat=True)) == ["dsl"]
    assert "1 updated" in str(result)


def test_a_member_email_links_the_account(world):
    _import(world, HEADER + "Sam Staff,staff.a@example.test,,,,\n")
    assert Person.objects.get().user == world.staff_a


@pytest.mark.parametrize("row,expected", [
    ("Bill,,Caretaker,,,", "Row 3, roles: unknown role “Caretaker”."),
    (",bill@x.example,,,,", "Row 3, full_name: a full name is required."),
    ("Bill,not-an-email,,,,", "Row 3, email: “not-an-email” is not an email address."),
    ("Bill,,,,31/02/2024,", "Row 3, start_date: “31/02/2024” is not a date"),
    ("Bill,,,,,next week", "Row 3, leaver_date: “next week” is not a date"),
    ("Bill,,,,01/09/2024,01/08/2024", "Row 3, leaver_date: The leaver date (01/08/2024) is before the start date"),
    ("Bill,jane@school.example,,,,", "Row 3, email: jane@school.example is on row 2 too."),
])
def test_any_bad_cell_is_named_by_row_and_column_and_nothing_is_written(world, row, expected):
    before = AuditEvent.objects.count()
    with pytest.raises(services.PeopleImportError) as error:
        _import(world, HEADER + "Jane Example,jane@school.example,dsl,,,\n" + row + "\n")
    assert any(message.startswith(expected) for message in error.value.messages), error.value.messages
    assert not Person.objects.exists()
    assert AuditEvent.objects.count() == before


def test_every_problem_is_listed_at_once(world):
    with pytest.raises(services.PeopleImportError) as error:
        _import(world, HEADER + "A,,Cook,,,\nB,,,,someday,\n")
    assert [(e.row, e.column) for e in error.value.row_errors] == [(2, "roles"), (3, "start_date")]


@pytest.mark.parametrize("content,expected", [
    ("", "The file is empty"),
    ("email,roles\nx@y.example,\n", "missing these columns: full_name"),
    (HEADER, "no people"),
])
def test_a_file_without_rows_or_columns_is_refused(world, content, expected):
    with pytest.raises(services.PeopleImportError) as error:
        _import(world, content)
    assert expected in str(error.value)


def test_a_file_that_is_not_utf8_is_refused(world):
    with pytest.raises(services.PeopleImportError, match="not UTF-8"):
        services.people_import_csv(actor=world.alice, organisation=world.org_a,
                                   content=(HEADER + "Zoë,,,,,\n").encode("latin-1"))


def test_formula_cells_are_kept_as_text(world):
    _import(world, HEADER + "'=HYPERLINK(1),,,'+Dept,,\n")
    person = Person.objects.get()
    assert person.full_name == "=HYPERLINK(1)" and person.department == "+Dept"


def test_the_template_is_injection_safe_and_imports(world):
    template = services.people_csv_template()
    assert template.splitlines()[0] == HEADER.strip()
    _import(world, template.replace("Jane Example", "=cmd"))  # a typed formula stays text
    assert Person.objects.count() == 2


def test_staff_may_not_import(world):
    with pytest.raises(PermissionDenied):
        _import(world, HEADER + "A,,,,,\n", actor=world.staff_a)
