"""The demo's risk registers: one table per case (no children's personal data)."""

from __future__ import annotations

from .core import (
    FIN,
    HS_CHAIR,
    LEGAL,
    NG_CEO,
    NG_HR,
    OAK_DSL,
    OAK_HEAD,
    OAK_TEACHER,
    OPS,
    PEOPLE,
    PRIYA,
    REP,
    RIV_CHAIR,
    RIV_TM,
    RIV_WELFARE,
    SA_HEAD,
    SA_OFFICE,
    STRAT,
    TOM,
    Rescore,
    RiskSpec,
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
                      "the local authority's agreement.",
             rescores=(Rescore(120, (2, 2), "The re-checks are done and paid for; what remains is the recording "
                                            "system's licence, in next year's budget."),)),
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

# Northgate Academy Trust, in Recovery: every serious risk has come down to medium or low, or is closed.
NG_LLC = "Low-level concerns about staff not recorded in the trust's schools"
NG_ROUTE = "Whistleblowing route runs through the head teachers it may concern"
NG_BOARD = "Trust board has no line of sight of concerns about staff across its schools"
NG_HOLD = "Improvements do not hold once the consultancy steps back"
NG_DETRIMENT = "Whistleblower suffers a detriment for making a protected disclosure"
NG_LADO = "Earlier concerns not referred to the LADO when they met the harm threshold"

