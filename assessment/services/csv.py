"""A case's risk register as CSV: export it, and import a whole register at once (all or nothing).

The columns are the Risk fields a person fills in, so a register exported from one case re-imports
cleanly into another: the read-only columns at the end of an export (current score, band, review
date) and any column the import does not know are ignored; scores, bands and review dates are
derived again by the risk services.

An import validates every row before anything is kept and reports every problem, each with the row
number a spreadsheet shows (the header is row 1). Each risk is created through `risk_create`, so
history and audit rows are written exactly as for a risk added by hand — and rolled back with
everything else when any row is refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower

from crisis import access
from crisis.audit import audit_record
from crisis.csvfiles import csv_cell, csv_text, csv_uncell
from crisis.models import Case, User

from ..models import Risk, RiskCategory
from ..risk_matrix import LEVELS
from .risks import SCORE_FIELDS, _require_editor, _require_open_case, risk_close, risk_create

__all__ = [
    "RISK_CSV_COLUMNS",
    "RISK_CSV_READ_ONLY_COLUMNS",
    "RISK_CSV_REQUIRED_COLUMNS",
    "RISK_CSV_MAX_BYTES",
    "RISK_CSV_MAX_ROWS",
    "RiskImportError",
    "RiskImportRowError",
    "risk_register_csv",
    "risks_import_csv",
]

RISK_CSV_COLUMNS = (
    "title", "category", "description", "cause", "consequence", "owner_email", "identified_on",
    "inherent_likelihood", "inherent_impact", "current_likelihood", "current_impact",
    "target_likelihood", "target_impact", "treatment", "treatment_rationale", "status",
)
# Exported for the reader, derived again on import (and so ignored there).
RISK_CSV_READ_ONLY_COLUMNS = ("current_score", "band", "review_due_on")
# What risk_create cannot do without; the other columns may be left out (current defaults to
# inherent, target to current, treatment to mitigate, status to open, identified to today).
RISK_CSV_REQUIRED_COLUMNS = ("title", "category", "inherent_likelihood", "inherent_impact")
RISK_CSV_MAX_BYTES = 2 * 1024 * 1024
RISK_CSV_MAX_ROWS = 1000

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
# A service's field error names the Risk field; the user knows the column.
FIELD_TO_COLUMN = {"owner": "owner_email"}


@dataclass(frozen=True)
class RiskImportRowError:
    row: int  # as a spreadsheet numbers it: the header is row 1, the first risk row 2
    column: str  # "" when the problem is the row as a whole
    message: str

    def __str__(self) -> str:
        where = f" ({self.column})" if self.column else ""
        return f"Row {self.row}: {self.message.rstrip('.')}{where}."


class RiskImportError(ValidationError):
    """The file was refused and nothing was imported. `row_errors` lists every bad row's problems."""

    def __init__(self, messages: str | list[str], *, row_errors: Iterable[RiskImportRowError] = ()):
        self.row_errors = list(row_errors)
        super().__init__([str(error) for error in self.row_errors] or messages)


# Export ----------------------------------------------------------------------------------------


def risk_register_csv(*, risks: Iterable[Risk]) -> str:
    """The register as CSV text: one header row, then one row per risk in the order given.

    The caller passes risks read through a selector (`case_risks(..., filters={"status": "all"})`),
    so a user exports exactly the risks they may see.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*RISK_CSV_COLUMNS, *RISK_CSV_READ_ONLY_COLUMNS])
    for risk in risks:
        values = {name: getattr(risk, name) for name in (*RISK_CSV_COLUMNS, *RISK_CSV_READ_ONLY_COLUMNS)
                  if name != "owner_email"}
        values["owner_email"] = risk.owner.email if risk.owner_id else ""
        writer.writerow([csv_cell(values[name]) for name in (*RISK_CSV_COLUMNS, *RISK_CSV_READ_ONLY_COLUMNS)])
    return out.getvalue()


# Import ----------------------------------------------------------------------------------------


def _text(content: bytes | str) -> str:
    return csv_text(content, max_bytes=RISK_CSV_MAX_BYTES, error=RiskImportError)


def _choice(value: str, choices) -> str | None:
    """The stored value for a choice given by value or label, in any case; None if unknown."""
    wanted = value.strip().casefold()
    for stored, label in choices:
        if wanted in (str(stored).casefold(), str(label).casefold()):
            return stored
    return None


def _level(value: str, column: str, errors: list[tuple[str, str]]) -> int | None:
    kind = "likelihood" if column.endswith("likelihood") else "impact"
    try:
        number = int(value)
    except ValueError:
        number = None
    if number not in LEVELS:
        errors.append((column, f"{kind} must be 1 to 5, got {value}"))
        return None
    return number


def _date(value: str, errors: list[tuple[str, str]]) -> dt.date | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007  (a date, no time zone)
        except ValueError:
            continue
    errors.append(("identified_on", f"“{value}” is not a date; write it as YYYY-MM-DD or DD/MM/YYYY"))
    return None


def _possible_owners(case: Case, emails: set[str]) -> dict[str, User]:
    """Users with these (lower-cased) emails who may own the case's risks, by email, in one query.

    Owners come from the same selector as the risk form's choices, so anyone else — someone of
    another organisation included — reads as unknown, and an import reveals nothing about them.
    """
    if not emails:
        return {}
    users = (
        access.owner_choices(case=case).annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
    )
    return {user.email_lower: user for user in users}


def _parse_row(record: dict[str, str], owners: dict[str, User], case: Case) -> tuple[dict, list[tuple[str, str]]]:
    """One CSV record as risk_create's keyword arguments, and its problems as (column, message)."""
    errors: list[tuple[str, str]] = []
    value = {name: csv_uncell(record.get(name)) for name in RISK_CSV_COLUMNS}
    data: dict = {}

    if value["title"]:
        data["title"] = value["title"]
    else:
        errors.append(("title", "a title is required"))

    category = _choice(value["category"], RiskCategory.choices)
    categories = ", ".join(RiskCategory.values)
    if category:
        data["category"] = category
    elif value["category"]:
        errors.append(("category", f"unknown category “{value['category']}”; use one of {categories}"))
    else:
        errors.append(("category", f"a category is required: one of {categories}"))

    for column in SCORE_FIELDS:
        if value[column]:
            data[column] = _level(value[column], column, errors)
        elif column.startswith("inherent"):
            errors.append((column, f"{column.split('_')[1]} is required (1 to 5)"))

    for column in ("description", "cause", "consequence", "treatment_rationale"):
        data[column] = value[column]

    email = value["owner_email"].lower()
    if email:
        data["owner"] = owners.get(email)
        if data["owner"] is None:
            errors.append(
                ("owner_email", f"{email} is not a member of {case.organisation} or a consultant assigned to it")
            )

    if value["identified_on"]:
        data["identified_on"] = _date(value["identified_on"], errors)

    for column, choices in (("treatment", Risk.Treatment.choices), ("status", Risk.Status.choices)):
        if value[column]:
            data[column] = _choice(value[column], choices)
            if data[column] is None:
                values = ", ".join(stored for stored, _ in choices)
                errors.append((column, f"unknown {column} “{value[column]}”; use one of {values}"))
    return data, errors


