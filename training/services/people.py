"""Writes of the staff list, the roles and the requirements: each checks that the actor keeps the
organisation's training, runs in one transaction and writes one audit event.

A person on the staff list is linked to their Safehold account when their email is that of a member
of the organisation (on create, on an email change and on import), or when a leader or consultant
chooses the member. Only members of the organisation can be linked: nobody else's account is ever
found by an email typed here.

The staff-list import (`people_import_csv`) is all or nothing, like the risk register's: every row
is checked before anything is written, and each problem names its row (as a spreadsheet numbers it,
the header is row 1) and its column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Lower
from django.utils.text import slugify

from crisis.audit import audit_record
from crisis.csvfiles import csv_cell, csv_text, csv_uncell
from crisis.models import Membership, Organisation, User

from ..models import CourseKind, Person, Requirement, StaffRole
from .base import require_training_manager

__all__ = [
    "PEOPLE_CSV_COLUMNS",
    "PEOPLE_CSV_MAX_BYTES",
    "PEOPLE_CSV_MAX_ROWS",
    "PEOPLE_CSV_REQUIRED_COLUMNS",
    "PeopleImportError",
    "PeopleImportResult",
    "PeopleImportRowError",
    "people_csv_template",
    "people_import_csv",
    "person_create",
    "person_link_user",
    "person_update",
    "requirement_create",
    "requirement_update",
    "role_create",
    "role_rename",
]

PERSON_FIELDS = ("full_name", "email", "department", "start_date", "leaver_date")
REQUIREMENT_FIELDS = ("title", "course_kind", "everyone", "renewal_months", "renew_each_september", "mandatory",
                      "active", "source")


def _require_same_organisation(obj, organisation_id: int) -> None:
    # Defence in depth: the views and the API look objects up through the user's selectors already.
    if obj.organisation_id != organisation_id:
        raise ValidationError("That belongs to another organisation.")


def _clean_roles(organisation: Organisation, roles) -> list[StaffRole]:
    roles = list(roles or ())
    for role in roles:
        if role.organisation_id != organisation.pk:
            raise ValidationError({"roles": "A role of another organisation cannot be given."})
    return roles


def _member(organisation: Organisation, email: str) -> User | None:
    """The member of the organisation with this email, if there is one."""
    if not email:
        return None
    return (
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower=email.lower(), is_active=True,
                pk__in=Membership.objects.filter(organisation=organisation).values("user_id"))
        .first()
    )


def _check_person(person: Person) -> None:
    """The person's own rules: a name, one entry per email and account, a leaver date not before the start."""
    errors: dict[str, str] = {}
    person.full_name = (person.full_name or "").strip()
    person.email = (person.email or "").strip().lower()
    person.department = (person.department or "").strip()
    if not person.full_name:
        errors["full_name"] = "A full name is required."
    if person.start_date and person.leaver_date and person.leaver_date < person.start_date:
        errors["leaver_date"] = (f"The leaver date ({person.leaver_date:%d/%m/%Y}) is before the start date "
                                 f"({person.start_date:%d/%m/%Y}).")
    others = Person.objects.filter(organisation_id=person.organisation_id).exclude(pk=person.pk)
    if person.email and others.filter(email__iexact=person.email).exists():
        errors["email"] = f"{person.email} is already on the staff list."
    if person.user_id and others.filter(user_id=person.user_id).exists():
        errors["user"] = "That account is already linked to someone else on the staff list."
    if person.user_id and not Membership.objects.filter(user_id=person.user_id,
                                                        organisation_id=person.organisation_id).exists():
        errors["user"] = "Only a member of the organisation can be linked."
    for name in ("full_name", "department"):
        limit = Person._meta.get_field(name).max_length
        if len(getattr(person, name)) > limit:
            errors[name] = f"At most {limit} characters."
    if errors:
        raise ValidationError(errors)


def _auto_link(person: Person) -> None:
    """Link the person to the member of the organisation with their email, unless that account is
    linked to someone else already."""
    if person.user_id or not person.email:
        return
    member = _member(person.organisation, person.email)
    if member and not Person.objects.filter(organisation_id=person.organisation_id, user=member).exists():
        person.user = member


@transaction.atomic
def person_create(*, actor: User, organisation: Organisation, full_name: str, email: str = "", roles=(),
                  department: str = "", start_date: dt.date | None = None, leaver_date: dt.date | None = None,
                  user: User | None = None) -> Person:
    """Add someone to the staff list; linked to their account when their email is a member's."""
    require_training_manager(actor, organisation.pk)
    roles = _clean_roles(organisation, roles)
    person = Person(organisation=organisation, full_name=full_name, email=email or "", department=department or "",
                    start_date=start_date, leaver_date=leaver_date, user=user)
    if user is None:
        person.email = (person.email or "").strip().lower()
        _auto_link(person)
    _check_person(person)
    person.save()
    person.roles.set(roles)
    audit_record(actor=actor, verb="training.person.created", obj=person,
                 summary={"roles": [role.key for role in roles], "linked": bool(person.user_id)})
    return person


