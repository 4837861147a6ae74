"""The demo's engagement with stakeholders, as tables: stakeholders with contacts and trust history,
communications, press lines, schedules and the report history of Oakfield and Hope Street. Fictional
people and `.example` addresses; Ofcom's drama phone numbers; no child is named anywhere."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stakeholders.models import (
    Communication,
    Stakeholder,
    UpdateSchedule,
)

from .core import HS_CASE, HS_CHAIR, NG_CASE, NG_CEO, OAK_CASE, OAK_DSL, OAK_HEAD, PRIYA, TOM

# The same placeholder as the seed's evidence files: the smallest file that passes the PDF check.
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

K = Stakeholder.Kind
IN, OUT = Communication.Direction.IN, Communication.Direction.OUT
EMAIL, CALL, MEETING, LETTER = (Communication.Channel.EMAIL, Communication.Channel.CALL,
                                Communication.Channel.MEETING, Communication.Channel.LETTER)
LINK = Stakeholder.ReportDelivery.LINK
FRIDAY, MONDAY, WEDNESDAY = 4, 0, 2


@dataclass(frozen=True)
class ContactSpec:
    name: str
    role: str
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class StakeholderSpec:
    kind: str
    name: str
    owner: str  # email: the lead consultant, another consultant of the case or a leader
    trust: int  # when first recorded
    contacts: tuple[ContactSpec, ...]
    channel: str = Stakeholder.Channel.EMAIL
    receives_reports: bool = False
    delivery: str = Stakeholder.ReportDelivery.ATTACHMENT
    trust_changes: tuple[tuple[int, int, str], ...] = ()  # (days ago, to level, reason), oldest first


@dataclass(frozen=True)
class CommunicationSpec:
    days_ago: int
    at: str  # HH:MM, UK time
    direction: str
    channel: str
    with_: tuple[str, ...]  # stakeholder names
    summary: str
    mediation: str = ""  # consultant-only
    follow_up: int | None = None  # days from today (negative: overdue)
    follow_up_done: bool = False
    attachment: str = ""  # a small PDF under this name
    press_line: str = ""  # the title of the press line used (its approved wording)


@dataclass(frozen=True)
class PressLineSpec:
    title: str
    versions: tuple[tuple[int, str], ...]  # (days ago, wording), oldest first
    approver: str  # a leader of the organisation
    approved: int  # how many versions, from the first, are approved


@dataclass(frozen=True)
class ScheduleSpec:
    name: str
    with_: tuple[str, ...]
    cadence: str
    weekday: int
    at: dt.time
    requires_approval: bool = True
    audience: str = ""  # an audience profile's key; blank: the one the stakeholders' kinds take


@dataclass(frozen=True)
class ReportSpec:
    """A status report of the past: a run of a schedule (`runs_ago` periods before its next one), or
    one sent outside any schedule `hours_ago` hours ago to `with_`."""

    schedule: str = ""
    runs_ago: int = 0
    with_: tuple[str, ...] = ()
    hours_ago: int = 0
    requires_approval: bool = True
    approve: bool = True  # by a second consultant (the consultancy admin when the lead works alone)


@dataclass(frozen=True)
class EngagementSpec:
    stakeholders: tuple[StakeholderSpec, ...]
    communications: tuple[CommunicationSpec, ...]
    press_lines: tuple[PressLineSpec, ...]
    schedules: tuple[ScheduleSpec, ...]
    reports: tuple[ReportSpec, ...] = ()


# Oakfield Secondary Academy (Northgate Academy Trust), in Response ------------------------------

OFSTED, OAK_LADO, DFE = "Ofsted", "Northshire LADO", "DfE Regions Group (North)"
OAK_POLICE, PARENT_FORUM = "Northshire Police child abuse investigation team", "Year 8 Parent Forum"
OAK_STAFF, TRUST_BOARD = "Oakfield staff and union representatives", "Northgate Academy Trust board"
GAZETTE, NATIONAL = "Northshire Gazette", "National newspapers and broadcasters"
OAK_WEEKLY = "Weekly update to Ofsted and the LADO"
OAK_FORTNIGHTLY = "Fortnightly update to the trust board and the DfE"
# The DfE case lead has moved on: their mailbox refuses mail, so one delivery of the demo fails.
REFUSED_ADDRESS = "mark.osei@education.example"

OAKFIELD = EngagementSpec(
    stakeholders=(
        StakeholderSpec(
            K.REGULATOR, OFSTED, PRIYA, 2, receives_reports=True,
            contacts=(ContactSpec("Rachel Okafor", "Senior HMI", "rachel.okafor@ofsted.example", "03069 990214"),
                      ContactSpec("North region duty desk", "Regulatory support", "duty.north@ofsted.example",
                                  "03069 990100")),
            trust_changes=((8, 3, "Monitoring visit feedback: inspectors found that leaders acted promptly and "
                                  "that the LADO referral was timely."),),
        ),
        StakeholderSpec(
            K.LOCAL_AUTHORITY, OAK_LADO, OAK_DSL, 3, channel=Stakeholder.Channel.CALL, receives_reports=True,
            delivery=LINK,
            contacts=(ContactSpec("Paul Hendry", "Local authority designated officer", "lado@northshire.example",
                                  "0113 496 0571"),),
            trust_changes=((14, 4, "Staff re-briefed and the low-level concerns log in place within the "
                                   "timescale agreed at the strategy discussion."),),
        ),
        StakeholderSpec(
            K.GOVERNMENT, DFE, NG_CEO, 3, receives_reports=True,
            contacts=(ContactSpec("Joanne Whitfield", "Regional director's office",
                                  "joanne.whitfield@education.example", "0113 496 0902"),
                      ContactSpec("Mark Osei", "Academy case lead", REFUSED_ADDRESS, "0113 496 0917")),
        ),
        StakeholderSpec(
            K.POLICE, OAK_POLICE, OAK_DSL, 3, channel=Stakeholder.Channel.CALL,
            contacts=(ContactSpec("DC Laura Benson", "Investigating officer", "laura.benson@northshire-police.example",
                                  "0113 496 0832"),),
        ),
        StakeholderSpec(
            K.PARENTS, PARENT_FORUM, OAK_HEAD, 2,
            contacts=(ContactSpec("Sarah Whitmore", "Chair of the Parent Forum", "parentforum@oakfield-parents.example",
                                  "07700 900318"),),
            trust_changes=((39, 1, "Parents learnt of the suspension on social media before the school's letter "
                                   "reached them."),
                           (38, 2, "Call with the forum chair: she accepted why the school cannot comment on a "
                                   "member of staff and agreed to meet the head teacher."),
                           (15, 3, "Parents' meeting with the head teacher and Safehold: questions answered, and the "
                                   "forum chair thanked the school for the new way to raise a concern.")),
        ),
        StakeholderSpec(
            K.STAFF, OAK_STAFF, OAK_HEAD, 3,
            contacts=(ContactSpec("Neil Ashworth", "NEU school representative", "n.ashworth@oakfield-academy.example",
                                  "0113 496 0660"),),
            trust_changes=((22, 4, "All-staff briefing on the revised code of conduct well received; the union "
                                   "representative's questions were answered in writing."),),
        ),
        StakeholderSpec(
            K.GOVERNORS, TRUST_BOARD, NG_CEO, 4, receives_reports=True,
            contacts=(ContactSpec("Dr Anita Rao", "Chair of trustees", "chair@northgate-trust.example"),
                      ContactSpec("Peter Lomax", "Chair of Oakfield's local governing body",
                                  "p.lomax@northgate-trust.example", "07700 900527")),
        ),
        StakeholderSpec(
            K.LOCAL_MEDIA, GAZETTE, TOM, 3,
            contacts=(ContactSpec("Ellie Marsh", "Education reporter", "newsdesk@northshire-gazette.example",
                                  "0113 496 0245"),),
            trust_changes=((28, 2, "The article repeated a parents' group post claiming the teacher had been "
                                   "arrested; our correction ran a day later."),),
        ),
        StakeholderSpec(
            K.NATIONAL_MEDIA, NATIONAL, TOM, 3,
            contacts=(ContactSpec("Education desk", "National newspaper", "education.desk@national-news.example",
                                  "020 7946 0311"),),
        ),
    ),
    communications=(
        CommunicationSpec(47, "10:00", OUT, MEETING, (OAK_LADO, OAK_POLICE),
                          "Strategy discussion with the LADO, the police and children's social care: the police "
                          "lead a criminal investigation and the school pauses its own until they agree."),
        CommunicationSpec(43, "09:30", OUT, CALL, (OFSTED,),
                          "The head teacher notified Ofsted of the allegation and of the school's response; a "
                          "monitoring visit will follow.",
                          mediation="The head was defensive and interrupted the inspector twice. Agreed with her "
                                    "that I join every call with Ofsted and that the DSL gives the facts."),
        CommunicationSpec(42, "14:00", IN, EMAIL, (OFSTED,),
                          "Ofsted confirmed the visit's focus, safeguarding leadership and the management of "
                          "allegations, and asked for the single central record and the allegations log."),
        CommunicationSpec(40, "16:00", OUT, LETTER, (PARENT_FORUM,),
                          "Holding letter to Year 8 parents and carers, agreed with the LADO and the police: it "
                          "names no one and explains how to raise a concern with the DSL.",
                          attachment="year-8-holding-letter.pdf"),
        CommunicationSpec(39, "19:30", IN, EMAIL, (PARENT_FORUM,),
                          "The forum chair asked why parents heard about the suspension on social media before "
                          "the school's letter arrived.",
                          mediation="The chair is angry with the head personally. She will talk to me: the head "
                                    "does not reply in writing until we have met."),
        CommunicationSpec(38, "11:00", OUT, CALL, (PARENT_FORUM,),
                          "Safehold called the forum chair: why the school cannot comment on a member of staff, "
                          "and an offer of a meeting with the head teacher."),
        CommunicationSpec(36, "15:00", OUT, EMAIL, (TRUST_BOARD,),
                          "Briefing for the chair of trustees and the chair of the local governing body: the "
                          "allegation, the suspension, the referrals and the top five risks."),
        CommunicationSpec(35, "10:00", OUT, MEETING, (DFE,),
                          "The trust CEO and Safehold briefed the DfE's academy case lead on how the trust oversees "
                          "the school's response."),
        CommunicationSpec(33, "09:00", IN, CALL, (OAK_POLICE,),
                          "The investigating officer asked the school not to speak to two members of staff who are "
                          "witnesses until their statements have been taken."),
        CommunicationSpec(29, "10:30", IN, EMAIL, (GAZETTE,),
                          "The Gazette asked for comment on the suspension of a teacher; the trust's press office "
                          "gave the approved holding statement."),
        CommunicationSpec(28, "16:00", OUT, EMAIL, (GAZETTE,),
                          "Correction sent to the reporter: no one has been arrested. Referred again to the holding "
                          "statement.",
                          mediation="The reporter has a contact in a parents' group chat: assume that anything said "
                                    "at the parents' meeting reaches the paper."),
        CommunicationSpec(27, "09:00", IN, CALL, (NATIONAL,),
                          "A national newspaper asked whether the case is linked to other schools of the trust; the "
                          "press office gave the holding statement and declined further comment.",
                          press_line="Holding statement"),
        CommunicationSpec(22, "13:00", OUT, MEETING, (OAK_STAFF,),
                          "All-staff briefing on the revised code of conduct and low-level concerns; the union "
                          "representative asked about the suspended colleague's welfare."),
        CommunicationSpec(21, "11:00", IN, EMAIL, (OAK_STAFF,),
                          "The NEU representative asked for the support arrangements for the suspended colleague "
                          "in writing."),
        CommunicationSpec(15, "18:00", OUT, MEETING, (PARENT_FORUM,),
                          "Parents' meeting with the head teacher and Safehold: the revised code of conduct, the "
                          "low-level concerns log and the new route for raising a concern.",
                          mediation="Far calmer than feared; the forum chair thanked the head in front of everyone. "
                                    "Keep the head in front of parents from now on."),
        CommunicationSpec(14, "10:00", OUT, EMAIL, (OAK_LADO,),
                          "Update to the LADO: staff re-briefed and the low-level concerns log in place; asked when "
                          "the police expect to finish taking witness statements.",
                          follow_up=-3),
        CommunicationSpec(10, "14:00", IN, EMAIL, (DFE,),
                          "The DfE case lead asked for the revised allegations management policy once the trust "
                          "board has approved it.",
                          follow_up=3),
        CommunicationSpec(8, "15:00", IN, MEETING, (OFSTED,),
                          "Monitoring visit feedback: leaders acted promptly and the LADO referral was timely. "
                          "Inspectors asked for evidence that every member of staff understands the revised code.",
                          follow_up=5),
        CommunicationSpec(6, "09:30", OUT, EMAIL, (OFSTED,),
                          "Sent the Senior HMI the briefing attendance record: 84 of 91 staff, the other 7 booked "
                          "on the catch-up session.",
                          attachment="staff-briefing-attendance.pdf"),
        CommunicationSpec(4, "11:00", IN, CALL, (OAK_POLICE,),
                          "The witness statements are complete; the school may resume its own investigation once the "
                          "CPS has decided, expected within four weeks.",
                          follow_up=14),
        CommunicationSpec(2, "16:30", OUT, EMAIL, (TRUST_BOARD,),
                          "Note to the trust board before its meeting: the revised allegations policy for approval "
                          "and the progress of the action plan.",
                          follow_up=-1, follow_up_done=True),
        CommunicationSpec(1, "12:00", IN, EMAIL, (GAZETTE,),
                          "The reporter asked whether the teacher has returned to work; answered with the holding "
                          "statement.", press_line="Holding statement"),
    ),
    press_lines=(
        PressLineSpec(
            "Holding statement",
            ((29, "Oakfield Secondary Academy is aware of a concern about a member of staff. We acted at once and "
                  "are working closely with the local authority and the police. The safety and wellbeing of our "
                  "pupils is our first priority. As this is an ongoing matter about a member of staff, we cannot "
                  "comment further."),),
            approver=NG_CEO, approved=1,
        ),
        PressLineSpec(
            "Letter to parents and carers: key line",
            ((40, "We want to reassure you that the school acted as soon as a concern was raised, and that we are "
                  "working with the local authority designated officer and the police. If you have any worry about "
                  "your child's safety, please contact our designated safeguarding lead."),
             (7, "Ofsted's monitoring visit found that leaders acted promptly when the concern was raised. We "
                 "continue to work with the local authority designated officer and the police; if you have any "
                 "worry about your child's safety, please contact our designated safeguarding lead.")),
            approver=OAK_HEAD, approved=1,
        ),
    ),
    schedules=(
        ScheduleSpec(OAK_WEEKLY, (OFSTED, OAK_LADO), UpdateSchedule.Cadence.WEEKLY, FRIDAY, dt.time(9)),
        ScheduleSpec(OAK_FORTNIGHTLY, (TRUST_BOARD, DFE), UpdateSchedule.Cadence.FORTNIGHTLY, MONDAY,
                     dt.time(8), audience="regulator"),
    ),
    reports=(
        ReportSpec(schedule=OAK_WEEKLY, runs_ago=3),
        ReportSpec(schedule=OAK_WEEKLY, runs_ago=2),
        ReportSpec(schedule=OAK_WEEKLY, runs_ago=1),
        # Approved and sent, but one recipient's mailbox refuses it: the delivery shows failed, with Resend.
        ReportSpec(schedule=OAK_FORTNIGHTLY, runs_ago=1, approve=True),
        # An extra report after the police update, waiting for a consultant's approval.
        ReportSpec(with_=(OFSTED, OAK_LADO), hours_ago=1, approve=False),
    ),
)


# Hope Street Youth Charity, restricted, in Engagement -------------------------------------------

COMMISSION, HS_LADO = "Charity Commission", "Riverside Borough LADO"
HS_POLICE, HS_PARENTS = "Northshire Police online child protection team", "Parents and carers of club members"
HS_STAFF, HS_TRUSTEES = "Youth workers and volunteers", "Board of trustees"
FUNDER, COMMISSIONER = "Northshire Community Foundation (funder)", "Riverside Borough youth service"
ECHO = "Riverside Echo"

HOPE_STREET = EngagementSpec(
    stakeholders=(
        StakeholderSpec(
            K.REGULATOR, COMMISSION, HS_CHAIR, 3, receives_reports=True,
            contacts=(ContactSpec("Imran Qureshi", "Case officer, serious incidents",
                                  "serious.incidents@charitycommission.example", "03069 990371"),),
        ),
        StakeholderSpec(
            K.LOCAL_AUTHORITY, HS_LADO, PRIYA, 3, channel=Stakeholder.Channel.CALL, receives_reports=True,
            delivery=LINK,
            contacts=(ContactSpec("Denise Carroll", "Local authority designated officer",
                                  "lado@riverside-borough.example", "0117 496 0418"),),
        ),
        StakeholderSpec(
            K.POLICE, HS_POLICE, PRIYA, 3, channel=Stakeholder.Channel.CALL,
            contacts=(ContactSpec("DC Gareth Ince", "Investigating officer",
                                  "gareth.ince@northshire-police.example", "0117 496 0650"),),
        ),
        StakeholderSpec(
            K.PARENTS, HS_PARENTS, HS_CHAIR, 2,
            contacts=(ContactSpec("Angela Boyd", "Parents' representative", "angela.boyd@hopestreet-parents.example",
                                  "07700 900771"),),
            trust_changes=((10, 3, "Parents' evening with the chair and Safehold: the club's safeguarding "
                                   "arrangements explained, and parents asked to help write the online safety "
                                   "rules."),),
        ),
        StakeholderSpec(
            K.STAFF, HS_STAFF, HS_CHAIR, 3,
            contacts=(ContactSpec("Leah Ndlovu", "Volunteer coordinator", "volunteers@hopestreet-charity.example"),),
        ),
        StakeholderSpec(
            K.GOVERNORS, HS_TRUSTEES, HS_CHAIR, 3,
            contacts=(ContactSpec("Olivia Grant", "Chair of trustees", "chair@hopestreet-charity.example",
                                  "07700 900845"),),
        ),
        StakeholderSpec(
            K.FUNDER, FUNDER, PRIYA, 4, receives_reports=True,
            contacts=(ContactSpec("Rebecca Lyons", "Grants manager", "grants@northshire-foundation.example",
                                  "0117 496 0733"),),
            trust_changes=((14, 3, "The grants manager knows the trustee concerned; funding is under review until "
                                   "the next grants panel."),),
        ),
        StakeholderSpec(
            K.LOCAL_AUTHORITY, COMMISSIONER, PRIYA, 3, receives_reports=True,
            contacts=(ContactSpec("Owen Mitchell", "Youth service commissioning manager",
                                  "owen.mitchell@riverside-borough.example", "0117 496 0289"),),
        ),
        StakeholderSpec(
            K.LOCAL_MEDIA, ECHO, PRIYA, 3,
            contacts=(ContactSpec("Jake Doran", "Reporter", "news@riverside-echo.example", "0117 496 0901"),),
        ),
    ),
    communications=(
        CommunicationSpec(20, "13:00", OUT, CALL, (HS_LADO,),
                          "LADO consulted: the concern meets the threshold for the allegations process; the LADO "
                          "informed the police."),
        CommunicationSpec(20, "16:00", IN, CALL, (HS_POLICE,),
                          "The online child protection team took the referral and asked the charity to keep the "
                          "messages shown to the youth worker and not to question the young people."),
        CommunicationSpec(19, "15:00", OUT, EMAIL, (COMMISSION,),
                          "Serious incident report sent by the chair, authorised by the trustees, with the LADO and "
                          "police references and the steps taken so far."),
        CommunicationSpec(17, "10:00", IN, EMAIL, (COMMISSION,),
                          "The case officer acknowledged the report and asked how the trustees manage the trustee's "
                          "step back and who now holds the funder relationship."),
        CommunicationSpec(16, "14:00", OUT, EMAIL, (COMMISSION,),
                          "The chair replied: the trustee has stepped back from all duties, the vice-chair holds "
                          "the funder relationship and the board meets within the week."),
        CommunicationSpec(15, "11:00", OUT, MEETING, (HS_TRUSTEES,),
                          "Extraordinary board meeting, without the trustee concerned: the step back confirmed and "
                          "the case restricted to the chair and Safehold.",
                          mediation="Two trustees are friends of the trustee concerned and questioned the step back; "
                                    "the chair held the line. Watch for details travelling back to him."),
        CommunicationSpec(14, "10:00", OUT, CALL, (FUNDER,),
                          "Briefed the funder's grants manager with the facts agreed with the chair: a concern about "
                          "a trustee, reported to the LADO, the police and the Charity Commission; the trustee has "
                          "stepped back.",
                          mediation="She knows the trustee socially and asked who made the report. I declined and she "
                                    "accepted it. Funding is decided at their next panel."),
        CommunicationSpec(13, "18:00", OUT, MEETING, (HS_STAFF,),
                          "Briefing for youth workers and volunteers: what they may say, how to answer young people's "
                          "questions and where to take a new concern."),
        CommunicationSpec(11, "17:00", IN, EMAIL, (HS_PARENTS,),
                          "The parents' representative asked why the adults at the Friday club had changed and "
                          "whether the club is safe."),
        CommunicationSpec(10, "19:00", OUT, MEETING, (HS_PARENTS,),
                          "Parents' evening with the chair and Safehold: the club's safeguarding arrangements, the "
                          "online safety rules and who to contact. No detail of the concern was given."),
        CommunicationSpec(9, "14:30", OUT, MEETING, (COMMISSIONER,),
                          "Briefing for the youth service commissioner: what happened, what the charity has done and "
                          "how young people are kept safe at the club.",
                          follow_up=-2),
        CommunicationSpec(7, "09:00", IN, EMAIL, (ECHO,),
                          "The Echo asked whether a trustee has been suspended; the chair gave the approved holding "
                          "statement.",
                          follow_up=2, press_line="Holding statement"),
        CommunicationSpec(6, "11:00", OUT, CALL, (HS_LADO,),
                          "Update to the LADO on the board's decisions and the parents' evening; the LADO will call "
                          "an allegations management meeting.",
                          follow_up=4),
        CommunicationSpec(5, "18:00", OUT, CALL, (HS_PARENTS,),
                          "Call with the parents' representative after the parents' evening: the draft online safety "
                          "rules go to parents for comment next week."),
        CommunicationSpec(4, "15:00", IN, EMAIL, (FUNDER,),
                          "The funder asked for a written update before its grants panel.",
                          follow_up=-1),
        CommunicationSpec(3, "10:00", OUT, EMAIL, (HS_POLICE,),
                          "Confirmed to the police that the messages are kept safe and that the trustee has had no "
                          "contact with the club since stepping back."),
        CommunicationSpec(2, "16:00", IN, CALL, (COMMISSION,),
                          "The case officer asked for an update once the allegations management meeting has been "
                          "held.",
                          follow_up=6),
    ),
    press_lines=(
        PressLineSpec(
            "Holding statement",
            ((8, "Hope Street Youth Charity is aware of a concern and acted immediately. We have informed the "
                 "relevant authorities and are cooperating fully with them. The safety of the young people who "
                 "attend our clubs is our first priority; we cannot comment further while this is looked into."),),
            approver=HS_CHAIR, approved=1,
        ),
        PressLineSpec(
            "Message to parents and carers",
            ((11, "We have changed some of the adults who help at the Friday youth club while we look into a "
                  "concern. The club is open as usual and our youth workers are there every week. If you have a "
                  "worry, please speak to a youth worker or contact the chair of trustees."),
             (3, "Thank you to everyone who came to the parents' evening. The club is open as usual, our youth "
                 "workers are there every week, and new online safety rules will come to you for comment. If you "
                 "have a worry, please speak to a youth worker or contact the chair of trustees.")),
            approver=HS_CHAIR, approved=1,
        ),
    ),
    schedules=(
        ScheduleSpec("Weekly update to the Charity Commission and the LADO", (COMMISSION, HS_LADO),
                     UpdateSchedule.Cadence.WEEKLY, FRIDAY, dt.time(9)),
        ScheduleSpec("Fortnightly update to the funder and the youth service", (FUNDER, COMMISSIONER),
                     UpdateSchedule.Cadence.FORTNIGHTLY, WEDNESDAY, dt.time(10), audience="funder"),
    ),
)

# Northgate Academy Trust, in Recovery: the crisis months' contacts, quieter now --------------------

NG_LADO, NG_DFE = "Northshire LADO (trust case)", "DfE Regions Group — regional director's office"
NG_PARENTS, NG_BOARD = "Northgate Trust Parents' Forum", "Northgate Academy Trust board (trustees)"
NG_STAFF, NG_GAZETTE = "Staff of the trust's schools and their unions", "Northshire Gazette (trust case)"

NORTHGATE = EngagementSpec(
    stakeholders=(
        StakeholderSpec(
            K.LOCAL_AUTHORITY, NG_LADO, PRIYA, 3, channel=Stakeholder.Channel.CALL,
            contacts=(ContactSpec("Paul Hendry", "Local authority designated officer", "lado@northshire.example",
                                  "0113 496 0571"),),
            trust_changes=((100, 4, "Every school's records reviewed with the LADO within the three weeks agreed; "
                                    "two consultations made promptly."),),
        ),
        StakeholderSpec(
            K.GOVERNMENT, NG_DFE, NG_CEO, 2,
            contacts=(ContactSpec("Joanne Whitfield", "Regional director's office",
                                  "joanne.whitfield@education.example", "0113 496 0902"),),
            trust_changes=((47, 3, "Briefing on the board's termly report and the independent whistleblowing "
                                   "route: the office asked only to see the next report."),),
        ),
        StakeholderSpec(
            K.PARENTS, NG_PARENTS, NG_CEO, 2,
            contacts=(ContactSpec("Farida Mirza", "Chair of the parents' forum", "forum@northgate-parents.example",
                                  "07700 900412"),),
            trust_changes=((66, 3, "The trust's letter on raising a concern went to the forum first; the chair "
                                   "thanked the trust CEO for meeting parents in person."),
                           (12, 4, "The forum's autumn survey: most parents know how to raise a concern and trust "
                                   "it will be acted on.")),
        ),
        StakeholderSpec(
            K.GOVERNORS, NG_BOARD, NG_CEO, 3,
            contacts=(ContactSpec("Dr Anita Rao", "Chair of trustees", "chair@northgate-trust.example"),),
            trust_changes=((58, 4, "First termly report on concerns about staff discussed in full; a trustee now "
                                   "leads on safeguarding."),),
        ),
        StakeholderSpec(
            K.STAFF, NG_STAFF, NG_CEO, 2,
            contacts=(ContactSpec("Neil Ashworth", "NEU trust representative", "n.ashworth@oakfield-academy.example",
                                  "0113 496 0660"),),
            trust_changes=((85, 3, "Listening sessions in every school; the union representative said staff felt "
                                   "heard for the first time."),),
        ),
        StakeholderSpec(
            K.LOCAL_MEDIA, NG_GAZETTE, TOM, 3,
            contacts=(ContactSpec("Ellie Marsh", "Education reporter", "newsdesk@northshire-gazette.example",
                                  "0113 496 0245"),),
        ),
    ),
    communications=(
        CommunicationSpec(120, "14:30", OUT, CALL, (NG_LADO,),
                          "The trust CEO referred the collated concerns about a teacher to the LADO; the teacher "
                          "is not teaching while the LADO process runs."),
        CommunicationSpec(118, "16:00", OUT, EMAIL, (NG_BOARD,),
                          "Briefing for the chair of trustees: the disclosure, the LADO referral and the decision "
                          "to review every school, not only one."),
        CommunicationSpec(100, "10:30", IN, EMAIL, (NG_GAZETTE,),
                          "The Gazette asked whether the trust had ignored warnings about a teacher; the trust "
                          "office gave the approved holding statement.",
                          press_line="Holding statement"),
        CommunicationSpec(100, "11:00", OUT, MEETING, (NG_LADO,),
                          "Review of every school's records of concerns about staff with the LADO: two further "
                          "consultations, neither meeting the harm threshold."),
        CommunicationSpec(85, "16:00", OUT, MEETING, (NG_STAFF,),
                          "Listening sessions in each school led by the trust CEO and HR: the independent "
                          "whistleblowing route and the new low-level concerns log.",
                          mediation="Staff at the school were angry with their head teacher; the trust CEO took the "
                                    "questions about leadership herself."),
        CommunicationSpec(66, "18:30", OUT, MEETING, (NG_PARENTS,),
                          "The trust CEO met the parents' forum: how to raise a concern about a member of staff and "
                          "what the trust now does with it."),
        CommunicationSpec(47, "15:00", OUT, MEETING, (NG_DFE,),
                          "The trust CEO and Safehold briefed the regional director's office on the board's termly "
                          "report and the independent whistleblowing route.",
                          attachment="termly-report-summary.pdf"),
        CommunicationSpec(30, "17:00", OUT, EMAIL, (NG_BOARD, NG_DFE),
                          "The recovery plan agreed with the board sent to the trustees and the regions group: "
                          "termly audits by the trust safeguarding lead, monthly review by Safehold."),
        CommunicationSpec(12, "12:00", IN, EMAIL, (NG_PARENTS,),
                          "The forum chair shared the results of the parents' autumn survey on raising concerns."),
    ),
    press_lines=(
        PressLineSpec(
            "Holding statement",
            ((101, "Northgate Academy Trust takes every concern raised by its staff seriously. When a member of "
                   "staff raised concerns, we acted at once, involved the local authority, and asked an independent "
                   "safeguarding consultancy to review how all our schools record and act on concerns. We cannot "
                   "comment on individual members of staff."),),
            approver=NG_CEO, approved=1,
        ),
    ),
    schedules=(),
)

ENGAGEMENT: dict[str, EngagementSpec] = {OAK_CASE: OAKFIELD, HS_CASE: HOPE_STREET, NG_CASE: NORTHGATE}
