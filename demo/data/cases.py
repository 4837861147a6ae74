"""The demo's cases: chronology, deadlines, stage moves and risk registers, per organisation."""

from __future__ import annotations

from crisis.models import Rag, Severity, Stage

from .core import HS_CHAIR, NG_CASE, NG_CEO, PRIYA, TOM, CaseSpec, Due, Entry, Kind
from .risks import HOPE_STREET_RISKS, NORTHGATE_RISKS, OAKFIELD_RISKS, RIVERSIDE_RISKS, ST_ANNES_RISKS

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
            "only the named consultant and the chair of trustees see this case."
        ),
        opened_days_ago=21,
        lead=PRIYA,
        team=(PRIYA,),
        severity=Severity.HIGH,
        rag=Rag.RED,
        restricted=True,
        # The treasurer, also a leader of the charity, is a friend of the trustee concerned: not named.
        leaders=(HS_CHAIR,),
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
            Entry(8, "10:00", Kind.DECISION, "Case restricted to the named consultant and the chair",
                  decision="Restrict the case to the lead consultant and the chair of trustees; the treasurer is not "
                           "named.",
                  rationale="The trustee knows every member of staff, and the treasurer is a close friend of his; "
                            "restricting the case limits the detail to the people who must act on it and protects "
                            "the young people's privacy."),
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
    CaseSpec(
        organisation="Northgate Academy Trust",
        title=NG_CASE,
        summary=(
            "A member of staff at one of the trust's schools raised, under the whistleblowing policy, that "
            "colleagues' low-level concerns about a teacher had been passed to leaders for months without being "
            "recorded or acted on. The trust referred the teacher to the LADO and asked Safehold to lead a "
            "trust-wide review of how concerns about staff are recorded, escalated and overseen. The changes are "
            "in place; the trust is now showing that they hold."
        ),
        opened_days_ago=120,
        lead=PRIYA,
        team=(PRIYA, TOM),
        severity=Severity.MODERATE,
        rag=Rag.GREEN,
        leaders=(NG_CEO,),
        entries=(
            Entry(0, "08:40", Kind.EVENT, "Whistleblowing disclosure to the trust CEO",
                  details="A member of staff wrote to the trust CEO that several colleagues had told leaders about a "
                          "teacher's over-familiar manner with pupils in Years 7 and 8 since the spring, and that "
                          "none of it had been written down. The disclosure was logged under the whistleblowing "
                          "policy.",
                  significant=True),
            Entry(0, "14:30", Kind.CONTACT, "Collated concerns referred to the LADO",
                  details="Put together, the concerns met the harm threshold. The trust CEO referred them to the LADO "
                          "the same afternoon; the teacher is not teaching while the LADO process runs.",
                  significant=True),
            Entry(1, "10:00", Kind.DECISION, "Trust-wide review commissioned",
                  decision="Commission Safehold to review how every school of the trust records, escalates and "
                           "oversees concerns about staff, not only the school the disclosure came from.",
                  rationale="The policies are trust-wide and the board had never seen a report of concerns about "
                            "staff from any school; a review of one school would leave the same gap in the others.",
                  significant=True),
            Entry(3, "16:00", Kind.DECISION, "Protection for the member of staff who raised the concern",
                  decision="A named HR contact outside the school, and no change to the member of staff's duties "
                           "or timetable without an HR review.",
                  rationale="The disclosure is protected; the member of staff still works alongside the colleagues "
                            "concerned, and staff across the trust are watching how the trust treats them."),
            Entry(8, "17:30", Kind.NOTE, "Early view of the culture (consultant notes)",
                  details="Interviews suggest staff at two other schools also pass concerns to leaders by word of "
                          "mouth only. The head teacher of the school is defensive; keep the trust CEO in every "
                          "meeting with her.",
                  shared=False),
            Entry(20, "11:00", Kind.CONTACT, "Records reviewed with the LADO",
                  details="Safehold and the trust safeguarding lead went through every school's records of concerns "
                          "about staff with the LADO. Two further consultations were made; neither met the harm "
                          "threshold.",
                  significant=True),
            Entry(40, "18:00", Kind.DECISION, "Trust-wide low-level concerns policy adopted",
                  decision="One low-level concerns policy for every school, with a log in each school's recording "
                           "system and a termly audit by the trust safeguarding lead.",
                  rationale="KCSIE expects low-level concerns to be shared, recorded and reviewed so that patterns "
                            "are seen; the schools had no shared definition and no record.",
                  significant=True),
            Entry(51, "09:00", Kind.EVENT, "Safeguarding training across the trust",
                  details="Safehold trained the DSLs on thresholds for concerns about staff, and the trust's central "
                          "team and trustees had their whole-staff safeguarding training again; two people missed "
                          "it and are booked on the next session."),
            Entry(73, "15:00", Kind.CONTACT, "Briefing for the DfE regions group",
                  details="The trust CEO and Safehold briefed the regional director's office on the board's new "
                          "termly report and the independent whistleblowing route. The office asked to see the next "
                          "termly report.",
                  significant=True),
            Entry(88, "17:00", Kind.DECISION, "Recovery plan agreed with the trust board",
                  decision="The trust safeguarding lead runs the termly audits of the logs and reports to the board; "
                           "Safehold reviews the evidence monthly until the exit review.",
                  rationale="The changes are in place in all five schools; what remains is to show they hold "
                            "without the consultancy leading them."),
            Entry(110, "10:30", Kind.EVENT, "First termly audit of the low-level concerns logs",
                  details="Every school's log was audited: concerns recorded within a day, reviewed by the DSL and "
                          "closed with a note. One school had two entries without an outcome, since completed."),
        ),
        stages=(
            (9, Stage.ENGAGEMENT,
             "Risks assessed with the trust CEO: the unrecorded concerns, the whistleblowing route and the board's "
             "oversight are the serious ones. The LADO, the DfE, parents, staff and the press now need planned, "
             "recorded communication."),
            (25, Stage.RESPONSE,
             "The LADO, the regions group, the board and the parents' forum are briefed and kept up to date. The "
             "action plan for the low-level concerns policy, the whistleblowing route and the board's reporting is "
             "agreed with the trust CEO."),
            (90, Stage.RECOVERY,
             "The low-level concerns policy and logs, the independent whistleblowing route and the board's termly "
             "report are in place in all five schools, and no serious risk remains. What remains is showing the "
             "changes hold: audits, training and evaluation."),
        ),
        deadlines=(
            Due("Refer the collated concerns to the LADO", 1, working_days=True, statutory=True, done_day=0),
            Due("Review every school's records of concerns about staff with the LADO", 21, done_day=20),
            Due("Trust board review of the evidence that the changes hold", 18, from_today=True),
            Due("Exit review with the trust CEO and the chair of trustees", 40, from_today=True),
        ),
        risks=NORTHGATE_RISKS,
        register_review=(112, "Monthly review with the trust CEO and the trust safeguarding lead: controls "
                              "checked, no change."),
        sign_off="Every category assessed with the trust CEO. The unrecorded low-level concerns, the whistleblowing "
                 "route and the board's oversight are the serious risks; the member of staff who spoke up is "
                 "protected first.",
    ),
)