@transaction.atomic
def person_update(*, actor: User, person: Person, roles=None, **fields) -> Person:
    """Change the fields given (and the roles, when given). A new email links the account it names."""
    require_training_manager(actor, person.organisation_id)
    unknown = set(fields) - set(PERSON_FIELDS) - {"user"}
    if unknown:
        raise ValidationError(f"Cannot change {', '.join(sorted(unknown))}.")
    person = Person.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=person.pk)
    before = {name: getattr(person, name) for name in (*PERSON_FIELDS, "user_id")}
    for name, value in fields.items():
        setattr(person, name, value if value is not None or name not in ("full_name", "email", "department")
                else "")
    if "email" in fields and "user" not in fields:
        person.email = (person.email or "").strip().lower()
        _auto_link(person)
    _check_person(person)
    person.save()
    changed = {name: str(getattr(person, name)) for name in before if getattr(person, name) != before[name]}
    if roles is not None:
        roles = _clean_roles(person.organisation, roles)
        old = sorted(person.roles.values_list("key", flat=True))
        person.roles.set(roles)
        new = sorted(role.key for role in roles)
        if old != new:
            changed["roles"] = new
    audit_record(actor=actor, verb="training.person.updated", obj=person, summary={"changed": changed})
    return person


@transaction.atomic
def person_link_user(*, actor: User, person: Person, user: User | None) -> Person:
    """Link a person to a member's account (or unlink them, with None)."""
    require_training_manager(actor, person.organisation_id)
    person = Person.objects.select_for_update().get(pk=person.pk)
    person.user = user
    _check_person(person)
    person.save(update_fields=["user"])
    audit_record(actor=actor, verb="training.person.linked" if user else "training.person.unlinked", obj=person,
                 summary={"user": user.pk if user else None})
    return person


# Roles -----------------------------------------------------------------------------------------


def _clean_role_name(organisation: Organisation, name: str, exclude_pk: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "A role needs a name."})
    if len(name) > StaffRole._meta.get_field("name").max_length:
        raise ValidationError({"name": "At most 100 characters."})
    if StaffRole.objects.filter(organisation=organisation, name__iexact=name).exclude(pk=exclude_pk).exists():
        raise ValidationError({"name": f"There is a role called “{name}” already."})
    return name


