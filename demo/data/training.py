"""The demo's training records: each organisation's staff list (adults only, fictional) and the
training they hold, told as each organisation's story.

- Oakfield: whole-staff safeguarding training delivered during the crisis, three weeks ago (two
  absent); the DSL's and the deputy's DSL training expire next month.
- Riverside: the welfare officer is trained; most coaches and volunteers are not.
- St Anne's: everyone current.
- Northgate Academy Trust: whole-staff training delivered again in the response to its case; the two
  people who missed it are out of date (their training of last year lapsed), the rest is current.
- Hope Street: about half in date; the youth workers' refresher is overdue for some.

Days are counted back from today; people with a login are linked by their email.
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST = ("Aisha", "Ben", "Chloe", "Daniel", "Ella", "Femi", "Grace", "Harry", "Isla", "Jack", "Keira", "Liam",
         "Maya", "Noah", "Olivia", "Priya", "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera", "Will", "Yasmin",
         "Zach", "Amara", "Bilal", "Cara", "Dev", "Erin", "Finn", "Gemma", "Hassan", "Ivy", "Jonah", "Kezia",
         "Leo", "Mina", "Nia", "Owen")
LAST = ("Adeyemi", "Brooks", "Chen", "Dawson", "Evans", "Fraser", "Gill", "Hughes", "Iqbal", "Jones", "Kaur",
        "Lewis", "Morgan", "Nolan", "O'Brien", "Patel", "Quinn", "Rahman", "Shaw", "Taylor", "Usman", "Vaughan",
        "Walker", "Young")


@dataclass(frozen=True)
class PersonSpec:
    name: str
    roles: tuple[str, ...] = ()
    department: str = ""
    email: str = ""  # a demo login's email links the person to that account
    started_days_ago: int = 900


@dataclass(frozen=True)
class CourseSpec:
    title: str
    kind: str
    provider: str
    internal: bool
    requirements: tuple[str, ...]  # requirement keys the course meets
    minutes: int | None = None


@dataclass(frozen=True)
class SessionSpec:
    course: str
    days_ago: int
    trainer: str
    venue: str
    absent: tuple[str, ...] = ()  # names of people who missed it
    only_roles: tuple[str, ...] = ()  # empty: everyone on the staff list; else the holders of these roles
    only_people: tuple[str, ...] = ()  # or just these people
    delivers_action: str = ""  # the title of the response-plan action the session delivers


@dataclass(frozen=True)
class CertificateSpec:
    person: str
    course: str
    days_ago: int


@dataclass(frozen=True)
class TrainingSpec:
    people: tuple[PersonSpec, ...]
    courses: tuple[CourseSpec, ...]
    sessions: tuple[SessionSpec, ...] = ()
    certificates: tuple[CertificateSpec, ...] = ()


def _staff(count: int, *, offset: int, department: str, roles: tuple[str, ...] = ()) -> tuple[PersonSpec, ...]:
    """`count` fictional adults with distinct names, deterministic for a given offset."""
    people = []
    for n in range(count):
        first, last = FIRST[(offset + n) % len(FIRST)], LAST[(offset * 7 + n * 5) % len(LAST)]
        people.append(PersonSpec(f"{first} {last}", roles=roles, department=department,
                                 started_days_ago=200 + (n * 97) % 2400))
    return tuple(people)


SCHOOL_COURSES = (
    CourseSpec("Whole-staff safeguarding and child protection", "safeguarding", "Northshire Safeguarding "
               "Children Partnership", True, ("safeguarding_induction", "safeguarding_update"), 180),
    CourseSpec("Safeguarding update (termly briefing)", "safeguarding_update", "The school's DSL", True,
               ("safeguarding_update",), 45),
    CourseSpec("KCSIE Part 1: read and signed", "kcsie_read", "The school", True, ("kcsie_read",), 60),
    CourseSpec("Designated safeguarding lead training", "dsl", "Northshire Safeguarding Children Partnership",
               False, ("dsl_training",), 720),
    CourseSpec("DSL network update", "dsl_update", "Northshire local authority", False, ("dsl_update",), 120),
    CourseSpec("Safer recruitment in education", "safer_recruitment", "Safer Recruitment Consortium", False,
               ("safer_recruitment",), 360),
    CourseSpec("Safeguarding for governors", "board_safeguarding", "Northshire Governor Services", False,
               ("board_safeguarding",), 150),
    CourseSpec("Filtering and monitoring for DSLs", "online_safety", "South West Grid for Learning", False,
               ("online_safety",), 90),
)

OAKFIELD = TrainingSpec(
    people=(
        PersonSpec("Helen Carter", ("recruitment_panel",), "Leadership", "head@oakfield.test", 2900),
        PersonSpec("James Patel", ("dsl", "recruitment_panel"), "Leadership", "dsl@oakfield.test", 2300),
        PersonSpec("Sophie Turner", ("deputy_dsl",), "Year 8", "teacher@oakfield.test", 1500),
        PersonSpec("Margaret Ellis", ("governor", "safeguarding_governor"), "Governors", "ceo@northgate.test", 1800),
        *_staff(12, offset=0, department="Teaching"),
        *_staff(8, offset=12, department="Support staff"),
        *_staff(4, offset=20, department="Governors", roles=("governor",)),
        *_staff(4, offset=24, department="Site and catering"),
    ),
    courses=SCHOOL_COURSES,
    sessions=(
        SessionSpec("KCSIE Part 1: read and signed", 85, "James Patel", "Staff room"),
        SessionSpec("Whole-staff safeguarding and child protection", 21, "Northshire partnership trainer",
                    "Main hall", absent=("Ben Fraser", "Grace Gill")),
        SessionSpec("Safeguarding for governors", 40, "Northshire Governor Services", "Online",
                    only_roles=("governor", "safeguarding_governor")),
    ),
    certificates=(
        # The DSL's and the deputy's two-yearly training falls due next month.
        CertificateSpec("James Patel", "Designated safeguarding lead training", 700),
        CertificateSpec("Sophie Turner", "Designated safeguarding lead training", 705),
        CertificateSpec("James Patel", "DSL network update", 150),
        CertificateSpec("James Patel", "Filtering and monitoring for DSLs", 300),
        CertificateSpec("Helen Carter", "Safer recruitment in education", 400),
    ),
)

RIVERSIDE = TrainingSpec(
    people=(
        PersonSpec("Karen Doyle", ("welfare_officer",), "Committee", "welfare@riverside.test", 1700),
        PersonSpec("Graham Walsh", ("committee",), "Committee", "chair@riverside.test", 3000),
        PersonSpec("Ben Fletcher", ("volunteer",), "Team managers", "teammanager@riverside.test", 900),
        *_staff(10, offset=3, department="Coaches", roles=("coach",)),
        *_staff(5, offset=17, department="Volunteers", roles=("volunteer",)),
    ),
    courses=(
        CourseSpec("Club welfare officer workshop", "welfare_officer", "Swim England", False, ("welfare_officer",),
                   240),
        CourseSpec("Safeguarding and protecting children", "sport_safeguarding", "UK Coaching", False,
                   ("sport_safeguarding",), 180),
        CourseSpec("Annual safeguarding update", "safeguarding_update", "The club welfare officer", True,
                   ("safeguarding_update",), 60),
    ),
    certificates=(
        CertificateSpec("Karen Doyle", "Club welfare officer workshop", 500),
        CertificateSpec("Karen Doyle", "Safeguarding and protecting children", 500),
        # Two of ten coaches hold the basic course; one of them is out of date.
        CertificateSpec("Grace Morgan", "Safeguarding and protecting children", 300),
        CertificateSpec("Harry Rahman", "Safeguarding and protecting children", 1200),
    ),
)

ST_ANNES = TrainingSpec(
    people=(
        PersonSpec("Ruth Bennett", ("dsl", "recruitment_panel"), "Leadership", "head@stannes.test", 3200),
        PersonSpec("Claire Price", ("deputy_dsl",), "Office", "office@stannes.test", 1300),
        *_staff(9, offset=8, department="Teaching"),
        *_staff(3, offset=30, department="Governors", roles=("governor",)),
    ),
    courses=SCHOOL_COURSES,
    sessions=(
        SessionSpec("KCSIE Part 1: read and signed", 80, "Ruth Bennett", "Hall"),
        SessionSpec("Whole-staff safeguarding and child protection", 120, "Northshire partnership trainer",
                    "Hall"),
        SessionSpec("Safeguarding update (termly briefing)", 30, "Ruth Bennett", "Hall"),
        SessionSpec("Safeguarding for governors", 200, "Northshire Governor Services", "Online",
                    only_roles=("governor",)),
    ),
    certificates=(
        CertificateSpec("Ruth Bennett", "Designated safeguarding lead training", 250),
        CertificateSpec("Claire Price", "Designated safeguarding lead training", 260),
        CertificateSpec("Ruth Bennett", "DSL network update", 60),
        CertificateSpec("Claire Price", "DSL network update", 60),
        CertificateSpec("Ruth Bennett", "Filtering and monitoring for DSLs", 90),
        CertificateSpec("Ruth Bennett", "Safer recruitment in education", 500),
    ),
)

NORTHGATE = TrainingSpec(
    people=(
        PersonSpec("Margaret Ellis", ("recruitment_panel",), "Trust office", "ceo@northgate.test", 1800),
        PersonSpec("Daniel Hughes", ("recruitment_panel",), "Trust office", "hr@northgate.test", 1100),
        PersonSpec("Nadia Osman", ("dsl",), "Trust safeguarding", started_days_ago=1300),
        PersonSpec("Rob Whitaker", ("deputy_dsl",), "Trust safeguarding", started_days_ago=700),
        PersonSpec("Anita Rao", ("governor",), "Trustees", started_days_ago=2000),
        PersonSpec("Graham Ashby", ("governor", "safeguarding_governor"), "Trustees", started_days_ago=1400),
        PersonSpec("Lucy Okoro", ("governor",), "Trustees", started_days_ago=1500),
        *_staff(5, offset=5, department="Trust office"),
    ),
    courses=SCHOOL_COURSES,
    sessions=(
        # Last year's whole-staff training: it counts for a year, so it lapsed while the case was open.
        SessionSpec("Whole-staff safeguarding and child protection", 420, "Northshire partnership trainer",
                    "Trust office"),
        SessionSpec("KCSIE Part 1: read and signed", 75, "Nadia Osman", "Trust office"),
        # Delivered again in the response; the two who missed it are still out of date.
        SessionSpec("Whole-staff safeguarding and child protection", 69, "Safehold", "Trust office",
                    absent=("Isla Chen", "Jack Hughes")),
        SessionSpec("Safeguarding for governors", 180, "Northshire Governor Services", "Online",
                    only_roles=("governor", "safeguarding_governor")),
    ),
    certificates=(
        CertificateSpec("Nadia Osman", "Designated safeguarding lead training", 300),
        CertificateSpec("Nadia Osman", "DSL network update", 100),
        CertificateSpec("Nadia Osman", "Filtering and monitoring for DSLs", 150),
        CertificateSpec("Rob Whitaker", "Designated safeguarding lead training", 250),
        CertificateSpec("Rob Whitaker", "DSL network update", 100),
        CertificateSpec("Margaret Ellis", "Safer recruitment in education", 500),
        CertificateSpec("Daniel Hughes", "Safer recruitment in education", 700),
    ),
)

HOPE_STREET = TrainingSpec(
    people=(
        PersonSpec("Olivia Grant", ("trustee", "safeguarding_lead"), "Trustees", "chair@hopestreet.test", 2500),
        PersonSpec("Simon Hale", ("trustee",), "Trustees", "treasurer@hopestreet.test", 1600),
        PersonSpec("Marcus Lewis", ("staff_volunteer",), "Youth work", "youthworker@hopestreet.test", 700),
        *_staff(6, offset=14, department="Youth work", roles=("staff_volunteer",)),
        *_staff(3, offset=34, department="Trustees", roles=("trustee",)),
    ),
    courses=(
        CourseSpec("Safeguarding lead course", "dsl", "NSPCC Learning", False, ("lead_training",), 420),
        CourseSpec("Child protection for youth workers", "safeguarding", "NSPCC Learning", False,
                   ("safeguarding",), 180),
        CourseSpec("Safeguarding for trustees", "board_safeguarding", "NCVO", False, ("trustee_safeguarding",), 120),
        CourseSpec("Annual safeguarding update", "safeguarding_update", "The safeguarding lead", True,
                   ("safeguarding_update",), 60),
    ),
    sessions=(
        SessionSpec("Annual safeguarding update", 160, "Olivia Grant", "The Old Chapel", absent=("Samir Walker",)),
    ),
    certificates=(
        CertificateSpec("Olivia Grant", "Safeguarding lead course", 300),
        CertificateSpec("Marcus Lewis", "Child protection for youth workers", 600),
        CertificateSpec("Olivia Grant", "Safeguarding for trustees", 800),
    ),
)

TRAINING: dict[str, TrainingSpec] = {
    "Oakfield Secondary Academy": OAKFIELD,
    "Riverside Swimming Club": RIVERSIDE,
    "St Anne's CE Primary School": ST_ANNES,
    "Northgate Academy Trust": NORTHGATE,
    "Hope Street Youth Charity": HOPE_STREET,
}
