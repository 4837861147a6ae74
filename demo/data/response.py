"""The demo's rapid response plans: actions, checkpoints and each organisation's policy register."""

from __future__ import annotations

from dataclasses import dataclass, field

from response.models import Action, Policy, PolicyCheck, PolicyType

from .core import (
    HS_CASE,
    HS_CHAIR,
    NG_CASE,
    NG_CEO,
    NG_HR,
    OAK_CASE,
    OAK_DSL,
    OAK_HEAD,
    OAK_TEACHER,
    PRIYA,
    RIV_CASE,
    RIV_CHAIR,
    RIV_TM,
    RIV_WELFARE,
    SA_CASE,
    SA_HEAD,
    SA_OFFICE,
    TOM,
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

NG_LLC = "Low-level concerns about staff not recorded in the trust's schools"
NG_ROUTE = "Whistleblowing route runs through the head teachers it may concern"
NG_BOARD = "Trust board has no line of sight of concerns about staff across its schools"
NG_HOLD = "Improvements do not hold once the consultancy steps back"
NG_CULTURE = "Safeguarding culture depends on each head teacher rather than the trust"
NG_DETRIMENT = "Whistleblower suffers a detriment for making a protected disclosure"
NG_LADO = "Earlier concerns not referred to the LADO when they met the harm threshold"
NG_TRUST_NET = "https://northgate.sharepoint.example/trust"

# In Recovery: the plan passed the gate out of Response long ago; most of it is verified, the rest is
# done and waiting for a consultant, or the hand-over still under way.
NORTHGATE_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("Protect the member of staff who raised the concern", NG_HR,
               (NG_DETRIMENT, "Wellbeing of the member of staff who raised the concern"), -117, -110, VERIFIED,
               URGENT, description="A named HR contact outside the school; no change to duties or timetable "
                                   "without an HR review; fortnightly check-ins.",
               done="Named contact in place from day three; check-ins logged every fortnight.",
               verify_note="Check-in log seen; the member of staff confirmed no detriment in writing."),
    ActionSpec("Notify the insurer of a potential claim", NG_CEO,
               ("Insurer not told of a potential claim arising from the disclosure",), -118, -112, VERIFIED, MEDIUM,
               done="Risk protection arrangement notified; reference on the trust's file."),
    ActionSpec("Holding statement and a single press contact at the trust office", NG_CEO,
               ("Local press reports the whistleblowing disclosure",), -116, -112, VERIFIED, URGENT,
               done="Statement agreed with the LADO; every enquiry goes to the trust CEO.",
               links=(("Holding statement", f"{NG_TRUST_NET}/comms/holding-statement"),)),
    ActionSpec("Review every school's records of concerns about staff with the LADO", PRIYA, (NG_LADO,),
               -115, -99, VERIFIED, URGENT,
               done="All five schools reviewed with the LADO; two consultations made, neither met the threshold.",
               verify_note="LADO's note of the review seen and filed."),
    ActionSpec("Agreement with the LADO on the teacher's return to work", NG_HR,
               ("Teacher concerned returns to work before the LADO process ends",), -113, -95, VERIFIED,
               done="No return without a risk assessment signed by the trust CEO; agreed with the LADO in writing."),
    ActionSpec("Data protection impact assessment for the review of staff files", NG_HR,
               ("Data protection breach in the review of staff files",), -112, -100, VERIFIED, MEDIUM,
               done="Assessment signed by the data protection officer; access to files limited and logged."),
    ActionSpec("Independent whistleblowing route to the chair of trustees and an external line", NG_CEO,
               (NG_ROUTE, NG_DETRIMENT), -105, -90, VERIFIED, URGENT,
               done="Policy version 3.0 approved by the board; posters in every staffroom; external line live.",
               files=(("whistleblowing-policy-v3.pdf", "Whistleblowing policy v3.0 as approved"),)),
    ActionSpec("Staff listening sessions in every school", NG_HR,
               ("Staff believe the trust ignored the member of staff who raised the concern",), -100, -85,
               VERIFIED, done="Ten sessions across the five schools; questions and answers published."),
    ActionSpec("Trust-wide low-level concerns policy approved by the board", NG_CEO, (NG_LLC, NG_BOARD),
               -100, -80, VERIFIED, URGENT,
               done="Policy approved by the trust board and adopted by every local governing body.",
               verify_note="Checked against KCSIE: sharing, recording, review and the link to allegations all "
                           "covered.",
               files=(("low-level-concerns-policy.pdf", "Low-level concerns policy v1.0"),)),
    ActionSpec("Low-level concerns log in every school's recording system", PRIYA,
               (NG_LLC, "Concerns about staff kept in email and paper outside the recording system"), -95, -78,
               VERIFIED, done="Log category set up and tested in all five schools; DSLs trained to use it."),
    ActionSpec("Move concerns about staff from email and paper into the recording system", TOM,
               ("Concerns about staff kept in email and paper outside the recording system",), -90, -72, VERIFIED,
               done="Every record moved; paper files archived securely; head teachers' email folders cleared."),
    ActionSpec("Appoint a deputy trust safeguarding lead", NG_CEO,
               ("Trust safeguarding lead stretched across five schools",), -95, -75, VERIFIED, MEDIUM,
               done="Deputy appointed two days a week from the start of the half term."),
    ActionSpec("Threshold workshop for the trust's DSLs", TOM,
               ("DSLs in the trust's schools apply different thresholds to concerns about staff",), -80, -65,
               VERIFIED, done="Workshop held; all five DSLs agreed on the twelve moderation scenarios.",
               links=(("Workshop scenarios and answers", f"{NG_TRUST_NET}/safeguarding/threshold-workshop"),)),
    ActionSpec("Letter to parents across the trust on how to raise a concern", NG_CEO,
               ("Parents lose confidence in how the trust handles concerns about staff",), -75, -66, VERIFIED,
               MEDIUM, done="Letter sent to every family in the trust; the parents' forum saw it first."),
    ActionSpec("Termly report to the trust board on concerns about staff", NG_CEO,
               (NG_BOARD, "DfE regions group questions the trust's governance"), -80, -62, VERIFIED,
               done="First termly report presented; the board named a safeguarding trustee.",
               notes=((NG_CEO, "The regions group asked for a copy of each termly report.", False),)),
    ActionSpec("Briefing for the DfE regions group on the governance changes", NG_CEO,
               ("DfE regions group questions the trust's governance",), -60, -47, VERIFIED, MEDIUM,
               done="Briefing given with Safehold; the regional director's office asked only for the next report.",
               wave=1),
    ActionSpec("Coaching for the head teacher of the school", TOM,
               ("School leaders defensive about the review's findings",), -70, -50, VERIFIED, MEDIUM,
               done="Six coaching sessions; the head teacher now presents the school's progress to the board.",
               wave=1, consultant_notes="Keep the coaching notes out of the board papers."),
    ActionSpec("Second termly audit of the low-level concerns logs", PRIYA, (NG_LLC, NG_HOLD), -20, 10, DONE,
               done="All five logs audited with the trust safeguarding lead; two entries without an outcome "
                    "completed.", wave=3,
               notes=((PRIYA, "The trust safeguarding lead led the audit this time; I only observed.", True),)),
    ActionSpec("Head teachers' self-review against the trust's safeguarding standards", NG_CEO, (NG_CULTURE,),
               -40, 5, DONE, MEDIUM, done="All five self-reviews returned and moderated at the heads' meeting.",
               wave=2, links=(("Moderated self-reviews", f"{NG_TRUST_NET}/safeguarding/self-reviews"),)),
    ActionSpec("Hand the termly audits and board reports over to the trust safeguarding lead", NG_CEO, (NG_HOLD,),
               -25, 21, IN_PROGRESS, progress=60,
               notes=((NG_CEO, "The deputy covers the audits while the lead prepares the spring report.", False),)),
    ActionSpec("Repeat the speaking-up survey of staff across the trust", NG_HR,
               ("Staff believe the trust ignored the member of staff who raised the concern", NG_HOLD), -10, 28,
               IN_PROGRESS, MEDIUM, progress=30,
               description="The same questions as the autumn survey, so the board can see whether confidence holds."),
)

