"""The personal-data guard's scanner (crisis/privacy.py): what it finds in a report's text, and — as
important, since a false alarm holds a real report back — what it leaves alone. Pure: no database."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from crisis.privacy import GuardHit, GuardText, hit_id, name_variants, scan

TODAY = dt.date(2026, 12, 1)
NAMES = ["Jane Alice Smith", "Liam O'Brien", "Tallulah"]


def found(text: str, *, names=NAMES, today=TODAY, allowed=()) -> list[tuple[str, str]]:
    """(kind, matched text) of every hit in one risk title."""
    hits = scan([GuardText("risk:12:title", "Risk R-12", "title", text, "/cases/SAF-1/risks/12/")],
                protected_names=names, today=today, allowed=allowed)
    return [(hit.kind, hit.match) for hit in hits]


def kinds(text: str, **kwargs) -> list[str]:
    return [kind for kind, _ in found(text, **kwargs)]


# Protected names ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text,match", [
    ("Jane Alice Smith told her teacher.", "Jane Alice Smith"),
    ("jane alice smith told her teacher.", "jane alice smith"),
    ("Jane Smith told her teacher.", "Jane Smith"),  # without the middle name
    ("Jane\n  Smith told her teacher.", "Jane\n  Smith"),  # across a line break and extra spaces
    ("Jane Smith's mother called.", "Jane Smith"),  # a possessive
    ("Jane Smith’s mother called.", "Jane Smith"),
    ("Pupils: SMITH, Jane; others.", "SMITH, Jane"),  # surname first
    ("Pupils: Smith,Jane Alice.", "Smith,Jane Alice"),
    ("Spoke to (Jane Smith).", "Jane Smith"),
    ("Liam O'Brien was there.", "Liam O'Brien"),
    ("Liam O’Brien was there.", "Liam O’Brien"),  # a curly apostrophe
    ("Tallulah was there.", "Tallulah"),  # a one-word alias is matched alone
    ("TALLULAH.", "TALLULAH"),
])
def test_it_finds_a_protected_name(text, match):
    assert found(text) == [("protected_name", match)]


@pytest.mark.parametrize("text", [
    "Jane spoke to the DSL.",  # a lone first name is not the full name
    "Ms Smith, the head of year, was told.",  # nor a lone surname
    "Jane Smithson joined the club.",  # part of a longer word
    "Mary-Jane Smith joined the club.",  # part of a hyphenated name
    "Jane Smith-Jones joined the club.",
    "Janet Smith joined the club.",
    "Smith Jane",  # reversed without the comma is not how names are written
    "Tallulahs",
    "Pupil A, a child in Year 8, told her teacher.",
])
def test_it_leaves_other_words_alone(text):
    assert kinds(text) == []


def test_a_name_found_whole_is_not_found_again_by_an_alias_inside_it():
    assert found("Jane Smith called.", names=["Jane Smith", "Smith"]) == [("protected_name", "Jane Smith")]
    assert found("Mr Smith called.", names=["Jane Smith", "Smith"]) == [("protected_name", "Smith")]


def test_no_protected_names_finds_no_names():
    assert found("Jane Alice Smith", names=[]) == []


def test_a_name_with_regular_expression_characters_is_taken_literally():
    assert found("J. (Jo) Bloggs+ and J (Jo) Bloggs", names=["J. (Jo) Bloggs+"]) == [
        ("protected_name", "J. (Jo) Bloggs+")
    ]


def test_name_variants():
    assert name_variants("Jane Alice Smith") == [
        "Jane Alice Smith", "Smith, Jane Alice", "Jane Smith", "Smith, Jane"
    ]
    assert name_variants("Jane Smith") == ["Jane Smith", "Smith, Jane"]
    assert name_variants("  Tallulah ") == ["Tallulah"]
    assert name_variants("") == []


def test_the_message_never_repeats_the_name():
    [hit] = scan([GuardText("risk:12:title", "Risk R-12", "title", "Jane Smith left.")],
                 protected_names=["Jane Smith"], today=TODAY)
    assert hit.message == "Risk R-12 title: a protected name"
    assert "Jane" not in hit.message and "Smith" not in hit.message


# Dates of birth ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text,match", [
    ("Pupil A was born on 3 March 2014.", "3 March 2014"),
    ("Pupil A, born 3rd March 2014, …", "3rd March 2014"),
    ("born on the 3rd of March 2014", "3rd of March 2014"),
    ("DOB: 03/03/2014", "03/03/2014"),
    ("dob 3-3-14", "3-3-14"),
    ("D.O.B. 3.3.2014", "3.3.2014"),
    ("d.o.b: 03.03.14", "03.03.14"),
    ("Date of birth - 2014-03-03", "2014-03-03"),
    ("date of birth is March 3, 2014", "March 3, 2014"),
    ("Her birthday is 3 March.", "3 March"),  # no year, but next to the keyword
    ("3 March 2014 (DOB)", "3 March 2014"),
    ("born 1 June 2025", "1 June 2025"),  # a recent date next to the keyword still counts
    ("born on 29 Feb", "29 Feb"),
])
def test_it_finds_a_date_next_to_a_birth_keyword(text, match):
    assert found(text, names=[]) == [("date_of_birth", match)]


@pytest.mark.parametrize("text,match", [
    ("On 3 March 2014 the club…", "3 March 2014"),
    ("On 3rd March 2014 the club…", "3rd March 2014"),
    ("On March 3, 2014 the club…", "March 3, 2014"),
    ("On Sept 3 2014 the club…", "Sept 3 2014"),
    ("On 03/03/2014 the club…", "03/03/2014"),
    ("On 03-03-14 the club…", "03-03-14"),
    ("On 3.3.2014 the club…", "3.3.2014"),
    ("On 2014-03-03 the club…", "2014-03-03"),
    ("On 2 December 2001 the club…", "2 December 2001"),  # 25 years ago to the day
    ("On 1 December 2024 the club…", "1 December 2024"),  # 2 years ago to the day
])
def test_it_finds_a_date_that_could_be_a_childs_date_of_birth(text, match):
    hits = scan([GuardText("k", "Risk R-12", "title", text)], protected_names=[], today=TODAY)
    assert [(h.kind, h.match) for h in hits] == [("date_of_birth", match)]
    assert hits[0].message == "Risk R-12 title: a date that could be a child's date of birth"


@pytest.mark.parametrize("text", [
    "The LADO was called on 3 November 2026.",  # within the last two years
    "The review is due on 14/01/2027.",  # in the future
    "Opened 2 December 2024.",  # a day less than two years ago
    "The club was founded on 30 November 2001.",  # more than 25 years ago
    "In 2014 the club moved.",  # a year alone
    "In March 2014 the club moved.",  # a month and year
    "On 3 May the club meets.",  # a day and month, no keyword
    "Version 1.2.30 of the policy; v2.10.14",
    "Scores 31/02/2014 and 12/13/2014",  # no such dates
    "Reference CASE-2026-001, SAF-2026-0001",
    "Times 10.30-11.30, 9:15, 1/2 term",
    "The police may 10 days later ask again.",
    "The newborn unit",
])
def test_it_leaves_other_dates_and_numbers_alone(text):
    assert kinds(text, names=[]) == []


# Postcodes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,match", [
    ("lives at SW1A 1AA now", "SW1A 1AA"),
    ("M1 1AE", "M1 1AE"),
    ("in b33 8th", "b33 8th"),
    ("EC1A 1BB,", "EC1A 1BB"),
    ("W1A 0AX.", "W1A 0AX"),
    ("CR2 6XH", "CR2 6XH"),
    ("DN55 1PT", "DN55 1PT"),
    ("SW1A1AA", "SW1A1AA"),  # run together, in capitals
    ("(NG4 7QA)", "NG4 7QA"),
])
def test_it_finds_a_postcode(text, match):
    assert found(text, names=[]) == [("postcode", match)]


@pytest.mark.parametrize("text", [
    "Risk R-12", "version v2", "room B12", "Year 8", "A1", "KS2", "S175 audit", "Covid19",
    "hash e4d9af and ab12cd",  # run together in small letters: an id, not a postcode
    "QA1 1AA", "VX1 1AA",  # no area starts with Q, V or X
    "M1 1CK", "M1 1AI",  # the last two letters are never C, I, K, M, O or V
    "SW1A-1AA-2", "X-M1 1AE",
])
def test_it_leaves_other_codes_alone(text):
    assert kinds(text, names=[]) == []


# Phone numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text,match", [
    ("Call 07700 900123.", "07700 900123"),
    ("Call 07700 900 123.", "07700 900 123"),
    ("Call 07700900123.", "07700900123"),
    ("Call 07700-900123.", "07700-900123"),
    ("Call +44 7700 900123.", "+44 7700 900123"),
    ("Call +447700900123.", "+447700900123"),
    ("Call 0044 7700 900123.", "0044 7700 900123"),
    ("Call (020) 7946 0018.", "(020) 7946 0018"),
    ("Call 020 7946 0018.", "020 7946 0018"),
    ("Call +44 (0)20 7946 0018.", "+44 (0)20 7946 0018"),
    ("Call 0161 496 0000.", "0161 496 0000"),
    ("Call (0161) 496 0000.", "(0161) 496 0000"),
    ("Call 01632 960123.", "01632 960123"),
    ("Call 0161.496.0000.", "0161.496.0000"),
    ("On 01.02.2026 07700 900123 rang", "07700 900123"),  # a number right after a date is still found
])
def test_it_finds_a_phone_number(text, match):
    assert found(text, names=[]) == [("phone", match)]


@pytest.mark.parametrize("text", [
    "In 2026 and 2027", "£12,000 and £1,250.00", "CASE-2026-001", "SAF-2026-0001", "12.5%",
    "Childline 0800 1111", "NSPCC 0808 800 5000", "Ofsted 0300 123 1231",  # organisations' numbers
    "company 08412377", "charity 1187654", "URN 148213",
    "ref 01234567890123",  # too long to be a phone number
    "ref 0161 496 00",  # too short
    "ref 0161-496 0000",  # mixed separators: not written as a phone number
    "ref AB-07700900123", "ref 07700900123-2",
])
def test_it_leaves_other_numbers_alone(text):
    assert kinds(text, names=[]) == []


# Email addresses ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text,match", [
    ("Write to jane.smith@example.com.", "jane.smith@example.com"),
    ("Write to J.Bloggs+school@mail.example.co.uk", "J.Bloggs+school@mail.example.co.uk"),
    ("Write to head.smith@school.sch.uk", "head.smith@school.sch.uk"),  # a person, not the role
    ("<m.o'neill@example.org>", "m.o'neill@example.org"),
])
def test_it_finds_a_personal_email_address(text, match):
    assert found(text, names=[]) == [("email", match)]


@pytest.mark.parametrize("address", [
    "info@school.org", "office@school.org", "admin@school.org", "enquiries@school.org",
    "safeguarding@school.org", "DSL@school.org", "press@trust.org", "media@trust.org", "lado@council.gov.uk",
    "contact@club.org", "reception@school.org", "head@school.org", "headteacher@school.org",
    "head.teacher@school.org", "governors@school.org", "clerk@trust.org", "noreply@safehold.test",
    "no-reply@safehold.test", "no_reply@safehold.test", "info+reports@school.org",
])
def test_it_leaves_role_addresses_alone(address):
    assert kinds(f"Write to {address} today.", names=[]) == []


def test_an_at_sign_alone_is_no_address():
    assert kinds("Meet @ 10, see @school, a@b", names=[]) == []


# National Insurance numbers and UPNs --------------------------------------------------------------


@pytest.mark.parametrize("text,match", [
    ("NI AB123456C.", "AB123456C"),
    ("NI AB 12 34 56 C.", "AB 12 34 56 C"),
    ("NI ab123456d", "ab123456d"),
    ("NI JG103759A", "JG103759A"),
])
def test_it_finds_a_national_insurance_number(text, match):
    assert found(text, names=[]) == [("ni_number", match)]


@pytest.mark.parametrize("text", [
    "DA123456A", "FA123456A", "AO123456A",  # letters never used
    "GB123456A", "NK123456A", "TN123456A", "ZZ123456A",  # prefixes never issued
    "AB123456E",  # the last letter is A to D
    "AB12345C", "XAB123456C", "AB123456CD",
])
def test_it_leaves_what_is_not_a_national_insurance_number_alone(text):
    assert kinds(text, names=[]) == []


@pytest.mark.parametrize("text,match", [
    ("UPN A123456789012", "A123456789012"),
    ("UPN H801201150012A", None),  # 14 characters: not a UPN
    ("UPN A12345678901B", "A12345678901B"),  # a temporary UPN
])
def test_it_finds_a_unique_pupil_number(text, match):
    assert found(text, names=[]) == ([("upn", match)] if match else [])


@pytest.mark.parametrize("text", ["A1234567890", "A1234567890123", "AB123456789012", "SAF-2026-0001",
                                  "sha 3f2a1234567890123"])
def test_it_leaves_other_identifiers_alone(text):
    assert kinds(text, names=[]) == []


# Allowed strings, hits and their ids --------------------------------------------------------------


def test_allowed_strings_are_never_reported_however_they_are_spaced():
    text = "Priya Shah, 07700 900123, +44 7700 900123, Priya.Shah@safehold.test; Jane Smith"
    allowed = ["07700900123", "priya.shah@safehold.test", "Priya Shah"]
    assert found(text, names=["Priya Shah", "Jane Smith"], allowed=allowed) == [("protected_name", "Jane Smith")]


def test_the_same_finding_twice_in_one_field_is_one_hit_and_in_two_fields_two():
    texts = [
        GuardText("risk:12:title", "Risk R-12", "title", "07700 900123 or +44 7700 900123"),
        GuardText("risk:12:description", "Risk R-12", "description", "07700 900123"),
    ]
    hits = scan(texts, protected_names=[], today=TODAY)
    assert [(h.key, h.match) for h in hits] == [("risk:12:title", "07700 900123"),
                                                ("risk:12:description", "07700 900123")]
    assert hits[0].hit_id != hits[1].hit_id


def test_hits_come_in_reading_order_with_where_to_fix_them():
    texts = [
        GuardText("risk:12:title", "Risk R-12", "title", "Jane Smith, DOB 3/3/2014, SW1A 1AA", "/risks/12/"),
        GuardText("action:4:title", "Action A-4", "title", "Ring 0161 496 0000"),
    ]
    hits = scan(texts, protected_names=["Jane Smith"], today=TODAY)
    assert [(h.kind, h.record, h.field, h.url) for h in hits] == [
        ("protected_name", "Risk R-12", "title", "/risks/12/"),
        ("date_of_birth", "Risk R-12", "title", "/risks/12/"),
        ("postcode", "Risk R-12", "title", "/risks/12/"),
        ("phone", "Action A-4", "title", ""),
    ]
    assert [h.message for h in hits] == [
        "Risk R-12 title: a protected name",
        "Risk R-12 title: a date of birth",
        "Risk R-12 title: a postcode",
        "Action A-4 title: a phone number",
    ]


def test_the_hit_id_is_stable_and_ignores_spacing_and_case():
    first = scan([GuardText("risk:12:title", "Risk R-12", "title", "Jane  SMITH")],
                 protected_names=["Jane Smith"], today=TODAY)[0]
    again = scan([GuardText("risk:12:title", "Risk R-12", "title", "told jane\nsmith")],
                 protected_names=["Jane Smith"], today=TODAY)[0]
    assert first.hit_id == again.hit_id == hit_id("risk:12:title", "protected_name", "jane smith")
    assert len(first.hit_id) == 12
    assert hit_id("risk:13:title", "protected_name", "jane smith") != first.hit_id
    assert hit_id("risk:12:title", "phone", "07700 900123") == hit_id("risk:12:title", "phone", "+447700900123")


def test_hits_and_texts_are_frozen():
    hit = GuardHit(key="k", record="Risk R-1", field="title", kind="postcode", match="M1 1AE", message="m")
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.match = "x"  # type: ignore[misc]
    assert hit.hit_id == hit_id("k", "postcode", "M1 1AE")


def test_an_empty_text_and_no_texts_find_nothing():
    assert scan([GuardText("k", "r", "f", "")], protected_names=NAMES, today=TODAY) == []
    assert scan([], protected_names=NAMES, today=TODAY) == []


def test_an_ordinary_report_passes():
    report = (
        "Oakfield Secondary Academy (URN 148213) referred the allegation to the LADO on 3 November 2026, "
        "within one working day, and notified Ofsted on 9 November 2026. Pupil A, a child in Year 8, is "
        "supported by the DSL. Risk R-12 moved from 20 to 12. Action A-4 is 80% done; £12,000 is set aside. "
        "Questions to safeguarding@oakfield.sch.uk or 0300 123 1231. Case SAF-2026-0001, KCSIE 2024."
    )
    assert scan([GuardText("report:1:body", "Status report", "body", report)],
                protected_names=NAMES, today=TODAY) == []
