"""The training an organisation's roles are expected to hold, shipped per kind of organisation.

Each organisation gets its own copy when it is created (and migration 0002 gave every existing one
its copy): leaders and consultants then edit it. `source` says where each expectation comes from,
in our own words, so that a reader can check it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crisis.models import Organisation

from .models import CourseKind

KCSIE = "Keeping Children Safe in Education (statutory guidance for schools and colleges in England)"


@dataclass(frozen=True)
class RequirementSpec:
    key: str
    title: str
    course_kind: str
    roles: tuple[str, ...] = ()
    everyone: bool = False
    renewal_months: int | None = None
    renew_each_september: bool = False
    mandatory: bool = True
    source: str = ""


@dataclass(frozen=True)
class DefaultSet:
    roles: dict[str, str]  # key -> name
    requirements: tuple[RequirementSpec, ...] = field(default=())


SCHOOL = DefaultSet(
    roles={
        "dsl": "Designated safeguarding lead",
        "deputy_dsl": "Deputy DSL",
        "recruitment_panel": "Recruitment panel member",
        "governor": "Governor or trustee",
        "safeguarding_governor": "Nominated safeguarding governor",
    },
    requirements=(
        RequirementSpec("dsl_training", "DSL training (refreshed every two years)", CourseKind.DSL,
                        roles=("dsl", "deputy_dsl"), renewal_months=24,
                        source=f"{KCSIE}, Annex C: the DSL and deputies undertake training every two years."),
        RequirementSpec("dsl_update", "DSL knowledge update (at least annually)", CourseKind.DSL_UPDATE,
                        roles=("dsl", "deputy_dsl"), renewal_months=12,
                        source=f"{KCSIE}, Annex C: knowledge and skills refreshed at regular intervals, at least "
                               "annually."),
        RequirementSpec("safeguarding_induction", "Safeguarding and child protection training",
                        CourseKind.SAFEGUARDING, everyone=True, renewal_months=36,
                        source=f"{KCSIE}, Part 2: all staff receive safeguarding and child protection training "
                               "at induction, regularly updated; local partnerships commonly expect it every "
                               "three years."),
        RequirementSpec("safeguarding_update", "Safeguarding update (at least annually)",
                        CourseKind.SAFEGUARDING_UPDATE, everyone=True, renewal_months=12,
                        source=f"{KCSIE}, Part 2: regular updates (for example by email, e-bulletins, staff "
                               "meetings) as required, and at least annually."),
        RequirementSpec("kcsie_read", "Read KCSIE Part 1 (or Annex A) this school year", CourseKind.KCSIE_READ,
                        everyone=True, renew_each_september=True,
                        source=f"{KCSIE}, Part 1: all staff read it, and leaders make sure they have; each new "
                               "edition applies from September."),
        RequirementSpec("safer_recruitment", "Safer recruitment training", CourseKind.SAFER_RECRUITMENT,
                        roles=("recruitment_panel",), renewal_months=36,
                        source=f"{KCSIE}, Part 3: at least one person on every recruitment panel has had safer "
                               "recruitment training."),
        RequirementSpec("board_safeguarding", "Safeguarding training for the board",
                        CourseKind.BOARD_SAFEGUARDING, roles=("governor", "safeguarding_governor"),
                        renewal_months=36,
                        source=f"{KCSIE}, Part 2: governors and trustees receive safeguarding and child "
                               "protection training at induction, regularly updated."),
        RequirementSpec("online_safety", "Online safety: filtering and monitoring", CourseKind.ONLINE_SAFETY,
                        roles=("dsl",), renewal_months=12,
                        source=f"{KCSIE}, Part 2 and Annex C: the DSL takes lead responsibility for online safety, "
                               "including understanding the filtering and monitoring systems in place."),
    ),
)

SPORTS_CLUB = DefaultSet(
    roles={
        "welfare_officer": "Club welfare officer",
        "coach": "Coach",
        "volunteer": "Volunteer working with children",
        "committee": "Committee member",
    },
    requirements=(
        RequirementSpec("welfare_officer", "Club welfare officer training", CourseKind.WELFARE_OFFICER,
                        roles=("welfare_officer",), renewal_months=36,
                        source="Sport governing bodies and the NSPCC Child Protection in Sport Unit: the welfare "
                               "officer completes a welfare officer course and refreshes it (commonly every three "
                               "years)."),
        RequirementSpec("sport_safeguarding", "Safeguarding and protecting children in sport",
                        CourseKind.SPORT_SAFEGUARDING, roles=("coach", "volunteer", "welfare_officer"),
                        renewal_months=36,
                        source="CPSU Standards for safeguarding children in sport (education and training): "
                               "everyone working with children holds basic safeguarding training, refreshed."),
        RequirementSpec("safeguarding_update", "Annual safeguarding update", CourseKind.SAFEGUARDING_UPDATE,
                        everyone=True, renewal_months=12,
                        source="CPSU Standards (education and training): updates keep everyone current."),
        RequirementSpec("safer_recruitment", "Safer recruitment training", CourseKind.SAFER_RECRUITMENT,
                        roles=("committee",), renewal_months=36, mandatory=False,
                        source="CPSU Standards (prevention): those who recruit are trained in safer recruitment."),
    ),
)

CHARITY = DefaultSet(
    roles={
        "safeguarding_lead": "Safeguarding lead",
        "trustee": "Trustee",
        "staff_volunteer": "Staff or volunteer working with children",
    },
    requirements=(
        RequirementSpec("lead_training", "Safeguarding lead training", CourseKind.DSL,
                        roles=("safeguarding_lead",), renewal_months=24,
                        source="NSPCC safeguarding standards for voluntary and community groups: the nominated "
                               "lead is trained for the role and refreshes it."),
        RequirementSpec("safeguarding", "Safeguarding and child protection training", CourseKind.SAFEGUARDING,
                        roles=("staff_volunteer", "safeguarding_lead"), renewal_months=36,
                        source="NSPCC standards (training and support): everyone working with children is "
                               "trained in safeguarding."),
        RequirementSpec("trustee_safeguarding", "Safeguarding for trustees", CourseKind.BOARD_SAFEGUARDING,
                        roles=("trustee",), renewal_months=36,
                        source="Charity Commission guidance on safeguarding duties of trustees: trustees "
                               "understand their responsibilities."),
        RequirementSpec("safeguarding_update", "Annual safeguarding update", CourseKind.SAFEGUARDING_UPDATE,
                        everyone=True, renewal_months=12,
                        source="NSPCC standards (training and support): regular updates."),
    ),
)

FAITH = DefaultSet(
    roles={
        "safeguarding_officer": "Church safeguarding officer",
        "leader": "Leader or minister",
        "youth_worker": "Children's or youth worker",
        "trustee": "Trustee",
    },
    requirements=(
        RequirementSpec("officer_training", "Safeguarding officer training", CourseKind.FAITH_SAFEGUARDING,
                        roles=("safeguarding_officer",), renewal_months=36,
                        source="thirtyone:eight safeguarding standards (training): the safeguarding officer is "
                               "trained for the role."),
        RequirementSpec("foundation", "Safeguarding foundation training", CourseKind.FAITH_SAFEGUARDING,
                        roles=("leader", "youth_worker", "safeguarding_officer"), renewal_months=36,
                        source="thirtyone:eight standards (training): everyone with a role with children holds "
                               "foundation training, refreshed."),
        RequirementSpec("trustee_safeguarding", "Safeguarding for trustees", CourseKind.BOARD_SAFEGUARDING,
                        roles=("trustee",), renewal_months=36,
                        source="thirtyone:eight standards (governance) and Charity Commission guidance."),
    ),
)

DEFAULTS: dict[str, DefaultSet] = {
    Organisation.Kind.SCHOOL: SCHOOL,
    Organisation.Kind.ACADEMY_TRUST: SCHOOL,
    Organisation.Kind.COLLEGE: SCHOOL,
    Organisation.Kind.EARLY_YEARS: SCHOOL,
    Organisation.Kind.SPORTS_CLUB: SPORTS_CLUB,
    Organisation.Kind.CHARITY: CHARITY,
    Organisation.Kind.FAITH: FAITH,
    Organisation.Kind.OTHER: CHARITY,
}


def load_defaults(organisation_id: int, kind: str, *, StaffRole, Requirement) -> int:  # noqa: N803
    """Give an organisation the roles and requirements shipped for its kind, adding only what is
    missing (an edited requirement is never changed back). Takes the model classes, so a migration
    can pass its historical ones. Returns how many requirements were added."""
    spec = DEFAULTS.get(kind, CHARITY)
    roles = {role.key: role for role in StaffRole.objects.filter(organisation_id=organisation_id)}
    for key, name in spec.roles.items():
        if key not in roles:
            roles[key] = StaffRole.objects.create(organisation_id=organisation_id, key=key, name=name)
    existing = set(Requirement.objects.filter(organisation_id=organisation_id).values_list("key", flat=True))
    added = 0
    for position, item in enumerate(spec.requirements):
        if item.key in existing:
            continue
        requirement = Requirement.objects.create(
            organisation_id=organisation_id, key=item.key, title=item.title, course_kind=item.course_kind,
            everyone=item.everyone, renewal_months=item.renewal_months,
            renew_each_september=item.renew_each_september, mandatory=item.mandatory, source=item.source,
            position=position * 10,
        )
        requirement.roles.set([roles[key] for key in item.roles])
        added += 1
    return added