NORTHGATE_RISKS: tuple[RiskSpec, ...] = (
    RiskSpec(OPS, NG_LLC, PRIYA, 0, (5, 4), (5, 4), (1, 3),
             "Staff at one school told their line managers about a teacher's over-familiar manner with pupils; "
             "nothing was written down, so no one saw the pattern.",
             "A pattern of behaviour is missed until a child is harmed.",
             rescores=(
                 Rescore(40, (3, 4), "Trust-wide low-level concerns policy adopted and a log set up in every "
                                     "school's recording system."),
                 Rescore(100, (2, 3), "First termly audit of the logs: every concern recorded, reviewed by the "
                                      "DSL and closed with a note."),
             ),
             comments=((NG_CEO, "The trust safeguarding lead now samples every school's log each half term."),)),
    RiskSpec(OPS, NG_ROUTE, NG_CEO, 1, (4, 4), (4, 4), (1, 4),
             "The whistleblowing policy sends concerns to the head teacher first, with no route around them.",
             "Staff stay silent when the concern is about their own school's leadership.",
             rescores=(
                 Rescore(30, (2, 4), "Independent route to the chair of trustees and an external reporting line "
                                     "published in every staffroom."),
                 Rescore(95, (1, 4), "Two concerns have since come through the external line and were handled "
                                     "within the policy's timescales."),
             )),
    RiskSpec(OPS, "DSLs in the trust's schools apply different thresholds to concerns about staff", TOM, 3,
             (4, 3), (4, 3), (1, 3),
             "Each school's DSL decides alone what counts as a low-level concern and what goes to the LADO.",
             "The same behaviour is logged in one school and referred in another.",
             rescores=(Rescore(60, (1, 3), "Threshold workshop held for every DSL; the moderation exercise found "
                                           "the five schools agreed on all twelve scenarios."),)),
    RiskSpec(OPS, "Concerns about staff kept in email and paper outside the recording system", TOM, 2,
             (3, 4), (3, 4), (1, 2),
             "Head teachers kept notes of concerns about staff in their own email and in paper files.",
             "Records are lost when a head teacher leaves and cannot be audited.",
             rescores=(Rescore(50, (1, 2), "Every school's concerns about staff moved into the recording system; "
                                           "the paper files are archived securely."),),
             closed="Every school now records concerns about staff in one system, checked at the termly audit.",
             missed_review=True),
    RiskSpec(STRAT, NG_BOARD, NG_CEO, 1, (4, 4), (4, 4), (1, 3),
             "The board has never seen a report of concerns about staff from any of its schools.",
             "The trust cannot show the DfE or Ofsted that it knows its schools.",
             rescores=(
                 Rescore(45, (3, 3), "The board received its first termly report on concerns about staff."),
                 Rescore(100, (2, 3), "Second termly report discussed in full; a trustee now leads on "
                                      "safeguarding."),
             )),
    RiskSpec(STRAT, "Safeguarding culture depends on each head teacher rather than the trust", NG_CEO, 4,
             (4, 3), (4, 3), (2, 2),
             "Practice differs from school to school; the trust sets no shared expectations.",
             "Improvements in one school do not reach the others.",
             rescores=(
                 Rescore(70, (3, 3), "Trust-wide safeguarding standards agreed by the five head teachers."),
                 Rescore(105, (2, 3), "Head teachers' self-reviews against the standards completed and "
                                      "moderated by the trust."),
             )),
    RiskSpec(STRAT, NG_HOLD, PRIYA, 8, (3, 4), (3, 4), (1, 3),
             "The changes were made with Safehold's support; the trust has to keep them going alone.",
             "Practice drifts back within a year and the concerns return.",
             rescores=(Rescore(92, (2, 4), "Recovery plan agreed: the trust safeguarding lead runs the termly "
                                           "audits, Safehold reviews monthly until the exit review."),)),
    RiskSpec(STRAT, "Trust safeguarding lead stretched across five schools", NG_CEO, 5, (3, 3), (3, 3), (2, 2),
             "One person supports five DSLs and now leads the audits and the board reports.",
             "Audits slip and the board report is late.",
             rescores=(Rescore(40, (2, 2), "Deputy trust safeguarding lead appointed two days a week."),)),
    RiskSpec(REP, "Local press reports the whistleblowing disclosure", NG_CEO, 2, (3, 4), (3, 4), (1, 3),
             "The member of staff's concern has been talked about at the school gate.",
             "A story that the trust ignored warnings about a teacher.",
             rescores=(
                 Rescore(20, (4, 4), "The Gazette asked the trust whether it had ignored warnings; the holding "
                                     "statement was given."),
                 Rescore(75, (2, 3), "The Gazette's article was factual and reported the trust's changes; no "
                                     "follow-up since."),
             ),
             comments=((NG_CEO, "All press calls still come to me; no head teacher comments."),)),
    RiskSpec(REP, "Parents lose confidence in how the trust handles concerns about staff", NG_CEO, 3,
             (4, 3), (4, 3), (1, 3),
             "Parents at the school heard that colleagues' concerns about a teacher were not acted on.",
             "Complaints, withdrawals and a loss of trust in every school of the trust.",
             rescores=(
                 Rescore(55, (3, 3), "Letter to parents across the trust on how to raise a concern; the parents' "
                                     "forum met the trust CEO."),
                 Rescore(108, (2, 2), "The parents' forum's autumn survey: most parents know how to raise a "
                                      "concern and trust it will be acted on."),
             )),
    RiskSpec(REP, "DfE regions group questions the trust's governance", NG_CEO, 4, (3, 4), (3, 4), (1, 4),
             "The regional director's office asked how the board oversees safeguarding across the trust.",
             "Formal intervention or a condition on the trust's growth.",
             rescores=(Rescore(65, (2, 4), "The regions group was briefed on the governance changes and asked "
                                           "only for the next termly report."),)),
    RiskSpec(REP, "Staff believe the trust ignored the member of staff who raised the concern", NG_HR, 3,
             (4, 3), (4, 3), (2, 2),
             "Colleagues at the school saw the concerns go unrecorded for months.",
             "Staff stop raising concerns and the culture does not change.",
             rescores=(
                 Rescore(35, (3, 3), "Listening sessions held in every school; the trust CEO answered questions "
                                     "in person."),
                 Rescore(85, (2, 2), "Staff survey: nine in ten staff say they would raise a concern and know "
                                     "the independent route."),
             )),
    RiskSpec(FIN, "Cost of the independent review and the consultancy support", NG_CEO, 1, (4, 2), (4, 2), (4, 2),
             "The review, legal advice and Safehold's support are unbudgeted.",
             "Around a term's reserve spent on the response.",
             accepted="The cost is within the trust's contingency and is reported to the finance committee each "
                      "month; cutting the support would put the improvements at risk."),
    RiskSpec(FIN, "Insurer not told of a potential claim arising from the disclosure", NG_CEO, 2,
             (3, 4), (3, 4), (1, 2),
             "The trust's risk protection arrangement requires prompt notice of matters that may lead to a claim.",
             "Cover refused for a later claim.",
             rescores=(Rescore(4, (1, 2), "Risk protection arrangement notified; the reference is on the trust's "
                                          "file."),),
             closed="Notified and acknowledged; nothing further is needed unless a claim is made.",
             missed_review=True),
    RiskSpec(LEGAL, NG_DETRIMENT, NG_HR, 0, (3, 5), (3, 5), (1, 5),
             "The member of staff made a protected disclosure and still works alongside the people concerned.",
             "An employment tribunal claim and a message to every member of staff that speaking up costs them.",
             rescores=(
                 Rescore(15, (2, 5), "Named HR contact; no change to duties or timetable without an HR review."),
                 Rescore(60, (1, 5), "Fortnightly check-ins show no detriment; the member of staff confirmed it in "
                                     "writing."),
             )),
    RiskSpec(LEGAL, NG_LADO, PRIYA, 0, (4, 4), (4, 4), (1, 4),
             "Earlier concerns about staff in the trust's schools may have met the harm threshold and were never "
             "referred.",
             "A person who may pose a risk stays in post; the trust fails its statutory duty.",
             rescores=(
                 Rescore(20, (2, 4), "Every school's records of concerns about staff reviewed with the LADO; two "
                                     "consultations made, neither met the threshold."),
                 Rescore(80, (1, 4), "Referral checklist in every DSL's file; each new concern about staff is "
                                     "discussed with the LADO within a working day."),
             )),
    RiskSpec(LEGAL, "Data protection breach in the review of staff files", NG_HR, 5, (3, 3), (3, 3), (1, 2),
             "The review reads personnel files and email across five schools.",
             "A complaint to the ICO from a member of staff.",
             rescores=(Rescore(30, (1, 2), "Data protection impact assessment done; access limited to the "
                                           "reviewers and logged."),),
             closed="The review has finished; the files were returned and the access log checked.",
             missed_review=True),
    RiskSpec(PEOPLE, "Wellbeing of the member of staff who raised the concern", NG_HR, 1, (4, 3), (4, 3), (1, 3),
             "Raising the concern has strained relationships with colleagues at the school.",
             "Long-term absence or resignation.",
             rescores=(Rescore(30, (2, 3), "Occupational health referral and a named contact outside the school; "
                                           "fortnightly check-ins."),)),
    RiskSpec(PEOPLE, "School leaders defensive about the review's findings", NG_CEO, 6, (3, 3), (3, 3), (1, 2),
             "The head teacher of the school felt the review blamed her personally.",
             "Findings are not acted on at the school where they matter most.",
             rescores=(Rescore(70, (2, 2), "Coaching for the head teacher; she now presents the school's progress "
                                           "to the board herself."),)),
    RiskSpec(PEOPLE, "Teacher concerned returns to work before the LADO process ends", NG_HR, 2,
             (3, 4), (3, 4), (1, 4),
             "The LADO process on the teacher's conduct is still open.",
             "Contact with pupils before the risk has been assessed.",
             rescores=(Rescore(25, (1, 4), "Agreed with the LADO: no return without a risk assessment signed by "
                                           "the trust CEO."),)),
)