def _unique_key(model, organisation: Organisation, text: str, max_length: int) -> str:
    base = slugify(text).replace("-", "_")[: max_length - 4].strip("_") or "custom"
    taken = set(model.objects.filter(organisation=organisation, key__startswith=base).values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


@transaction.atomic
def role_create(*, actor: User, organisation: Organisation, name: str) -> StaffRole:
    require_training_manager(actor, organisation.pk)
    name = _clean_role_name(organisation, name)
    role = StaffRole.objects.create(organisation=organisation, name=name,
                                    key=_unique_key(StaffRole, organisation, name, 40))
    audit_record(actor=actor, verb="training.role.created", obj=role, summary={"key": role.key})
    return role


@transaction.atomic
def role_rename(*, actor: User, role: StaffRole, name: str) -> StaffRole:
    """Rename a role; its key (used by imports and the shipped requirements) stays."""
    require_training_manager(actor, role.organisation_id)
    old = role.name
    role.name = _clean_role_name(role.organisation, name, exclude_pk=role.pk)
    role.save(update_fields=["name"])
    audit_record(actor=actor, verb="training.role.renamed", obj=role, summary={"from": old, "to": role.name})
    return role


# Requirements ----------------------------------------------------------------------------------


def _check_requirement(requirement: Requirement, roles: list[StaffRole] | None) -> None:
    errors: dict[str, str] = {}
    requirement.title = (requirement.title or "").strip()
    if not requirement.title:
        errors["title"] = "A requirement needs a title."
    elif len(requirement.title) > 200:
        errors["title"] = "At most 200 characters."
    if requirement.course_kind not in CourseKind.values:
        errors["course_kind"] = "Choose the kind of course that meets it."
    if requirement.renewal_months is not None and not 1 <= requirement.renewal_months <= 120:
        errors["renewal_months"] = "Renewal is every 1 to 120 months (or leave it empty)."
    if requirement.renew_each_september and requirement.renewal_months:
        errors["renewal_months"] = "Renewed each September or every so many months, not both."
    if not requirement.everyone and roles is not None and not roles:
        errors["roles"] = "Choose the roles that must hold it, or make it apply to everyone."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def requirement_create(*, actor: User, organisation: Organisation, title: str, course_kind: str, roles=(),
                       everyone: bool = False, renewal_months: int | None = None,
                       renew_each_september: bool = False, mandatory: bool = True, active: bool = True,
                       source: str = "") -> Requirement:
    """A requirement of the organisation's own; its key is made from the title."""
    require_training_manager(actor, organisation.pk)
    roles = _clean_roles(organisation, roles)
    requirement = Requirement(
        organisation=organisation, title=title, course_kind=course_kind, everyone=everyone,
        renewal_months=renewal_months, renew_each_september=renew_each_september, mandatory=mandatory,
        active=active, source=(source or "").strip(),
    )
    _check_requirement(requirement, roles)
    requirement.key = _unique_key(Requirement, organisation, requirement.title, 60)
    last = Requirement.objects.filter(organisation=organisation).aggregate(last=Max("position"))["last"]
    requirement.position = (last or 0) + 1
    requirement.save()
    requirement.roles.set([] if everyone else roles)
    audit_record(actor=actor, verb="training.requirement.created", obj=requirement,
                 summary={"key": requirement.key, "roles": [role.key for role in roles], "everyone": everyone})
    return requirement


@transaction.atomic
def requirement_update(*, actor: User, requirement: Requirement, roles=None, **fields) -> Requirement:
    """Change the fields given (and the roles, when given); the key stays."""
    require_training_manager(actor, requirement.organisation_id)
    unknown = set(fields) - set(REQUIREMENT_FIELDS)
    if unknown:
        raise ValidationError(f"Cannot change {', '.join(sorted(unknown))}.")
    requirement = (Requirement.objects.select_for_update(of=("self",)).select_related("organisation")
                   .get(pk=requirement.pk))
    before = {name: getattr(requirement, name) for name in REQUIREMENT_FIELDS}
    for name, value in fields.items():
        setattr(requirement, name, (value or "") if name == "source" else value)
    if roles is not None:
        roles = _clean_roles(requirement.organisation, roles)
    _check_requirement(requirement, roles if roles is not None else
                       (list(requirement.roles.all()) if "everyone" in fields else None))
    requirement.save()
    changed = {name: str(getattr(requirement, name)) for name in before if getattr(requirement, name) != before[name]}
    if roles is not None or requirement.everyone:
        old = sorted(requirement.roles.values_list("key", flat=True))
        requirement.roles.set([] if requirement.everyone else roles if roles is not None else requirement.roles.all())
        new = sorted(requirement.roles.values_list("key", flat=True))
        if old != new:
            changed["roles"] = new
    audit_record(actor=actor, verb="training.requirement.updated", obj=requirement, summary={"changed": changed})
    return requirement


# The staff list as CSV -------------------------------------------------------------------------

PEOPLE_CSV_COLUMNS = ("full_name", "email", "roles", "department", "start_date", "leaver_date")
PEOPLE_CSV_REQUIRED_COLUMNS = ("full_name",)
PEOPLE_CSV_MAX_BYTES = 2 * 1024 * 1024
PEOPLE_CSV_MAX_ROWS = 2000
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
# Spreadsheets run a cell that starts with one of these as a formula: the template prefixes such a
# cell with an apostrophe, and the import takes that apostrophe off again.
TEMPLATE_ROWS = (
    ("Jane Example", "jane.example@school.example", "Designated safeguarding lead;Governor or trustee",
     "Senior leadership", "01/09/2021", ""),
    ("Tom Volunteer", "", "", "Volunteers", "2024-01-15", ""),
)


@dataclass(frozen=True)
class PeopleImportRowError:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str  # "" when the problem is the row as a whole
    message: str

    def __str__(self) -> str:
        where = f", {self.column}" if self.column else ""
        return f"Row {self.row}{where}: {self.message.rstrip('.')}."


class PeopleImportError(ValidationError):
    """The file was refused and nothing was written. `row_errors` lists every problem."""

    def __init__(self, messages: str | list[str], *, row_errors=()):
        self.row_errors = list(row_errors)
        super().__init__([str(error) for error in self.row_errors] or messages)


@dataclass
class PeopleImportResult:
    created: list[Person] = field(default_factory=list)
    updated: list[Person] = field(default_factory=list)

    def __str__(self) -> str:
        parts = [f"{len(self.created)} added", f"{len(self.updated)} updated (matched by email)"]
        return "Staff list imported: " + ", ".join(parts) + "."


def people_csv_template() -> str:
    """A CSV file to fill in: the header and two example rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(PEOPLE_CSV_COLUMNS)
    for row in TEMPLATE_ROWS:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()


def _text(content: bytes | str) -> str:
    return csv_text(content, max_bytes=PEOPLE_CSV_MAX_BYTES, error=PeopleImportError)


def _records(text: str) -> list[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise PeopleImportError("The file is empty: it needs a header row and one row per person.") from None
    except csv.Error as error:
        raise PeopleImportError(f"The file is not readable as CSV: {error}.") from None
    missing = [name for name in PEOPLE_CSV_REQUIRED_COLUMNS if name not in header]
    if missing:
        raise PeopleImportError(f"The header row is missing these columns: {', '.join(missing)}. "
                                f"The columns are: {', '.join(PEOPLE_CSV_COLUMNS)}.")
    records = []
    try:
        for index, cells in enumerate(reader):
            if not any(cell.strip() for cell in cells):
                continue  # blank lines, often left at the end by spreadsheets
            if len(records) == PEOPLE_CSV_MAX_ROWS:
                raise PeopleImportError(f"The file has more than {PEOPLE_CSV_MAX_ROWS} people: split it.")
            records.append((index + 2, dict(zip(header, cells, strict=False))))
    except csv.Error as error:
        raise PeopleImportError(f"The file is not readable as CSV: {error}.") from None
    if not records:
        raise PeopleImportError("The file has a header row but no people.")
    return records


def _date(value: str, column: str, errors: list[tuple[str, str]]) -> dt.date | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007  (a date, no time zone)
        except ValueError:
            continue
    errors.append((column, f"“{value}” is not a date; write it as DD/MM/YYYY or YYYY-MM-DD"))
    return None


def _role_lookup(organisation: Organisation) -> dict[str, StaffRole]:
    lookup: dict[str, StaffRole] = {}
    for role in StaffRole.objects.filter(organisation=organisation):
        lookup[role.key.casefold()] = role
        lookup[role.name.casefold()] = role
    return lookup


def _parse(record: dict[str, str], roles: dict[str, StaffRole]) -> tuple[dict, list[tuple[str, str]]]:
    errors: list[tuple[str, str]] = []
    value = {name: csv_uncell(record.get(name)) for name in PEOPLE_CSV_COLUMNS}
    data: dict = {"full_name": value["full_name"], "department": value["department"],
                  "email": value["email"].lower(), "roles": [], "start_date": None, "leaver_date": None}
    if not value["full_name"]:
        errors.append(("full_name", "a full name is required"))
    if data["email"]:
        try:
            validate_email(data["email"])
        except ValidationError:
            errors.append(("email", f"“{value['email']}” is not an email address"))
    for name in (part.strip() for part in value["roles"].split(";")):
        if not name:
            continue
        role = roles.get(name.casefold())
        if role is None:
            errors.append(("roles", f"unknown role “{name}”"))
        elif role not in data["roles"]:
            data["roles"].append(role)
    for column in ("start_date", "leaver_date"):
        if value[column]:
            data[column] = _date(value[column], column, errors)
    return data, errors


@transaction.atomic
def people_import_csv(*, actor: User, organisation: Organisation, content: bytes | str) -> PeopleImportResult:
    """Add every person of a CSV file to the staff list, or nobody.

    A row whose email is already on the staff list updates that person (roles replaced by the
    row's). Raises PeopleImportError naming every problem; then nothing is written, audit included.
    """
    require_training_manager(actor, organisation.pk)
    records = _records(_text(content))
    roles = _role_lookup(organisation)
    existing = {person.email: person for person in Person.objects.filter(organisation=organisation).exclude(email="")}
    problems: list[PeopleImportRowError] = []
    result = PeopleImportResult()
    seen: dict[str, int] = {}
    for row, record in records:
        data, errors = _parse(record, roles)
        email = data["email"]
        if email and email in seen:
            errors.append(("email", f"{email} is on row {seen[email]} too"))
        elif email:
            seen[email] = row
        if errors:
            problems.extend(PeopleImportRowError(row, column, message) for column, message in errors)
            continue
        try:
            with transaction.atomic():  # a savepoint: the row's own rules, everything undone below if any fail
                if email in existing:
                    role_list = data.pop("roles")
                    result.updated.append(person_update(actor=actor, person=existing[email], roles=role_list,
                                                        **data))
                else:
                    result.created.append(person_create(actor=actor, organisation=organisation, **data))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, messages in error.message_dict.items():
                    column = name if name in PEOPLE_CSV_COLUMNS else ""
                    problems.extend(PeopleImportRowError(row, column, message) for message in messages)
            else:
                problems.extend(PeopleImportRowError(row, "", message) for message in error.messages)
    if problems:
        raise PeopleImportError([], row_errors=problems)
    audit_record(actor=actor, verb="training.people.imported", obj=organisation,
                 summary={"created": len(result.created), "updated": len(result.updated)})
    return result