NORTHGATE_CHECKPOINTS: tuple[CheckpointSpec, ...] = (
    CheckpointSpec(62, {"regulators": 2, "local_authority": 3, "parents": 2, "staff": 2, "governors": 3, "media": 2},
                   "The member of staff who spoke up is protected, every school's records were reviewed with the "
                   "LADO, and the low-level concerns policy and logs are in place. Staff at the school still doubt "
                   "that anything will change."),
    CheckpointSpec(34, {"regulators": 3, "local_authority": 4, "parents": 3, "staff": 3, "governors": 4, "media": 3},
                   "The listening sessions turned the mood among staff, the regions group is satisfied with the "
                   "board's termly report, and every serious risk is down to medium or low: ready for Recovery."),
    CheckpointSpec(6, {"regulators": 4, "local_authority": 4, "parents": 4, "staff": 4, "governors": 4, "media": 3},
                   "A month into Recovery. The first termly audit found the logs well kept and the hand-over to the "
                   "trust safeguarding lead is under way. Four actions still wait for verification or completion, "
                   "and two people need their safeguarding training."),
)

ACTION_PLANS: dict[str, tuple[ActionSpec, ...]] = {
    OAK_CASE: OAKFIELD_ACTIONS,
    RIV_CASE: RIVERSIDE_ACTIONS,
    SA_CASE: ST_ANNES_ACTIONS,
    HS_CASE: HOPE_STREET_ACTIONS,
    NG_CASE: NORTHGATE_ACTIONS,
}
CHECKPOINTS: dict[str, tuple[CheckpointSpec, ...]] = {
    OAK_CASE: OAKFIELD_CHECKPOINTS, SA_CASE: ST_ANNES_CHECKPOINTS, NG_CASE: NORTHGATE_CHECKPOINTS,
}

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
    # The trust's own register, rewritten in the response to the whistleblowing disclosure.
    "Northgate Academy Trust": ("Trust board", PRIYA, (
        PolicySpec(T.CHILD_PROTECTION, "Trust child protection and safeguarding policy", "7.0", NG_CEO, PUBLISHED,
                   280, approved=-85, checks="MMMMMMMMM"),
        PolicySpec(T.WHISTLEBLOWING, "Whistleblowing policy", "3.0", NG_CEO, PUBLISHED, 270, approved=-95,
                   checks="MMMM"),
        PolicySpec(T.ALLEGATIONS, "Managing allegations against staff", "4.0", NG_CEO, PUBLISHED, 280,
                   approved=-85, checks="MMMMMM"),
        PolicySpec(T.LOW_LEVEL_CONCERNS, "Low-level concerns policy", "1.0", NG_CEO, PUBLISHED, 285, approved=-80,
                   checks="MMMP", notes={3: "The termly audit is described; who reports it to the board is not."}),
        PolicySpec(T.STAFF_CODE, "Staff code of conduct", "5.1", NG_HR, APPROVED, 250, approved=-70,
                   checks="MMMMMP", notes={5: "Two schools have not yet collected every acknowledgement."}),
        PolicySpec(T.SAFER_RECRUITMENT, "Safer recruitment policy", "4.0", NG_HR, PUBLISHED, 200, approved=-165,
                   checks="MMMMMM"),
        PolicySpec(T.ONLINE_SAFETY, "Online safety policy", "2.2", NG_CEO, APPROVED, 150, approved=-215,
                   checks="MMMMP", notes={4: "Add the nudes and semi-nudes guidance at the next review."}),
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
