"""The demo data of `manage.py seed_demo`: people, organisations, cases with their chronology,
deadlines and risk registers, and the response stage (action plans, policies, checkpoints).

Compact spec tables only; seed_demo.py holds the logic that writes them through crisis.services.
Days are counted from the case's opening (or from today where a spec says so), so the demo always
looks current.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assessment.models import RiskCategory
from crisis.models import ChronologyEntry, Membership, Organisation, Rag, Severity, Stage, User
from response.models import Action, Policy, PolicyCheck, PolicyType

DEMO_PASSWORD = "safehold-demo"  # noqa: S105 (published demo password)

Kind = ChronologyEntry.Kind
LEADER = Membership.Role.LEADER
STAFF = Membership.Role.STAFF

ADMIN_EMAIL = "admin@safehold.test"
PRIYA = "priya.shah@safehold.test"
TOM = "tom.reed@safehold.test"

# Risk owners and commenters (the organisations' people below).
NG_CEO = "ceo@northgate.test"
OAK_HEAD, OAK_DSL, OAK_TEACHER = "head@oakfield.test", "dsl@oakfield.test", "teacher@oakfield.test"
RIV_CHAIR, RIV_WELFARE, RIV_TM = "chair@riverside.test", "welfare@riverside.test", "teammanager@riverside.test"
SA_HEAD, SA_OFFICE = "head@stannes.test", "office@stannes.test"
HS_CHAIR = "chair@hopestreet.test"

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
            Person("hr@northgate.test", "Daniel Hughes", STAFF, "Trust HR manager"),
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
            Person("youthworker@hopestreet.test", "Marcus Lewis", STAFF, "Youth worker"),
        ),
    ),
)


# Risk registers -----------------------------------------------------------------------------------
# RiskSpec(category, title, owner, day identified, inherent, current, target, description, ...):
# scores are (likelihood, impact). No children's personal data: "a child in Year 8", "swimmers".

OAKFIELD_RISKS: tuple[RiskSpec, ...] = (
    RiskSpec(OPS, "Other staff following pupils on personal social media accounts", OAK_DSL, 1,
             (4, 4), (4, 4), (1, 4),
             "The teacher's account followed pupils; other staff may do the same without any intent to harm.",
             "Boundaries blur and a grooming pattern goes unnoticed among ordinary contact.",
             rescores=(
                 Rescore(13, (3, 4), "The DSL found three more members of staff following pupils; all have "
                                     "unfollowed and been spoken to, with a note on file."),
                 Rescore(30, (2, 4), "Revised code of conduct briefed to 84 of 91 staff; catch-up session booked "
                                     "for the other seven."),
                 Rescore(44, (1, 4), "All 91 staff have signed the revised code of conduct; a spot check of staff "
                                     "accounts found no contact with pupils."),
             ),
             comments=((OAK_DSL, "I will repeat the spot check each half term until the summer."),)),
    RiskSpec(OPS, "Online safety monitoring does not flag staff–pupil contact", TOM, 3, (3, 4), (3, 4), (2, 3),
             "Filtering and monitoring alerts go to the IT technician and are not reviewed by the DSL.",
             "Contact between staff and pupils on school devices is missed.",
             rescores=(Rescore(42, (2, 4), "The filtering provider's monitoring report now goes to the DSL weekly; "
                                           "alerts tested with the trust's IT lead."),)),
    RiskSpec(OPS, "Low-level concerns about staff are not recorded", OAK_DSL, 2, (4, 3), (4, 3), (2, 2),
             "Two colleagues noticed the teacher's over-familiar manner but did not know it could be recorded.",
             "Patterns of behaviour are not seen until harm has happened.",
             rescores=(
                 Rescore(34, (3, 3), "Low-level concerns policy and log introduced; the first two entries are "
                                     "recorded."),
                 Rescore(46, (2, 3), "First monthly review of the log by the head teacher and DSL held and minuted."),
             )),
    RiskSpec(OPS, "Record of the initial disclosure incomplete", OAK_DSL, 0, (3, 4), (2, 4), (1, 3),
             "Screenshots and the parent's account were saved, but the timeline of who was told when is patchy.",
             "The LADO and police process is weakened; the school cannot show it acted promptly."),
    RiskSpec(OPS, "Supervision gaps while the teacher's classes are covered", OAK_HEAD, 1, (3, 3), (3, 3), (2, 2),
             "Year 8 classes are covered by a rota of staff and supply teachers.",
             "Pupils are unsettled and concerns raised in lessons are not passed on.",
             rescores=(Rescore(15, (2, 3), "A long-term supply teacher is in post; the agency's written "
                                           "confirmation of checks is on the single central record."),)),
    RiskSpec(STRAT, "Trust board lacks oversight of allegations across its schools", NG_CEO, 3,
             (3, 4), (3, 4), (1, 3),
             "Allegations are handled school by school; the board has never seen a summary.",
             "The trust cannot show Ofsted or the DfE that it knows its schools.",
             rescores=(Rescore(28, (2, 4), "The trust board now receives a termly allegations and low-level "
                                           "concerns report from each school."),)),
    RiskSpec(STRAT, "Head teacher and DSL capacity consumed by the crisis", NG_CEO, 2, (4, 3), (4, 3), (2, 3),
             "The head and DSL spend most of each day on the case.",
             "Day-to-day safeguarding casework and school improvement slip.",
             rescores=(Rescore(21, (3, 3), "The deputy DSL is released from teaching two days a week to cover "
                                           "casework."),)),
    RiskSpec(STRAT, "Allegations management policy out of date against KCSIE", OAK_HEAD, 4, (4, 3), (4, 3), (1, 3),
             "The policy predates the current KCSIE part four and has no section on low-level concerns.",
             "Staff follow an out-of-date procedure; inspectors find the gap.",
             rescores=(
                 Rescore(24, (3, 3), "Policy rewritten against the current KCSIE part four; the draft is with the "
                                     "trust board."),
                 Rescore(46, (4, 3), "Trust board meeting postponed: the revised policy is still not approved and "
                                     "the deadline has passed."),
             ),
             comments=((OAK_HEAD, "The board meets next week; the policy is the first item."),)),
    RiskSpec(REP, "Parents' social media posts about the school", OAK_HEAD, 1, (5, 3), (5, 3), (2, 2),
             "A parent posted about the allegation in a local parents' group the day it was reported.",
             "Speculation spreads, staff are named wrongly, and the police investigation is put at risk.",
             rescores=(
                 Rescore(9, (4, 3), "Holding letter sent to Year 8 parents and carers; the group's moderator "
                                    "removed posts naming staff."),
                 Rescore(42, (3, 3), "No new posts for three weeks; the parents' forum is back to routine topics."),
             )),
    RiskSpec(REP, "Local press coverage of the allegation", NG_CEO, 2, (3, 4), (3, 4), (2, 3),
             "The local newspaper follows the parents' group.",
             "A story before the police finish harms the investigation and parents' trust.",
             rescores=(
                 Rescore(20, (5, 4), "The local newspaper asked the trust for comment; holding line issued."),
                 Rescore(44, (4, 4), "No article yet; the press office holds a statement agreed with the LADO and "
                                     "the police."),
             ),
             comments=((NG_CEO, "Every press call comes to me; the head teacher does not comment."),)),
    RiskSpec(REP, "Ofsted loses confidence in safeguarding leadership", OAK_HEAD, 6, (3, 5), (3, 5), (1, 4),
             "Ofsted is monitoring leadership and the management of allegations.",
             "A further inspection judges leadership inadequate.",
             rescores=(Rescore(41, (2, 5), "Monitoring visit: inspectors found leaders acted promptly and the LADO "
                                           "referral was timely."),)),
    RiskSpec(REP, "Year 7 applications fall for next September", NG_CEO, 5, (2, 3), (2, 3), (2, 3),
             "Families choosing secondary schools hear about the allegation.",
             "Fewer first-choice applications.",
             accepted="The school is oversubscribed; beyond the communication plan no further action is "
                      "proportionate. The trust checks applications each term."),
    RiskSpec(FIN, "Cost of suspension on full pay and supply cover", NG_CEO, 1, (5, 2), (5, 2), (5, 2),
             "The teacher is suspended on full pay and the classes need long-term cover.",
             "Around two terms of double salary cost.",
             accepted="Suspension on full pay is a neutral act while the police investigate; the cost is within "
                      "the trust's contingency and is reviewed monthly by the trust's finance director."),
    RiskSpec(FIN, "Insurer not notified of a potential claim", NG_CEO, 2, (3, 4), (3, 4), (1, 2),
             "The trust's risk protection arrangement requires prompt notice of incidents that may lead to a claim.",
             "Cover is refused for a later claim.",
             rescores=(Rescore(5, (1, 2), "Insurer notified; the claim reference is on the trust's file."),)),
    RiskSpec(FIN, "Legal and HR advice costs exceed the trust's budget", NG_CEO, 4, (3, 2), (3, 2), (2, 2),
             "Employment advice, the police process and a possible tribunal all need paid advice.",
             "Money is taken from the school's improvement budget."),
    RiskSpec(LEGAL, "School's investigation compromises the police investigation", OAK_HEAD, 2,
             (3, 5), (2, 5), (1, 5),
             "Police asked the school to pause its disciplinary investigation.",
             "Evidence is contaminated and a prosecution fails."),
    RiskSpec(LEGAL, "Referral to the DBS and the Teaching Regulation Agency missed", OAK_DSL, 4,
             (2, 4), (2, 4), (1, 4),
             "If the teacher is dismissed or resigns, the school must refer to the DBS and consider a TRA referral.",
             "A person who may pose a risk moves to another school.",
             missed_review=True),
    RiskSpec(LEGAL, "Data protection breach when sharing information with parents", OAK_HEAD, 3,
             (3, 3), (2, 3), (1, 3),
             "Letters and meetings with parents must not identify the child or the teacher.",
             "A complaint to the ICO and loss of the family's trust."),
    RiskSpec(LEGAL, "Employment claim by the suspended teacher", NG_CEO, 5, (2, 4), (2, 4), (2, 3),
             "The union may challenge the suspension or the process.",
             "Tribunal costs and a finding against the trust.",
             rescores=(Rescore(10, (2, 3), "HR advice on the suspension and every contact with the union is now "
                                           "documented."),)),
    RiskSpec(PEOPLE, "Suspended teacher's wellbeing", OAK_HEAD, 1, (3, 3), (2, 3), (2, 2),
             "The teacher has a named welfare contact and access to the employee assistance programme.",
             "Harm to the teacher; criticism of the school's duty of care."),
    RiskSpec(PEOPLE, "Staff morale and fear of being wrongly accused", OAK_TEACHER, 6, (4, 2), (4, 2), (2, 2),
             "Staff are anxious about contact with pupils after the suspension.",
             "Staff avoid pastoral conversations; absence rises.",
             rescores=(Rescore(27, (3, 2), "The all-staff briefing answered questions on low-level concerns; a "
                                           "staff survey follows next month."),)),
    RiskSpec(PEOPLE, "Colleagues discuss the allegation with pupils or parents", OAK_TEACHER, 1,
             (3, 3), (3, 3), (1, 3),
             "Staff were told not to discuss the matter, but Year 8 tutors field questions every day.",
             "Rumour, a breach of confidentiality and a compromised investigation.",
             missed_review=True),
)

RIVERSIDE_RISKS: tuple[RiskSpec, ...] = (
    # No financial risk yet, and no "no risk" mark: the treasurer's figures and the insurer's answer are
    # still awaited, so the gate out of Assessment shows what is missing.
    RiskSpec(OPS, "Coaches message swimmers privately", RIV_WELFARE, 1, (4, 5), (3, 5), (1, 4),
             "Late-night private messages from the head coach to squad members.",
             "Grooming behaviour goes unchecked; swimmers are harmed.",
             rescores=(Rescore(3, (2, 5), "Communication policy reissued: coaches contact under-18s only in group "
                                          "messages that include a parent."),)),
    RiskSpec(OPS, "No record kept of concerns raised about coaches", RIV_WELFARE, 2, (5, 4), (5, 4), (1, 3),
             "Concerns were handled by conversation; nothing was written down.",
             "Repeated concerns are never seen together.",
             rescores=(Rescore(8, (4, 4), "Concern log set up by the welfare officer; the earlier complaints found "
                                          "in the email archive are entered."),),
             comments=((RIV_WELFARE, "Every concern since the squad meeting is now in the log, with the date and "
                                     "who was told."),)),
    RiskSpec(OPS, "Squad sessions run without a second adult on poolside", RIV_TM, 1, (4, 4), (4, 4), (1, 3),
             "The assistant coach often runs early-morning sessions alone.",
             "No one sees or can report poor practice.",
             rescores=(Rescore(7, (2, 4), "The rota now puts two DBS-checked adults on poolside at every squad "
                                          "session."),)),
    RiskSpec(OPS, "Swimmers made to train when injured", RIV_WELFARE, 2, (3, 4), (3, 4), (1, 3),
             "Parents report swimmers told to train through injury.",
             "Physical harm and a culture in which swimmers do not speak up."),
    RiskSpec(OPS, "Head coach keeps contact with swimmers while stepped back", RIV_CHAIR, 1, (3, 5), (3, 5), (1, 4),
             "The coach has stepped back from poolside but still knows swimmers and families socially.",
             "Pressure on swimmers not to speak; evidence is affected.",
             missed_review=True),
    RiskSpec(STRAT, "Committee lacks safeguarding expertise and oversight", RIV_CHAIR, 3, (4, 4), (4, 4), (2, 3),
             "No committee member has safeguarding training; safeguarding is never on the agenda.",
             "The committee cannot judge the welfare officer's reports or challenge the coaches."),
    RiskSpec(STRAT, "Welfare officer not independent of the coaching team", RIV_CHAIR, 3, (4, 3), (4, 3), (2, 2),
             "The welfare officer is related to a coach and has no deputy.",
             "Swimmers and parents do not trust the route for raising a concern."),
    RiskSpec(STRAT, "Club loses its Swim England affiliation", RIV_CHAIR, 4, (2, 5), (2, 5), (1, 4),
             "Swim England may suspend affiliation if the club's safeguarding falls short of Wavepower.",
             "Swimmers cannot compete; the club may fold."),
    RiskSpec(REP, "Local press coverage after the parents' meeting", RIV_CHAIR, 1, (3, 4), (3, 4), (2, 3),
             "Several parents were upset at the meeting and one spoke of going to the press.",
             "A story names the coach before the LADO process ends; parents lose confidence.",
             rescores=(Rescore(8, (4, 4), "Local press coverage after the parents' meeting: a reporter contacted "
                                          "two parents and the club."),),
             comments=((RIV_CHAIR, "I take all press calls; committee members have been asked not to comment."),)),
    RiskSpec(REP, "Parents move swimmers to other clubs", RIV_CHAIR, 2, (4, 3), (4, 3), (2, 3),
             "Parents are weighing up whether the club is safe.",
             "Squad numbers fall and the club's reputation in the county suffers.",
             rescores=(Rescore(7, (3, 3), "The second parents' meeting was well attended and questions on the "
                                          "process were answered."),)),
    RiskSpec(REP, "Social media speculation naming the coach", RIV_WELFARE, 1, (4, 4), (4, 4), (2, 3),
             "Parents' group chats discuss the concerns.",
             "Defamation, pressure on swimmers, a compromised referral."),
    RiskSpec(LEGAL, "Serious incident report to the Charity Commission is late", RIV_CHAIR, 3,
             (5, 4), (5, 4), (1, 3),
             "The trustees decided to report but the report has not yet been made.",
             "A regulatory breach by the trustees; the Commission opens its own case."),
    RiskSpec(LEGAL, "Referrals to the LADO and Swim England not followed up", RIV_WELFARE, 1, (3, 5), (2, 5), (1, 5),
             "Both referrals are acknowledged; the club must respond to requests and record outcomes.",
             "The statutory process stalls and the club cannot show what it did."),
    RiskSpec(LEGAL, "Survey responses and parents' emails not held securely", RIV_WELFARE, 4, (3, 3), (3, 3), (1, 2),
             "Survey results and complaints sit in personal email accounts.",
             "A data protection breach and a complaint to the ICO."),
    RiskSpec(PEOPLE, "Assistant coach overstretched covering all squad sessions", RIV_TM, 1, (4, 3), (4, 3), (2, 2),
             "The assistant coach covers every squad session alone.",
             "Burn-out, cancelled sessions, unsafe supervision.",
             rescores=(Rescore(5, (3, 3), "A qualified coach from a neighbouring club covers two sessions a "
                                          "week."),)),
    RiskSpec(PEOPLE, "Volunteers without current DBS checks", RIV_WELFARE, 2, (3, 4), (3, 4), (1, 4),
             "The club has no single record of volunteers' checks.",
             "Adults work with swimmers without checks.",
             rescores=(Rescore(8, (2, 4), "DBS checks completed for all coaches; two team managers' checks are in "
                                          "progress and they are supervised meanwhile."),)),
    RiskSpec(PEOPLE, "Fair process for the head coach while stepped back", RIV_CHAIR, 2, (3, 3), (3, 3), (2, 2),
             "The coach is a volunteer with no employment contract.",
             "A complaint of unfair treatment; loss of trust among other volunteers."),
)

ST_ANNES_RISKS: tuple[RiskSpec, ...] = (
    RiskSpec(OPS, "Gaps in the single central record", SA_OFFICE, 1, (5, 5), (5, 5), (1, 4),
             "Inspectors found missing checks for two volunteers; the rest of the record is untested.",
             "Adults work with children without the checks KCSIE requires.",
             rescores=(
                 Rescore(9, (2, 5), "Single central record audit complete: every entry checked against the staff "
                                    "files; the two gaps closed once the volunteers' enhanced DBS checks came back."),
                 Rescore(60, (1, 4), "Termly check of the single central record by the chair of governors found "
                                     "no gaps."),
             ),
             comments=((SA_HEAD, "The chair of governors will sign the record off every term."),)),
    RiskSpec(OPS, "Child protection records split between paper and email", SA_HEAD, 2, (4, 4), (4, 4), (1, 3),
             "Concerns are on paper forms, in email and in the DSL's notebook.",
             "Chronologies cannot be followed and concerns are missed.",
             rescores=(
                 Rescore(20, (3, 4), "Decision taken to move all records into one secure recording system."),
                 Rescore(40, (1, 3), "All records moved; the DSL and deputies are trained in the new system."),
             )),
    RiskSpec(OPS, "Volunteers on school trips without checks", SA_OFFICE, 2, (3, 4), (3, 4), (1, 3),
             "Parent volunteers help on trips; their checks were not compared with the trip list.",
             "An unchecked adult has unsupervised contact with children.",
             rescores=(Rescore(9, (1, 3), "DBS checks complete; the trip volunteer list is checked against the "
                                          "single central record before every trip."),),
             closed="Closed at the exit review: the volunteer check is part of the trip approval form and the "
                    "termly record check."),
    RiskSpec(OPS, "Online safety filtering and monitoring not checked against the DfE standards", TOM, 5,
             (3, 3), (3, 3), (1, 2),
             "The filtering provider's settings were never reviewed by the school.",
             "Harmful content reaches pupils; no one is alerted.",
             rescores=(Rescore(50, (1, 2), "Filtering and monitoring reviewed against the DfE standards; the link "
                                           "governor checks them termly."),),
             closed="Closed at the exit review: filtering and monitoring meet the DfE standards and are checked "
                    "every term."),
    RiskSpec(STRAT, "Governors do not hold leaders to account for safeguarding", SA_HEAD, 3, (4, 4), (4, 4), (2, 3),
             "The governing body has had no safeguarding report for a year.",
             "Weaknesses persist unchallenged.",
             rescores=(
                 Rescore(35, (3, 4), "Governors completed their own safeguarding training."),
                 Rescore(90, (2, 3), "The full governing body reviewed the section 175 audit and its action plan."),
             )),
    RiskSpec(STRAT, "School placed in special measures or directed to convert", SA_HEAD, 1, (3, 5), (3, 5), (1, 5),
             "A second ineffective judgement would trigger formal intervention.",
             "Loss of the school's leadership and its church character.",
             rescores=(Rescore(120, (1, 5), "Monitoring visit: safeguarding is now effective."),)),
    RiskSpec(STRAT, "Diocese and local authority lose confidence", SA_HEAD, 4, (3, 4), (3, 4), (1, 3),
             "Both bodies must be assured that the school can improve.",
             "External leadership is imposed.",
             rescores=(Rescore(30, (2, 4), "Fortnightly progress meetings with the local authority and the diocese "
                                           "are running; both accept the action plan."),)),
    RiskSpec(REP, "Inspection report covered in the local press and parish", SA_HEAD, 1, (4, 3), (4, 3), (2, 2),
             "The report is public; the parish newsletter and local paper follow the school.",
             "Parents and parishioners lose confidence.",
             rescores=(Rescore(62, (3, 2), "Letter to parents on the improvements made; the drop-in session raised "
                                           "no new concerns."),)),
    RiskSpec(REP, "Parents lose trust in the school", SA_HEAD, 3, (3, 3), (3, 3), (1, 3),
             "Parents read the report and hear the volunteer story at the school gate.",
             "Complaints rise and families leave."),
    RiskSpec(FIN, "Cost of re-checking staff and of a new recording system", SA_OFFICE, 5, (5, 2), (5, 2), (5, 2),
             "Renewed DBS checks, staff time and a recording system licence.",
             "An unplanned cost to a small school budget.",
             accepted="The checks and the system are necessary; the cost is met from the school's contingency with "
                      "the local authority's agreement."),
    RiskSpec(FIN, "Falling rolls reduce the school's budget", SA_OFFICE, 6, (2, 3), (2, 3), (2, 3),
             "Reception applications may fall after the report.",
             "Less funding next year."),
    RiskSpec(LEGAL, "Adults start work before an enhanced DBS check without a risk assessment", SA_OFFICE, 2,
             (4, 5), (3, 5), (1, 5),
             "Two volunteers worked before their checks came back, without a written risk assessment.",
             "A breach of KCSIE and of the school's safer recruitment policy.",
             rescores=(Rescore(9, (1, 5), "All checks complete; no one starts before a check without a signed risk "
                                          "assessment and supervision."),)),
    RiskSpec(LEGAL, "Child protection files not transferred within five school days", SA_HEAD, 6,
             (3, 3), (3, 3), (1, 3),
             "Files of children who moved school were sent late and receipt was never confirmed.",
             "Receiving schools act without the history.",
             rescores=(Rescore(40, (1, 3), "Transfer procedure with confirmation of receipt built into the new "
                                           "recording system."),)),
    RiskSpec(LEGAL, "Section 175 audit not completed for the local authority", SA_HEAD, 7, (2, 3), (2, 3), (1, 2),
             "Last year's audit was not submitted.",
             "A further compliance failure on record.",
             rescores=(Rescore(90, (1, 2), "Audit completed early and reviewed by the governing body."),)),
    RiskSpec(PEOPLE, "DSL without a trained deputy", SA_HEAD, 2, (4, 4), (4, 4), (1, 3),
             "The head teacher is the only person trained as DSL.",
             "No safeguarding lead on site when the head is out.",
             rescores=(Rescore(35, (2, 3), "Two deputy DSLs trained and named in the child protection policy."),)),
    RiskSpec(PEOPLE, "Staff not trained to record concerns", SA_HEAD, 3, (5, 3), (5, 3), (1, 2),
             "Staff were unsure what to record and where.",
             "Concerns go unrecorded.",
             rescores=(
                 Rescore(35, (2, 3), "Whole-staff training on recording concerns delivered."),
                 Rescore(95, (1, 2), "Audit of the recording system: staff record concerns promptly and fully."),
             )),
    RiskSpec(PEOPLE, "Head teacher's workload and wellbeing", TOM, 4, (4, 3), (4, 3), (2, 2),
             "The head teaches two days a week and leads the response.",
             "Illness or resignation at the worst moment.",
             rescores=(Rescore(60, (3, 3), "Governors agreed extra business manager hours and supervision for the "
                                           "head."),)),
    RiskSpec(PEOPLE, "Single central record depends on one administrator", SA_OFFICE, 6, (3, 3), (3, 3), (1, 2),
             "Only the school business manager knows how the record is kept.",
             "Gaps return when she is absent.",
             rescores=(Rescore(95, (1, 2), "A second administrator is trained on the single central record."),)),
)

HOPE_STREET_RISKS: tuple[RiskSpec, ...] = (
    RiskSpec(OPS, "Adults in positions of trust contact young people on gaming platforms", PRIYA, 1,
             (4, 5), (3, 5), (1, 4),
             "The trustee messaged young people through a gaming platform.",
             "Other adults do the same unseen; young people are harmed.",
             rescores=(Rescore(9, (2, 5), "Online safety policy and code of conduct reissued; every worker and "
                                          "volunteer confirmed in writing that they have no private online "
                                          "contact with young people."),)),
    RiskSpec(OPS, "Youth club sessions short of staff", HS_CHAIR, 2, (3, 3), (3, 3), (1, 3),
             "The trustee helped run the Friday club; there are now two workers for forty young people.",
             "Poor supervision; sessions cancelled."),
    RiskSpec(OPS, "Filtering on the charity's devices and Wi-Fi never reviewed", PRIYA, 3, (3, 3), (3, 3), (1, 2),
             "Young people use the charity's Wi-Fi and tablets at the club.",
             "Contact with adults and harmful content on the charity's own network.",
             rescores=(Rescore(16, (2, 3), "Filtering on the club's Wi-Fi reviewed; messaging and gaming platforms "
                                           "are blocked on the charity's tablets."),)),
    RiskSpec(OPS, "Tuesday drop-in paused while staffing recovers", HS_CHAIR, 5, (2, 2), (2, 2), (2, 2),
             "The smaller drop-in session is paused for the rest of the term.",
             "Some young people lose a weekly contact.",
             accepted="The Friday club continues and the youth workers keep in touch with the drop-in's regulars; "
                      "the pause is short and agreed with the chair."),
    RiskSpec(STRAT, "Board cannot govern while a trustee is the subject of a concern", HS_CHAIR, 1,
             (4, 4), (4, 4), (2, 3),
             "The board is five trustees; one has stepped back and two are his friends.",
             "Decisions stall or are challenged as conflicted."),
    RiskSpec(STRAT, "Whistleblowing route does not bypass the board", PRIYA, 4, (3, 4), (3, 4), (1, 3),
             "Staff can only raise concerns with the chair or the trustee concerned.",
             "Staff stay silent about what they have seen.",
             rescores=(Rescore(15, (2, 4), "Whistleblowing policy now names the LADO and the NSPCC whistleblowing "
                                           "helpline as routes outside the charity."),)),
    RiskSpec(REP, "Families and young people stop attending", HS_CHAIR, 2, (3, 4), (3, 4), (2, 3),
             "News travels quickly on the estate.",
             "Young people lose a safe place; the charity loses its purpose.",
             rescores=(Rescore(16, (2, 4), "Both families updated and supported; attendance at the Friday club is "
                                           "steady."),)),
    RiskSpec(REP, "Media interest if the police investigation becomes public", HS_CHAIR, 2, (3, 4), (3, 4), (2, 3),
             "A trustee of a youth charity under police investigation is a local story.",
             "Coverage identifies young people; funders and partners withdraw.",
             comments=((HS_CHAIR, "Press lines agreed with the consultant; only I speak for the charity."),),
             missed_review=True),
    RiskSpec(FIN, "Main funder suspends the youth work grant", HS_CHAIR, 5, (3, 5), (3, 5), (2, 4),
             "The trustee was the main contact for the charity's largest funder.",
             "Loss of two thirds of income; the youth workers' posts go.",
             rescores=(Rescore(16, (4, 5), "The funder asked for an urgent meeting after learning that the trustee "
                                           "has stepped back."),)),
    RiskSpec(FIN, "Local authority youth service contract under review", HS_CHAIR, 5, (3, 4), (3, 4), (1, 3),
             "The youth service commissioner must be assured that young people are safe.",
             "The contract is suspended.",
             rescores=(Rescore(12, (2, 4), "Commissioner briefed on what happened and what the charity has done; "
                                           "funding continues under review."),)),
    RiskSpec(FIN, "Insurer not told of a possible abuse claim", HS_CHAIR, 2, (3, 4), (3, 4), (1, 2),
             "The charity's policy requires notice of any incident that may lead to a claim.",
             "No cover for a later claim.",
             rescores=(Rescore(4, (1, 2), "Insurer notified; the claim reference is on file."),)),
    RiskSpec(LEGAL, "Charity Commission asks for updates the board cannot give", HS_CHAIR, 2, (3, 4), (2, 4), (1, 3),
             "The serious incident report was made; the Commission will expect updates.",
             "Regulatory action against the trustees."),
    RiskSpec(LEGAL, "Trustee's step-back not handled under the governing document", HS_CHAIR, 3,
             (3, 3), (3, 3), (1, 3),
             "The constitution does not provide for suspending a trustee.",
             "The decision is challenged and the trustee returns."),
    RiskSpec(LEGAL, "Information about young people shared too widely", PRIYA, 4, (3, 4), (2, 4), (1, 3),
             "Staff and trustees all know the trustee and want to know more.",
             "A data protection breach and harm to the young people."),
    RiskSpec(PEOPLE, "Youth workers distressed; turnover in the team", HS_CHAIR, 4, (3, 3), (3, 3), (2, 2),
             "The youth workers worked closely with the trustee.",
             "Staff leave and the club closes.",
             comments=((HS_CHAIR, "Supervision with an external youth work supervisor starts next week."),)),
    RiskSpec(PEOPLE, "Volunteers' DBS checks and references out of date", HS_CHAIR, 5, (3, 4), (3, 4), (1, 4),
             "The volunteer records were kept by the trustee who stepped back.",
             "Unchecked adults work with young people.",
             rescores=(Rescore(15, (2, 4), "Volunteer records rebuilt; three volunteers' enhanced DBS checks "
                                           "renewed."),)),
)


CASES: tuple[CaseSpec, ...] = (
    CaseSpec(
        organisation="Oakfield Secondary Academy",
        title="Allegation against a member of staff",
        summary=(
            "A parent reported that a teacher had contacted a child in Year 8 through a personal social "
            "media account and suggested meeting outside school. The teacher is suspended while the LADO "
            "process and a police investigation run; Ofsted is monitoring the school's safeguarding "
            "leadership and its management of allegations."
        ),
        opened_days_ago=49,
        lead=PRIYA,
        team=(PRIYA, TOM),
        severity=Severity.HIGH,
        rag=Rag.AMBER,
        entries=(
            Entry(0, "09:15", Kind.EVENT, "Parent reports concern about a teacher",
                  details="The parent of Pupil A, a child in Year 8, told the DSL that a teacher had sent Pupil A "
                          "private messages from a personal social media account and suggested meeting at the "
                          "weekend. The parent showed the DSL screenshots, which were saved to the child "
                          "protection file.",
                  significant=True),
            Entry(0, "11:30", Kind.DECISION, "Teacher suspended pending investigation",
                  decision="Suspend the teacher on full pay as a neutral act while the allegation is investigated; "
                           "no contact with pupils, parents or colleagues about the matter.",
                  rationale="The allegation meets the harm threshold in KCSIE part four: the teacher may have "
                            "behaved towards a child in a way that indicates they may pose a risk of harm. "
                            "Redeployment and supervised duties were considered and rejected because the alleged "
                            "contact happened outside school, where it could not be supervised.",
                  significant=True),
            Entry(0, "15:40", Kind.CONTACT, "Allegation referred to the LADO",
                  details="The head teacher and DSL referred the allegation to the LADO by phone and sent the "
                          "written referral the same afternoon. The LADO's reference is on the school's file.",
                  significant=True),
            Entry(2, "10:00", Kind.DECISION, "Strategy discussion with the LADO, police and children's social care",
                  details="Present: LADO, police child abuse investigation team, children's social care, the head "
                          "teacher, the DSL and Safehold. Police will lead a criminal investigation.",
                  decision="Pause the school's own disciplinary investigation until the police agree it can go ahead.",
                  rationale="Police asked for the pause so that witnesses are not interviewed twice and evidence is "
                            "not compromised; the LADO agreed. The suspension stays in place meanwhile.",
                  significant=True),
            Entry(4, "14:00", Kind.NOTE, "Initial risk view (consultant notes)",
                  details="Reputational risk high: the parent has posted about the school in a local parents' group. "
                          "Personnel risk: the same account followed two other members of staff and several pupils. "
                          "Legal: HR advice must be documented before any contact with the teacher's union.",
                  shared=False),
            Entry(6, "09:30", Kind.CONTACT, "Ofsted notified; monitoring visit arranged",
                  details="The head teacher notified Ofsted of the allegation and of the school's response. The "
                          "regional team will carry out a monitoring visit focused on safeguarding leadership and "
                          "the management of allegations.",
                  significant=True),
            Entry(9, "16:00", Kind.CONTACT, "Holding letter to Year 8 parents and carers",
                  details="A letter agreed with the LADO and the police went to Year 8 parents and carers. It names "
                          "no one and explains how to raise a concern with the DSL."),
            Entry(13, "11:00", Kind.DECISION, "Staff code of conduct to be rewritten",
                  decision="Rewrite the code of conduct section on contact with pupils through personal devices and "
                           "social media, and re-brief every member of staff within two weeks.",
                  rationale="The current code predates the trust's online safety policy and does not forbid "
                            "following pupils on personal accounts; the DSL found three other members of staff "
                            "who did so without any intent to harm.",
                  significant=True),
            Entry(20, "10:30", Kind.CONTACT, "Media enquiry from the local newspaper",
                  details="A reporter asked the trust's press office for comment. Holding line agreed with the trust "
                          "CEO: the school is working with the relevant authorities and cannot comment on "
                          "individual staff matters.",
                  shared=False),
            Entry(27, "13:00", Kind.EVENT, "All-staff briefing on the revised code of conduct",
                  details="Safehold delivered a 90-minute briefing on the revised code of conduct, low-level "
                          "concerns and how to report them. 84 of 91 staff attended; the other 7 are booked on the "
                          "catch-up session."),
            Entry(34, "09:00", Kind.DECISION, "Low-level concerns log introduced",
                  decision="Introduce a low-level concerns policy and log, held by the DSL and reviewed monthly with "
                           "the head teacher.",
                  rationale="Two colleagues had noticed the teacher's over-familiar manner with pupils but did not "
                            "know it could be recorded. KCSIE expects schools to have a low-level concerns policy."),
            Entry(41, "15:00", Kind.CONTACT, "Ofsted monitoring visit feedback",
                  details="Inspectors found that leaders acted promptly and that the LADO referral was timely. They "
                          "asked for evidence that every member of staff understands the revised code of conduct.",
                  significant=True),
        ),
        stages=(
            (8, Stage.ENGAGEMENT,
             "Risks assessed and prioritised: the register shows high reputational and personnel risks. Parents, "
             "Ofsted, the trust board and the local media now need planned, recorded communication."),
            (21, Stage.RESPONSE,
             "Communication with the LADO, police, Ofsted and parents is established and recorded. The action plan "
             "to bring the code of conduct and the allegations procedure in line with KCSIE is agreed with the "
             "head teacher and the trust CEO."),
        ),
        deadlines=(
            Due("Refer allegation to the LADO", 1, working_days=True, statutory=True, done_day=0),
            Due("Notify Ofsted of the serious event", 14, statutory=True, done_day=6),
            Due("Re-brief all staff on the revised code of conduct", 28, done_day=27),
            Due("Send the trust board the revised allegations management policy", -3, from_today=True),
            Due("Next case review with the head teacher and trust CEO", 4, from_today=True),
        ),
        risks=OAKFIELD_RISKS,
        register_review=(42, "Fortnightly case review with the head teacher, DSL and trust CEO: controls "
                             "checked, no change."),
        sign_off="Every category assessed with the head teacher, the DSL and the trust CEO. Reputational and "
                 "personnel risks are the highest; the allegations policy and staff online conduct come first.",
    ),
    CaseSpec(
        organisation="Riverside Swimming Club",
        title="Coach conduct: concerns raised by parents",
        summary=(
            "Several parents raised concerns that the head coach shouts at and belittles swimmers in the "
            "competitive squad, makes them train when injured and messages squad members privately late at "
            "night. The coach has stepped back from poolside duties while the concerns are assessed."
        ),
        opened_days_ago=9,
        lead=PRIYA,
        team=(PRIYA,),
        severity=Severity.CRITICAL,
        rag=Rag.RED,
        entries=(
            Entry(0, "19:45", Kind.EVENT, "Parents raise concerns at the squad meeting",
                  details="Four parents of competitive squad swimmers told the chair and the welfare officer about "
                          "the head coach's manner on poolside and late-night private messages to swimmers.",
                  significant=True),
            Entry(1, "09:00", Kind.DECISION, "Head coach steps back from poolside duties",
                  decision="The head coach steps back from all coaching and has no contact with swimmers while the "
                           "concerns are assessed; the assistant coach covers squad sessions.",
                  rationale="Private late-night messaging of swimmers breaches the club's code of conduct and Swim "
                            "England's Wavepower guidance. Stepping back protects swimmers and the coach while the "
                            "facts are established; it is not a finding.",
                  significant=True),
            Entry(1, "14:30", Kind.CONTACT, "Referral to the LADO and Swim England's safeguarding team",
                  details="The welfare officer referred the concerns to the LADO and to Swim England's safeguarding "
                          "team; both have acknowledged and given reference numbers.",
                  significant=True),
            Entry(2, "11:00", Kind.NOTE, "Early risk view (consultant notes)",
                  details="Six swimmers left the squad in the last twelve months and no exit conversations were "
                          "recorded. This may be a pattern rather than one incident; check whether earlier "
                          "complaints were made and how they were handled.",
                  shared=False),
            Entry(3, "10:00", Kind.CONTACT, "Terms of reference agreed with the chair and welfare officer",
                  details="The assessment will cover the coach's conduct, the club's code of conduct, its complaints "
                          "handling, communication between coaches and swimmers, and the welfare officer's role."),
            Entry(4, "16:00", Kind.EVENT, "Anonymous survey opened for swimmers and parents",
                  details="An anonymous survey for squad swimmers aged 12 and over and for parents asks about the "
                          "training culture, communication and how safe swimmers feel raising a concern."),
            Entry(6, "12:00", Kind.DECISION, "Trustees to report a serious incident to the Charity Commission",
                  decision="The chair, authorised by the trustees, reports a serious incident to the Charity "
                           "Commission.",
                  rationale="The club is a registered charity and the concerns, if substantiated, are harm to its "
                            "beneficiaries. Trustees must report serious incidents promptly; the Commission's form "
                            "asks who else has been told, so the LADO and Swim England references go with it.",
                  significant=True),
            Entry(7, "18:30", Kind.CONTACT, "Second parents' meeting",
                  details="The chair and Safehold explained the process, what the club can and cannot share while "
                          "the referral is open, and how to raise a concern in confidence."),
            Entry(8, "10:15", Kind.NOTE, "Earlier complaints found in the club's email archive",
                  details="Two complaints made in 2024 about the same coach were handled informally by a former "
                          "chair; there is no record of any outcome. Shared with the LADO.",
                  significant=True, shared=False),
        ),
        stages=(),
        deadlines=(
            Due("Refer allegation to the LADO", 1, working_days=True, statutory=True, done_day=1),
            Due("Report serious incident to the Charity Commission", 3, statutory=True),
            Due("Present the risk assessment to the trustees", 5, from_today=True),
            Due("Next case review", 7, from_today=True),
        ),
        risks=RIVERSIDE_RISKS,
        register_review=(7, "First review of the register with the chair and the welfare officer: no change."),
    ),
    CaseSpec(
        organisation="St Anne's CE Primary School",
        title="Safeguarding judged ineffective at inspection",
        summary=(
            "Ofsted judged safeguarding ineffective: gaps in the single central record, late DBS checks for two "
            "volunteers and child protection records kept inconsistently. The school asked Safehold to lead the "
            "response and rebuild the confidence of the local authority, the diocese and parents."
        ),
        opened_days_ago=150,
        lead=TOM,
        team=(TOM, PRIYA),
        severity=Severity.MODERATE,
        rag=Rag.GREEN,
        entries=(
            Entry(0, "10:00", Kind.EVENT, "Inspection outcome received",
                  details="The inspection report judged safeguarding ineffective and leadership and management "
                          "inadequate. The head teacher and chair of governors asked Safehold to lead the response.",
                  significant=True),
            Entry(2, "09:30", Kind.DECISION, "Full audit of the single central record",
                  decision="Audit every entry on the single central record against the staff files before any "
                           "other work starts.",
                  rationale="Inspectors found gaps for two volunteers; until the whole record is checked the school "
                            "cannot say that everyone working with children has been vetted.",
                  significant=True),
            Entry(5, "14:00", Kind.CONTACT, "Meeting with the local authority and the diocesan board",
                  details="The local authority's school improvement adviser and the diocesan board of education "
                          "agreed to fortnightly progress meetings until the monitoring visit."),
            Entry(9, "16:30", Kind.EVENT, "Enhanced DBS checks complete for all volunteers",
                  details="Checks for the two volunteers came back clear; both had been supervised at all times "
                          "while the checks were outstanding, as the risk assessments on file show."),
            Entry(20, "11:00", Kind.DECISION, "Child protection records moved to one secure system",
                  decision="Move all child protection records from paper files and email into one secure recording "
                           "system, with the DSL and deputies trained to use it.",
                  rationale="Records split between paper and email made chronologies impossible to follow; KCSIE "
                            "expects records that are clear, comprehensive and held securely.",
                  significant=True),
            Entry(35, "15:30", Kind.EVENT, "Whole-staff safeguarding training delivered",
                  details="All teaching and support staff completed training on recording concerns in the new "
                          "system, and the governors had their own session on their safeguarding duties."),
            Entry(60, "13:00", Kind.CONTACT, "Letter to parents on the improvements made",
                  details="The head teacher wrote to parents describing the changes made since the inspection and "
                          "inviting questions at a drop-in session."),
            Entry(62, "17:00", Kind.NOTE, "Drop-in session feedback (consultant notes)",
                  details="Eleven parents attended. Questions were about volunteers on school trips; no new "
                          "concerns were raised.",
                  shared=False),
            Entry(90, "10:00", Kind.EVENT, "Section 175 safeguarding audit completed with governors",
                  details="The annual audit was completed early and reviewed by the full governing body; three minor "
                          "actions were added to the action plan."),
            Entry(120, "12:00", Kind.EVENT, "Ofsted monitoring visit: safeguarding now effective",
                  details="Inspectors judged that leaders have taken effective action and that safeguarding is now "
                          "effective.",
                  significant=True),
            Entry(140, "16:00", Kind.DECISION, "Exit review with governors",
                  decision="Recommend closing the case; the DSL keeps the termly single central record check and the "
                           "annual training cycle.",
                  rationale="Every exit criterion agreed at the start has been met and evidenced for two consecutive "
                            "months: a complete single central record, one secure recording system in daily use, "
                            "all staff trained, and an effective judgement at the monitoring visit."),
        ),
        stages=(
            (10, Stage.ENGAGEMENT,
             "The risks are assessed: the single central record gaps are the priority, with reputational risk in "
             "the parish and with parents. The local authority, the diocese and parents now need regular updates."),
            (30, Stage.RESPONSE,
             "The local authority and the diocese meet with the school fortnightly and parents have been written to. "
             "The action plan for recruitment checks, recording and training is agreed with governors."),
            (95, Stage.RECOVERY,
             "The single central record is complete, records are in one secure system and every member of staff is "
             "trained. What remains is showing the changes hold: embedding and evaluation."),
            (145, Stage.CLOSED,
             "Exit criteria met: Ofsted's monitoring visit found safeguarding effective, governors reviewed the "
             "section 175 audit, and the improvements have held for two months. Closed with the governors' "
             "agreement."),
        ),
        deadlines=(
            Due("Complete the single central record audit", 7, done_day=6),
            Due("Send the post-inspection action plan to the local authority", 10, done_day=9),
            Due("Exit review with governors", 140, done_day=140),
        ),
        risks=ST_ANNES_RISKS,
        register_review=(140, "Exit review with governors: the residual risk is owned by the head teacher and "
                              "governors; no change."),
        sign_off="Every category assessed with the head teacher and the chair of governors. The single central "
                 "record and the volunteers' checks are critical; recording and governance follow.",
    ),
    CaseSpec(
        organisation="Hope Street Youth Charity",
        title="Concern about a trustee's online contact with young people",
        summary=(
            "A youth worker reported that a trustee has been messaging two young people who attend the Friday "
            "youth club through a gaming platform. The trustee has stepped back from all activities. Restricted: "
            "only the named consultant and the charity's leaders see this case."
        ),
        opened_days_ago=21,
        lead=PRIYA,
        team=(PRIYA,),
        severity=Severity.HIGH,
        rag=Rag.RED,
        restricted=True,
        entries=(
            Entry(0, "20:30", Kind.EVENT, "Youth worker reports a trustee's messages",
                  details="After the Friday youth club a young person showed a youth worker messages from a trustee "
                          "on a gaming platform. A second young person said they had received similar messages.",
                  significant=True),
            Entry(1, "09:00", Kind.DECISION, "Trustee asked to step back from all activities",
                  decision="The trustee steps back from trustee duties and all contact with young people while the "
                           "concern is looked into.",
                  rationale="Private online contact breaches the charity's online safety policy and code of conduct "
                            "and gives an adult in a position of trust unsupervised access to children. The step "
                            "back is neutral and protects everyone while the facts are established.",
                  significant=True),
            Entry(1, "13:00", Kind.CONTACT, "LADO consulted; police informed",
                  details="The LADO advised that the concern meets the threshold for the allegations process and "
                          "informed the police. Both references are on file.",
                  significant=True),
            Entry(2, "15:00", Kind.CONTACT, "Serious incident reported to the Charity Commission",
                  details="The chair, authorised by the trustees, reported a serious incident, giving the LADO and "
                          "police references and the steps taken so far.",
                  significant=True),
            Entry(5, "11:00", Kind.NOTE, "Funding risk (consultant notes)",
                  details="The trustee is the main contact for the charity's largest funder. Prepare a briefing for "
                          "the funder that gives facts without detail; agree it with the chair first.",
                  shared=False),
            Entry(8, "10:00", Kind.DECISION, "Case restricted to the named consultant",
                  decision="Restrict the case to the lead consultant and the charity's leaders.",
                  rationale="The trustee knows every member of staff; restricting the case limits the detail to the "
                            "people who must act on it and protects the young people's privacy."),
            Entry(12, "14:30", Kind.CONTACT, "Briefing for the local authority's youth service commissioner",
                  details="The commissioner was told what happened, what the charity has done and how young people "
                          "are being kept safe at the club. Funding continues under review."),
            Entry(16, "18:00", Kind.CONTACT, "Parents of the two young people updated",
                  details="The DSL updated both families on what the charity has done and how to contact the LADO "
                          "directly. Both families are being supported by the youth work team."),
        ),
        stages=(
            (6, Stage.ENGAGEMENT,
             "The risks are assessed: safeguarding, governance and funding risks are high. Families, the LADO, the "
             "Charity Commission, the funder and the youth service now need careful, recorded communication."),
        ),
        deadlines=(
            Due("Report serious incident to the Charity Commission", 2, statutory=True, done_day=2),
            Due("Trustee board meeting on the trustee's suspension", 3, from_today=True),
            Due("Next case review", 10, from_today=True),
        ),
        risks=HOPE_STREET_RISKS,
        register_review=(15, "Weekly case review with the chair of trustees: no change."),
        sign_off="Every category assessed with the chair of trustees. Online contact by adults in positions of "
                 "trust, governance and funding are the highest risks.",
    ),
)


# Stage 3, the rapid response plan -----------------------------------------------------------------

VERIFIED, DONE = Action.Status.VERIFIED, Action.Status.DONE
IN_PROGRESS, BLOCKED, NOT_STARTED = Action.Status.IN_PROGRESS, Action.Status.BLOCKED, Action.Status.NOT_STARTED
URGENT, HIGH, MEDIUM, LOW = Action.Priority.URGENT, Action.Priority.HIGH, Action.Priority.MEDIUM, Action.Priority.LOW


@dataclass(frozen=True)
class ActionSpec:
    """One action of a case's plan. `start` and `due` are days from today (negative: in the past).

    Done actions are declared done by their owner, then verified by the lead consultant (or, when the
    lead owns the action, by another consultant of the case). `wave` is the improvement checkpoint
    before which a done or verified action was completed, so the checkpoints show the plan advancing.
    """

    title: str
    owner: str
    risks: tuple[str, ...]
    start: int
    due: int
    status: str = NOT_STARTED
    priority: str = HIGH
    description: str = ""
    progress: int = 0  # in progress or blocked
    blocked: str = ""  # the reason, when blocked
    done: str = ""  # the owner's completion notes, when done or verified
    verify_note: str = ""
    wave: int = 0
    consultant_notes: str = ""
    notes: tuple[tuple[str, str, bool], ...] = ()  # (author, body, consultant-only)
    links: tuple[tuple[str, str], ...] = ()  # (title, url), added by the owner
    files: tuple[tuple[str, str], ...] = ()  # (file name, title): a small PDF, uploaded by the owner


@dataclass(frozen=True)
class CheckpointSpec:
    """An improvement checkpoint `days_ago` days before today, recorded by the lead consultant."""

    days_ago: int
    confidence: dict
    commentary: str


@dataclass(frozen=True)
class PolicySpec:
    """One policy of an organisation's register, and the consultant's checklist results.

    `checks` marks the policy type's checklist in order: M met, P partly met, N not met; a shorter
    string leaves the rest unchecked. `notes` gives the note for a requirement, by its position.
    Dates are days from today.
    """

    policy_type: str
    title: str
    version: str
    owner: str
    status: str
    next_review: int
    approved: int | None = None
    checks: str = ""
    notes: dict = field(default_factory=dict)


OAK_CASE = "Allegation against a member of staff"
RIV_CASE = "Coach conduct: concerns raised by parents"
SA_CASE = "Safeguarding judged ineffective at inspection"
HS_CASE = "Concern about a trustee's online contact with young people"

OAK_PRESS = "Local press coverage of the allegation"
OAK_POLICY = "Allegations management policy out of date against KCSIE"
OAK_OFSTED = "Ofsted loses confidence in safeguarding leadership"
OAK_POLICE = "School's investigation compromises the police investigation"

OAKFIELD_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("Cover plan and supervision for the suspended teacher's classes", OAK_HEAD,
               ("Supervision gaps while the teacher's classes are covered",), -48, -42, VERIFIED, URGENT,
               description="Named cover for every lesson and tutor period; a second adult on the Year 8 trip.",
               done="Cover timetable in place from day two; heads of department check it weekly.",
               links=(("Cover timetable (trust SharePoint)", "https://northgate.sharepoint.example/oakfield/cover"),)),
    ActionSpec("Agree with the police what the school may and may not investigate", OAK_HEAD, (OAK_POLICE,),
               -47, -40, VERIFIED, URGENT,
               done="Written agreement with the police officer in charge and the LADO: the school takes no "
                    "statements from pupils until the police say so.",
               verify_note="Agreement seen; filed with the LADO minutes.",
               notes=((PRIYA, "The officer in charge expects the file to go to the CPS in January; keep the "
                              "internal process paused until then.", True),)),
    ActionSpec("Holding statement and single press line agreed with the trust", NG_CEO, (OAK_PRESS,), -47, -44,
               VERIFIED, URGENT,
               done="Statement agreed with the trust's communications lead and the LADO; all enquiries go to "
                    "the trust office.",
               links=(("Holding statement v2", "https://northgate.sharepoint.example/comms/oakfield-statement"),)),
    ActionSpec("Notify the insurer of a potential claim", NG_CEO, ("Insurer not notified of a potential claim",),
               -44, -35, VERIFIED, MEDIUM, done="Risk Protection Arrangement notified; reference RPA-2026-1184."),
    ActionSpec("Complete the record of the initial disclosure", OAK_DSL,
               ("Record of the initial disclosure incomplete",), -40, -30, VERIFIED,
               done="Record completed from the DSL's contemporaneous notes and the parent's email; signed and dated.",
               wave=1),
    ActionSpec("Interim deputy DSL cover so the DSL can lead the case", NG_CEO,
               ("Head teacher and DSL capacity consumed by the crisis",), -38, -25, VERIFIED,
               done="The trust's safeguarding lead covers two days a week until Easter.", wave=1),
    ActionSpec("Brief all staff on the revised code of conduct", OAK_DSL,
               ("Colleagues discuss the allegation with pupils or parents",
                "Staff morale and fear of being wrongly accused"),
               -30, -21, VERIFIED,
               done="Briefing delivered by Safehold on day 27: 84 of 91 staff attended.", wave=1,
               links=(("Briefing slides", "https://northgate.sharepoint.example/oakfield/code-briefing"),)),
    ActionSpec("Rewrite the allegations management policy in line with KCSIE part four", OAK_HEAD, (OAK_POLICY,),
               -40, -20, VERIFIED, URGENT,
               description="Case manager named; LADO referral within one working day; low-level concerns section; "
                           "the outcome definitions.",
               done="Version 3.0 drafted with Safehold and approved by the local governing body.",
               verify_note="Checked against KCSIE part four: every requirement met.", wave=1,
               files=(("allegations-policy-v3.pdf", "Allegations policy v3.0 as approved"),),
               notes=((OAK_HEAD, "Governors approved the policy at the extraordinary meeting.", False),)),
    ActionSpec("Pupil voice survey: do pupils feel safe to raise a concern?", OAK_TEACHER, (OAK_OFSTED,), -28, -10,
               VERIFIED, MEDIUM,
               done="612 pupils answered; 81% know who to talk to. Results shared with the DSL.", wave=2),
    ActionSpec("Catch-up code of conduct briefing for the staff who missed it", OAK_DSL, (OAK_OFSTED,), -20, -5,
               DONE, done="All 7 staff attended the catch-up session last week; register attached.", wave=2,
               links=(("Attendance register", "https://northgate.sharepoint.example/oakfield/catch-up-register"),)),
    ActionSpec("Introduce the low-level concerns policy and log", OAK_DSL,
               ("Low-level concerns about staff are not recorded",),
               -15, -7, DONE, done="Policy adopted, log set up in the recording system, first monthly review held.",
               wave=2, files=(("low-level-concerns-log.pdf", "Low-level concerns log template"),)),
    ActionSpec("Letter and FAQ for parents on what the school can share", OAK_HEAD,
               ("Parents' social media posts about the school",), -12, -2, DONE,
               done="Letter sent on Tuesday with the FAQ; the parents' forum had it the evening before.",
               links=(("Letter to parents", "https://oakfield.example.sch.uk/letters/2026-11-parents"),)),
    ActionSpec("Collect signed acknowledgements of the code of conduct from every member of staff", OAK_DSL,
               (OAK_OFSTED, "Colleagues discuss the allegation with pupils or parents"), -20, 3, IN_PROGRESS,
               progress=80, notes=((OAK_DSL, "73 of 91 signed; chasing the supply and peripatetic staff.", False),)),
    ActionSpec("Evidence pack for Ofsted on staff understanding of the code", PRIYA, (OAK_OFSTED,), -10, 5,
               IN_PROGRESS, URGENT, progress=40,
               notes=((PRIYA, "Inspectors will want samples of staff quiz results, not only attendance.", True),)),
    ActionSpec("Media monitoring and response log", PRIYA, (OAK_PRESS, "Parents' social media posts about the school"),
               -40, 2, IN_PROGRESS, progress=60),
    ActionSpec("Wellbeing support and a named contact for the suspended teacher", OAK_HEAD,
               ("Suspended teacher's wellbeing",), -30, 6, IN_PROGRESS, MEDIUM, progress=70,
               consultant_notes="Union representative asked for fortnightly contact; keep the contact log factual."),
    ActionSpec("Send the trust board the revised allegations management policy", NG_CEO,
               ("Trust board lacks oversight of allegations across its schools", OAK_POLICY), -14, -3, IN_PROGRESS,
               progress=60, notes=((NG_CEO, "On the agenda of the December board; papers go out next week.", False),)),
    ActionSpec("Agree a budget ceiling for legal and HR advice", NG_CEO,
               ("Legal and HR advice costs exceed the trust's budget",), -21, -6, IN_PROGRESS, MEDIUM, progress=20),
    ActionSpec("Alerting on staff–pupil messaging in the online monitoring system", OAK_HEAD,
               ("Online safety monitoring does not flag staff–pupil contact", OAK_POLICE), -21, -2, BLOCKED,
               progress=30,
               blocked="Waiting for the trust's IT provider to enable keyword alerting; the quote was requested "
                       "three weeks ago and the provider has not replied.",
               notes=((PRIYA, "Escalate to the trust CEO if there is no reply by Friday.", True),)),
    ActionSpec("Audit staff personal social media contact with pupils", OAK_DSL,
               ("Other staff following pupils on personal social media accounts",), -7, 10, IN_PROGRESS, progress=50),
    ActionSpec("Staff wellbeing drop-ins and a confidential route for worries", OAK_TEACHER,
               ("Staff morale and fear of being wrongly accused",), -5, 14, IN_PROGRESS, MEDIUM, progress=30),
    ActionSpec("Data protection review of letters and messages to parents", OAK_HEAD,
               ("Data protection breach when sharing information with parents",), -10, -1, NOT_STARTED, MEDIUM),
    ActionSpec("Checklist for DBS and Teaching Regulation Agency referrals when the process ends", OAK_DSL,
               ("Referral to the DBS and the Teaching Regulation Agency missed",), 0, 30, NOT_STARTED, MEDIUM),
    ActionSpec("Half-termly allegations report to the trust board", NG_CEO,
               ("Trust board lacks oversight of allegations across its schools",), 7, 21, NOT_STARTED, MEDIUM),
)

OAKFIELD_CHECKPOINTS: tuple[CheckpointSpec, ...] = (
    CheckpointSpec(28, {"regulators": 2, "local_authority": 2, "parents": 1, "staff": 2, "governors": 2, "media": 1},
                   "The plan is agreed with the head teacher and the trust. Immediate safety steps are done; the "
                   "policy work has started. Parents' confidence is very low after the press coverage."),
    CheckpointSpec(14, {"regulators": 3, "local_authority": 3, "parents": 2, "staff": 3, "governors": 3, "media": 2},
                   "The allegations policy is rewritten and approved and all staff were briefed. Ofsted's monitoring "
                   "visit found the LADO referral timely; it wants evidence that staff understand the code."),
    CheckpointSpec(1, {"regulators": 3, "local_authority": 4, "parents": 3, "staff": 3, "governors": 4, "media": 3},
                   "Half the plan is done. The catch-up briefing and the low-level concerns log are waiting for "
                   "verification. Monitoring alerts are blocked by the IT provider; three actions are overdue."),
)

RIVERSIDE_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("Written confirmation that the head coach has no contact with swimmers", RIV_CHAIR,
               ("Head coach keeps contact with swimmers while stepped back",), -8, -6, VERIFIED, URGENT,
               done="The coach signed the no-contact agreement; the squad group chats were closed."),
    ActionSpec("Start a confidential log of concerns about coaches", RIV_WELFARE,
               ("No record kept of concerns raised about coaches",), -6, 2, IN_PROGRESS, URGENT, progress=50),
    ActionSpec("Second adult on poolside at every squad session", RIV_TM,
               ("Squad sessions run without a second adult on poolside",), -5, 4, IN_PROGRESS, progress=60),
    ActionSpec("Submit the serious incident report to the Charity Commission", RIV_CHAIR,
               ("Serious incident report to the Charity Commission is late",), -6, -3, IN_PROGRESS, URGENT,
               progress=70, notes=((PRIYA, "Draft seen; add the LADO and Swim England references.", True),)),
)

HOPE_STREET_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("Trustee's step-back confirmed in writing under the governing document", HS_CHAIR,
               ("Trustee's step-back not handled under the governing document",), -19, -15, VERIFIED, URGENT,
               done="Letter sent under clause 14; the board minuted the decision without the trustee present."),
    ActionSpec("Briefing for the main funder, agreed with the chair", PRIYA,
               ("Main funder suspends the youth work grant",), -10, 3, IN_PROGRESS, URGENT, progress=60,
               consultant_notes="Facts without detail: no names, no platform, no police detail."),
    ActionSpec("Review filtering on the charity's devices and Wi-Fi", PRIYA,
               ("Filtering on the charity's devices and Wi-Fi never reviewed",), -5, 9, NOT_STARTED),
)

ST_ANNES_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("Audit every single central record entry against the staff files", SA_OFFICE,
               ("Gaps in the single central record",), -148, -143, VERIFIED, URGENT,
               done="Every entry checked; two gaps found and closed.", wave=0),
    ActionSpec("Enhanced DBS checks and risk assessments for the two volunteers", SA_OFFICE,
               ("Adults start work before an enhanced DBS check without a risk assessment",), -147, -141, VERIFIED,
               URGENT, done="Both checks clear; supervision risk assessments on file.", wave=0),
    ActionSpec("One secure recording system for child protection records", SA_HEAD,
               ("Child protection records split between paper and email",), -130, -110, VERIFIED,
               done="All records migrated; paper files archived securely.", wave=0,
               files=(("recording-system-migration.pdf", "Migration sign-off"),)),
    ActionSpec("Train a deputy DSL", SA_HEAD, ("DSL without a trained deputy",), -125, -100, VERIFIED,
               done="Deputy DSL completed the two-day course.", wave=1),
    ActionSpec("Whole-staff training on recording concerns", TOM, ("Staff not trained to record concerns",),
               -120, -115, VERIFIED, done="All staff trained; register attached.", wave=1),
    ActionSpec("Governors' safeguarding training and a named safeguarding governor", SA_HEAD,
               ("Governors do not hold leaders to account for safeguarding",), -118, -105, VERIFIED,
               done="Governors trained; the vice-chair is the named safeguarding governor.", wave=2),
    ActionSpec("Termly single central record check by the chair of governors", SA_HEAD,
               ("Single central record depends on one administrator",), -110, -90, VERIFIED,
               done="First termly check done and minuted.", wave=2),
    ActionSpec("Letter to parents and a drop-in session", SA_HEAD,
               ("Parents lose trust in the school", "Inspection report covered in the local press and parish"),
               -95, -90, VERIFIED, done="Letter sent; drop-in held with eleven parents.", wave=3),
    ActionSpec("Fortnightly progress meetings with the local authority and the diocese", SA_HEAD,
               ("Diocese and local authority lose confidence",), -145, -60, VERIFIED,
               done="Seven meetings held; minutes shared.", wave=3),
    ActionSpec("Section 175 audit completed early with governors", SA_HEAD,
               ("Section 175 audit not completed for the local authority",), -75, -60, VERIFIED,
               done="Audit completed and reviewed by the full governing body.", wave=4),
    ActionSpec("Budget plan for the re-checks and the recording system", SA_OFFICE,
               ("Cost of re-checking staff and of a new recording system", "Falling rolls reduce the school's budget"),
               -140, -120, VERIFIED, MEDIUM, done="Costs met from the school's contingency; governors approved.",
               wave=4),
    ActionSpec("Head teacher's workload plan and supervision", TOM, ("Head teacher's workload and wellbeing",),
               -120, -60, DONE, MEDIUM, done="Monthly supervision with Safehold in place until the summer.", wave=5),
)

ST_ANNES_CHECKPOINTS: tuple[CheckpointSpec, ...] = tuple(
    CheckpointSpec(days_ago, dict(zip(("regulators", "local_authority", "parents", "staff", "governors"),
                                      levels, strict=True)), commentary)
    for days_ago, levels, commentary in (
        (106, (1, 2, 2, 2, 2), "The single central record is complete and the volunteers' checks are clear."),
        (92, (2, 2, 2, 3, 3), "Records are in one system; the deputy DSL and all staff are trained."),
        (78, (2, 3, 3, 3, 3), "Governors are trained and check the single central record every term."),
        (64, (3, 3, 3, 4, 4), "Parents were written to; the drop-in raised no new concerns."),
        (50, (3, 4, 4, 4, 4), "The section 175 audit is done; the local authority is satisfied with progress."),
        (36, (4, 4, 4, 4, 5), "Ofsted's monitoring visit found safeguarding effective."),
        (22, (5, 4, 4, 5, 5), "The improvements have held for a month; the exit review is planned."),
        (8, (5, 5, 4, 5, 5), "Every exit criterion is met and evidenced: ready to close."),
    )
)

ACTION_PLANS: dict[str, tuple[ActionSpec, ...]] = {
    OAK_CASE: OAKFIELD_ACTIONS,
    RIV_CASE: RIVERSIDE_ACTIONS,
    SA_CASE: ST_ANNES_ACTIONS,
    HS_CASE: HOPE_STREET_ACTIONS,
}
CHECKPOINTS: dict[str, tuple[CheckpointSpec, ...]] = {OAK_CASE: OAKFIELD_CHECKPOINTS, SA_CASE: ST_ANNES_CHECKPOINTS}

APPROVED, PUBLISHED = Policy.Status.APPROVED, Policy.Status.PUBLISHED
IN_REVIEW, DRAFT = Policy.Status.IN_REVIEW, Policy.Status.DRAFT
T = PolicyType
RESULTS = {"M": PolicyCheck.Result.MET, "P": PolicyCheck.Result.PARTLY, "N": PolicyCheck.Result.NOT_MET}

# Organisation -> (who approves policies, the consultant who checks them, the policies).
POLICIES: dict[str, tuple[str, str, tuple[PolicySpec, ...]]] = {
    "Oakfield Secondary Academy": ("Local governing body", PRIYA, (
        PolicySpec(T.CHILD_PROTECTION, "Child protection and safeguarding policy", "4.1", OAK_DSL, PUBLISHED, 300,
                   approved=-65, checks="MMMMPMMMM",
                   notes={4: "Children missing education is mentioned but the referral route is not."}),
        PolicySpec(T.STAFF_CODE, "Staff code of conduct", "3.0", OAK_HEAD, PUBLISHED, 340, approved=-25,
                   checks="MMMMPM", notes={4: "91 staff; 73 acknowledgements signed so far."}),
        PolicySpec(T.SAFER_RECRUITMENT, "Safer recruitment policy", "2.2", NG_CEO, APPROVED, -35, approved=-400,
                   checks="MPMNPM", notes={1: "Two supply agency confirmations missing.",
                                           3: "References are taken up after interview."}),
        PolicySpec(T.WHISTLEBLOWING, "Whistleblowing policy", "2.0", NG_CEO, PUBLISHED, 165, approved=-200,
                   checks="MMMM"),
        PolicySpec(T.ALLEGATIONS, "Managing allegations against staff", "3.0", OAK_HEAD, APPROVED, 345,
                   approved=-20, checks="MMMMMM"),
        PolicySpec(T.ONLINE_SAFETY, "Online safety policy", "1.3", OAK_DSL, APPROVED, -135, approved=-500,
                   checks="PMNMN", notes={0: "Filtering not reviewed since the new provider started.",
                                          4: "No guidance on sharing nudes and semi-nudes."}),
        PolicySpec(T.LOW_LEVEL_CONCERNS, "Low-level concerns policy", "0.2", OAK_DSL, DRAFT, 30, checks="MPNP"),
        PolicySpec(T.BEHAVIOUR, "Behaviour policy", "5.0", OAK_HEAD, IN_REVIEW, 14, approved=-350, checks="MMMP",
                   notes={3: "Links to safeguarding referrals are being added in this review."}),
    )),
    "St Anne's CE Primary School": ("Full governing body", TOM, (
        PolicySpec(T.CHILD_PROTECTION, "Child protection and safeguarding policy", "6.0", SA_HEAD, PUBLISHED, 230,
                   approved=-135, checks="MMMMMMMMM"),
        PolicySpec(T.STAFF_CODE, "Staff and volunteer code of conduct", "4.0", SA_HEAD, PUBLISHED, 230,
                   approved=-135, checks="MMMMMM"),
        PolicySpec(T.SAFER_RECRUITMENT, "Safer recruitment policy", "3.0", SA_OFFICE, PUBLISHED, 250, approved=-115,
                   checks="MMMMMM"),
        PolicySpec(T.WHISTLEBLOWING, "Whistleblowing policy", "2.1", SA_HEAD, APPROVED, 200, approved=-165,
                   checks="MMMP", notes={3: "Review date set, but no review recorded last year."}),
        PolicySpec(T.ALLEGATIONS, "Allegations against staff and volunteers", "3.0", SA_HEAD, PUBLISHED, 230,
                   approved=-135, checks="MMMMMM"),
        PolicySpec(T.ONLINE_SAFETY, "Online safety policy", "2.0", SA_HEAD, APPROVED, 260, approved=-105,
                   checks="MMMMP", notes={4: "Add the nudes and semi-nudes guidance at the next review."}),
        PolicySpec(T.BEHAVIOUR, "Behaviour policy", "3.2", SA_HEAD, PUBLISHED, -10, approved=-375, checks="MMPM"),
    )),
    "Riverside Swimming Club": ("Club committee (trustees)", PRIYA, (
        PolicySpec(T.CHILD_PROTECTION, "Safeguarding and child protection policy", "2.0", RIV_WELFARE, APPROVED,
                   -335, approved=-700, checks="PNPMNPMNN",
                   notes={1: "Written before the current KCSIE; no link to Swim England's Wavepower."}),
        PolicySpec(T.STAFF_CODE, "Code of conduct for coaches and volunteers", "1.4", RIV_CHAIR, PUBLISHED, -40,
                   approved=-405, checks="PMMNPN", notes={0: "Says nothing about messaging swimmers online."}),
        PolicySpec(T.WHISTLEBLOWING, "Whistleblowing policy", "1.0", RIV_CHAIR, APPROVED, 60, approved=-305,
                   checks="MNPM"),
        PolicySpec(T.SAFER_RECRUITMENT, "Recruiting coaches and volunteers", "0.1", RIV_WELFARE, DRAFT, 45,
                   checks="MPNPMN"),
    )),
    "Hope Street Youth Charity": ("Board of trustees", PRIYA, (
        PolicySpec(T.CHILD_PROTECTION, "Safeguarding policy", "3.1", HS_CHAIR, PUBLISHED, 120, approved=-245,
                   checks="MMPMPMMPM"),
        PolicySpec(T.ONLINE_SAFETY, "Online safety and digital contact policy", "1.1", HS_CHAIR, APPROVED, -60,
                   approved=-425, checks="NPNMP",
                   notes={0: "The charity's devices and Wi-Fi have no filtering review on record."}),
        PolicySpec(T.STAFF_CODE, "Code of conduct for staff, volunteers and trustees", "2.0", HS_CHAIR, IN_REVIEW, 20,
                   approved=-340, checks="MMPMMP"),
        PolicySpec(T.WHISTLEBLOWING, "Whistleblowing policy", "1.2", HS_CHAIR, PUBLISHED, 90, approved=-275,
                   checks="MNMP", notes={1: "Every route runs through the board; none bypasses it."}),
    )),
}