def _service_errors(row: int, error: ValidationError) -> list[RiskImportRowError]:
    if hasattr(error, "error_dict"):
        return [
            RiskImportRowError(row, FIELD_TO_COLUMN.get(field, field) if field != "__all__" else "", message)
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [RiskImportRowError(row, "", message) for message in error.messages]


def _records(text: str) -> list[tuple[int, dict[str, str]]]:
    """(spreadsheet row number, record) for every row that is not blank, after checking the header."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise RiskImportError("The file is empty: it needs a header row and one row per risk.") from None
    except csv.Error as error:
        raise RiskImportError(f"The file is not readable as CSV: {error}.") from None
    header = [name.strip().lower() for name in header]
    if not any(header):
        raise RiskImportError("The file is empty: it needs a header row and one row per risk.")
    missing = [name for name in RISK_CSV_REQUIRED_COLUMNS if name not in header]
    if missing:
        raise RiskImportError(
            f"The header row is missing these columns: {', '.join(missing)}. "
            f"The columns are: {', '.join(RISK_CSV_COLUMNS)}."
        )
    records = []
    try:
        for index, cells in enumerate(reader):
            if not any(cell.strip() for cell in cells):
                continue  # blank lines, often left at the end by spreadsheets
            if len(records) == RISK_CSV_MAX_ROWS:
                raise RiskImportError(
                    f"The file has more than {RISK_CSV_MAX_ROWS} risks: split it into smaller files."
                )
            records.append((index + 2, dict(zip(header, cells, strict=False))))
    except csv.Error as error:
        raise RiskImportError(f"The file is not readable as CSV: {error}.") from None
    if not records:
        raise RiskImportError("The file has a header row but no risks.")
    return records


@transaction.atomic
def risks_import_csv(*, actor: User, case: Case, content: bytes | str) -> list[Risk]:
    """Put every risk of a CSV file on the case's register, or none of them.

    Raises PermissionDenied for a user who cannot change the register, and RiskImportError
    (a ValidationError) naming every problem when any row is refused; then nothing is written,
    not even audit events.
    """
    _require_editor(actor, case)
    _require_open_case(case)
    records = _records(_text(content))
    emails = {csv_uncell(record.get("owner_email")).lower() for _, record in records} - {""}
    owners = _possible_owners(case, emails)

    problems: list[RiskImportRowError] = []
    risks: list[Risk] = []
    for row, record in records:
        data, errors = _parse_row(record, owners, case)
        if errors:
            problems.extend(RiskImportRowError(row, column, message) for column, message in errors)
            continue
        close = data.get("status") == Risk.Status.CLOSED
        if close:  # a closed risk on an exported register: created open, then closed
            data["status"] = Risk.Status.OPEN
        try:
            # The service's own rules (accepted needs a rationale, dates, owner, lengths), in a
            # savepoint of its own; everything is rolled back below if any row fails.
            risk = risk_create(actor=actor, case=case, **data)
            if close:
                risk = risk_close(actor=actor, risk=risk, note="Closed on the imported register.")
        except ValidationError as error:
            problems.extend(_service_errors(row, error))
            continue
        risks.append(risk)

    if problems:
        raise RiskImportError([], row_errors=problems)
    audit_record(actor=actor, verb="risk_register.imported", obj=case, summary={"count": len(risks)})
    return risks

