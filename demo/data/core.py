"""The demo's people and organisations, and the shapes (specs) of the tables beside this module."""

from __future__ import annotations

from dataclasses import dataclass, field

from assessment.models import RiskCategory
from crisis.models import ChronologyEntry, Membership, Organisation, User

DEMO_PASSWORD = "safehold-demo"  # noqa: S105 (published demo password)

Kind = ChronologyEntry.Kind
LEADER = Membership.Role.LEADER
STAFF = Membership.Role.STAFF

ADMIN_EMAIL = "admin@safehold.test"
PRIYA = "priya.shah@safehold.test"
TOM = "tom.reed@safehold.test"

# Risk owners and commenters (the organisations' people below).
NG_CEO, NG_HR = "ceo@northgate.test", "hr@northgate.test"
OAK_HEAD, OAK_DSL, OAK_TEACHER = "head@oakfield.test", "dsl@oakfield.test", "teacher@oakfield.test"
RIV_CHAIR, RIV_WELFARE, RIV_TM = "chair@riverside.test", "welfare@riverside.test", "teammanager@riverside.test"
SA_HEAD, SA_OFFICE = "head@stannes.test", "office@stannes.test"
HS_CHAIR, HS_TREASURER = "chair@hopestreet.test", "treasurer@hopestreet.test"

OPS, STRAT, REP = RiskCategory.OPERATIONAL, RiskCategory.STRATEGIC, RiskCategory.REPUTATIONAL
FIN, LEGAL, PEOPLE = RiskCategory.FINANCIAL, RiskCategory.LEGAL, RiskCategory.PERSONNEL

CONSULTANCY = [
    # email, full name, consultancy role
    (ADMIN_EMAIL, "Alex Morgan", User.ConsultancyRole.ADMIN),
    (PRIYA, "Priya Shah", User.ConsultancyRole.CONSULTANT),
    (TOM, "Tom Reed", User.ConsultancyRole.CONSULTANT),
]


@dataclass(frozen=True)
class Person:
    email: str
    full_name: str
    role: str
    job_title: str


@dataclass(frozen=True)
class OrgSpec:
    name: str
    kind: str
    consultants: tuple[str, ...]
    people: tuple[Person, ...]
    parent: str | None = None
    fields: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Entry:
    """A hand-written chronology entry, `day` days after the case was opened, at `at` (HH:MM)."""

    day: int
    at: str
    kind: str
    title: str
    details: str = ""
    decision: str = ""
    rationale: str = ""
    significant: bool = False
    shared: bool = True


@dataclass(frozen=True)
class Due:
    """A deadline: `days` after opening (or after today), optionally counted in working days."""

    title: str
    days: int
    from_today: bool = False
    working_days: bool = False
    statutory: bool = False
    done_day: int | None = None  # met this many days after opening; None = still open


Score = tuple[int, int]  # (likelihood, impact), each 1–5: see crisis/risk_matrix.py


@dataclass(frozen=True)
class Rescore:
    """A review `day` days after opening that moved the current (and perhaps target) score, and why."""

    day: int
    current: Score
    reason: str
    target: Score | None = None


@dataclass(frozen=True)
class RiskSpec:
    """One risk on a case's register, identified `day` days after the case opened."""

    category: str
    title: str
    owner: str
    day: int
    inherent: Score
    current: Score
    target: Score
    description: str
    consequence: str = ""
    rescores: tuple[Rescore, ...] = ()
    accepted: str = ""  # the rationale, when the risk is accepted rather than treated
    closed: str = ""  # the note, when the risk was closed before the case closed
    comments: tuple[tuple[str, str], ...] = ()  # (author's email, body): leaders' comments
    missed_review: bool = False  # left out of the case's register review: its review is overdue


@dataclass(frozen=True)
class CaseSpec:
    organisation: str
    title: str
    summary: str
    opened_days_ago: int
    lead: str
    team: tuple[str, ...]
    severity: str
    rag: str
    entries: tuple[Entry, ...]
    stages: tuple[tuple[int, str, str], ...]  # (day after opening, to, rationale), in order
    deadlines: tuple[Due, ...]
    restricted: bool = False
    leaders: tuple[str, ...] = ()  # the leaders named on the case: on a restricted case, the only ones who see it
    risks: tuple[RiskSpec, ...] = ()
    # The latest review of the whole register (day, reason): every risk not re-scored on or after that
    # day and not marked `missed_review` is reviewed with no change, which restarts its review clock.
    register_review: tuple[int, str] | None = None
    sign_off: str = "Every category assessed with the organisation's leaders; the register is prioritised."


ORGANISATIONS: tuple[OrgSpec, ...] = (
    OrgSpec(
        name="Northgate Academy Trust",
        kind=Organisation.Kind.ACADEMY_TRUST,
        consultants=(PRIYA, TOM),
        fields={"company_number": "08412377", "local_authority": "Northshire County Council",
                "address": "Trust Office, 14 Mill Lane, Northgate NG4 2PL"},
        people=(
            Person("ceo@northgate.test", "Margaret Ellis", LEADER, "Trust CEO"),
            Person(NG_HR, "Daniel Hughes", STAFF, "Trust HR manager"),
        ),
    ),
    OrgSpec(
        name="Oakfield Secondary Academy",
        kind=Organisation.Kind.SCHOOL,
        parent="Northgate Academy Trust",
        consultants=(PRIYA, TOM),
        fields={"ofsted_urn": "148213", "local_authority": "Northshire County Council",
                "address": "Oakfield Road, Northgate NG4 7QA"},
        people=(
            Person("head@oakfield.test", "Helen Carter", LEADER, "Head teacher"),
            Person("dsl@oakfield.test", "James Patel", LEADER, "Designated safeguarding lead"),
            # The trust CEO also leads the trust's response at the school.
            Person("ceo@northgate.test", "Margaret Ellis", LEADER, "Trust CEO"),
            Person("teacher@oakfield.test", "Sophie Turner", STAFF, "Head of Year 8"),
        ),
    ),
    OrgSpec(
        name="Riverside Swimming Club",
        kind=Organisation.Kind.SPORTS_CLUB,
        consultants=(PRIYA,),  # Tom is deliberately not assigned here.
        fields={"charity_number": "1187654", "local_authority": "Riverside Borough Council",
                "address": "Riverside Leisure Centre, Quay Street, Riverside RV1 3DS"},
        people=(
            Person("chair@riverside.test", "Graham Walsh", LEADER, "Chair"),
            Person("welfare@riverside.test", "Karen Doyle", LEADER, "Club welfare officer"),
            Person("teammanager@riverside.test", "Ben Fletcher", STAFF, "Team manager (volunteer)"),
        ),
    ),
    OrgSpec(
        name="St Anne's CE Primary School",
        kind=Organisation.Kind.SCHOOL,
        consultants=(PRIYA, TOM),
        fields={"ofsted_urn": "125904", "local_authority": "Northshire County Council",
                "address": "Church Street, Ashby Green NG9 1AE"},
        people=(
            Person("head@stannes.test", "Ruth Bennett", LEADER, "Head teacher"),
            Person("office@stannes.test", "Claire Price", STAFF, "School business manager"),
        ),
    ),
    OrgSpec(
        name="Hope Street Youth Charity",
        kind=Organisation.Kind.CHARITY,
        consultants=(PRIYA, TOM),  # Tom is assigned but not named on the restricted case.
        fields={"charity_number": "1162209", "local_authority": "Riverside Borough Council",
                "address": "The Old Chapel, 3 Hope Street, Riverside RV2 8HT"},
        people=(
            Person("chair@hopestreet.test", "Olivia Grant", LEADER, "Chair of trustees"),
            # A friend of the trustee concerned: not named on the restricted case, so he does not see it.
            Person(HS_TREASURER, "Simon Hale", LEADER, "Treasurer (trustee)"),
            Person("youthworker@hopestreet.test", "Marcus Lewis", STAFF, "Youth worker"),
        ),
    ),
)


# The demo cases' titles: what the tables of each stage key their rows on.
OAK_CASE = "Allegation against a member of staff"
RIV_CASE = "Coach conduct: concerns raised by parents"
SA_CASE = "Safeguarding judged ineffective at inspection"
HS_CASE = "Concern about a trustee's online contact with young people"
NG_CASE = "Trust-wide safeguarding culture after a whistleblowing disclosure"
