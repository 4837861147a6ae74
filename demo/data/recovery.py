"""The demo's stage 4 (moving out of critical care), per case: culture surveys and their rounds,
observations and learning walks, exit sign-offs, the closure report, and a knowledge check per
organisation. Days count back from today. Survey answers are written from a pattern per round, so
each group's key score lands where the story needs it (Oakfield's staff up from about 3.1 to 3.9;
St Anne's and Northgate above the exit threshold of 4.0), and no answer belongs to anyone."""

from __future__ import annotations

from dataclasses import dataclass

from .core import NG_CEO, PRIYA, SA_HEAD, TOM


@dataclass(frozen=True)
class RoundSpec:
    round: str  # baseline, checkpoint or exit
    opened_days_ago: int
    closed_days_ago: int | None  # None: still open
    # group -> (responses, answer pattern): respondent r answers item i with pattern[(r + i) % len(pattern)]
    responses: dict[str, tuple[int, tuple[int, ...]]]
    comments: tuple[tuple[str, bool], ...] = ()  # (text, marked shareable)


@dataclass(frozen=True)
class SurveySpec:
    title: str
    groups: tuple[str, ...]
    rounds: tuple[RoundSpec, ...]  # the baseline first


@dataclass(frozen=True)
class ObservationSpec:
    days_ago: int
    kind: str  # observation or learning_walk
    area: str
    seen: str
    rating: str  # working_well, developing or concern
    observer: str = PRIYA


@dataclass(frozen=True)
class SignOffSpec:
    role: str  # leader or lead_consultant
    email: str  # the leader who signs; the lead consultant is the case's own
    days_ago: int
    note: str


@dataclass(frozen=True)
class ClosureSpec:
    lessons_learned: str
    handover: str
    drafted_days_ago: int
    approved_days_ago: int  # by a second consultant of the case


@dataclass(frozen=True)
class RecoverySpec:
    surveys: tuple[SurveySpec, ...] = ()
    observations: tuple[ObservationSpec, ...] = ()
    sign_offs: tuple[SignOffSpec, ...] = ()
    closure: ClosureSpec | None = None


LOW = (3, 3, 2, 4, 3, 3, 4, 3, 2, 4, 3, 3)  # about 3.1
HIGHER = (4, 4, 3, 4, 5, 4, 3, 4, 4, 4, 3, 5)  # about 3.9
HIGH = (4, 5, 4, 4, 5, 4, 4, 5, 4, 4, 5, 4)  # about 4.3
MIXED = (3, 4, 3, 3, 4, 4, 2, 4, 3, 4, 3, 4)  # about 3.4

RECOVERY: dict[str, RecoverySpec] = {
    "Allegation against a member of staff": RecoverySpec(
        surveys=(
            SurveySpec(
                "Staff and parents: culture and confidence", ("staff", "parents"),
                rounds=(
                    RoundSpec("baseline", 36, 29, {"staff": (14, LOW), "parents": (22, MIXED)}, comments=(
                        ("I did not know who to tell when I was worried about a colleague's messages to a pupil.",
                         True),
                        ("The DSL is always busy; I am not sure my concern last term went anywhere.", False),
                    )),
                    RoundSpec("checkpoint", 9, None, {"staff": (17, HIGHER), "parents": (4, HIGHER)}, comments=(
                        ("The whole-staff training made the low-level concerns form clear. I have used it.", True),
                    )),
                ),
            ),
        ),
        observations=(
            ObservationSpec(12, "learning_walk", "Reception and signing-in",
                            "Visitors signed in and wore lanyards; the safeguarding poster names the current DSL and "
                            "deputies with photographs.", "working_well"),
            ObservationSpec(5, "observation", "Year 8 corridor at lunch",
                            "Two staff on duty, but neither could say how to record a low-level concern without asking "
                            "the office.", "developing", TOM),
        ),
    ),
    "Safeguarding judged ineffective at inspection": RecoverySpec(
        surveys=(
            SurveySpec(
                "Staff culture and confidence", ("staff",),
                rounds=(
                    RoundSpec("baseline", 114, 107, {"staff": (12, MIXED)}),
                    RoundSpec("exit", 26, 16, {"staff": (13, HIGH)}, comments=(
                        ("The single central record checks are now part of every start date, not a scramble.", True),
                    )),
                ),
            ),
        ),
        observations=(
            ObservationSpec(50, "learning_walk", "Office: single central record",
                            "The record was complete for every adult on site; the volunteer checks are filed with "
                            "the dates the business manager saw the certificates.", "working_well"),
            ObservationSpec(30, "observation", "Staff meeting: safeguarding update",
                            "Staff discussed two anonymised scenarios and agreed what to record; every member of "
                            "staff present could name the DSL and the deputy.", "working_well", TOM),
        ),
        sign_offs=(
            SignOffSpec("leader", SA_HEAD, 9, "Governors agreed the school is ready to leave critical care."),
            SignOffSpec("lead_consultant", PRIYA, 8, "Every exit criterion met and evidenced at the exit review."),
        ),
        closure=ClosureSpec(
            lessons_learned=(
                "Checks on volunteers were the gap that inspectors found: a single central record that is "
                "checked termly by a governor catches that before an inspection does. Recording in one secure "
                "system made patterns visible that paper files had hidden. Staff confidence rose once training "
                "was followed by short scenario discussions in staff meetings."
            ),
            handover=(
                "The head teacher owns the single central record and the termly governor check; the DSL owns the "
                "annual training cycle and the recording system. The follow-up reviews at three and six months "
                "check that both have held."
            ),
            drafted_days_ago=4,
            approved_days_ago=3,
        ),
    ),
    "Trust-wide safeguarding culture after a whistleblowing disclosure": RecoverySpec(
        surveys=(
            SurveySpec(
                "Trust staff culture survey", ("staff",),
                rounds=(
                    RoundSpec("baseline", 70, 63, {"staff": (15, MIXED)}),
                    RoundSpec("exit", 12, 3, {"staff": (16, HIGH)}, comments=(
                        ("Low-level concerns are logged and I got a reply within a week.", True),
                        ("Still not sure the trust office reads the logs from our school.", False),
                    )),
                ),
            ),
        ),
        observations=(
            ObservationSpec(20, "learning_walk", "Trust office: low-level concerns log",
                            "Every concern logged since the new procedure has a recorded decision and a date; two "
                            "from one school waited more than five days.", "developing"),
        ),
        sign_offs=(
            SignOffSpec("leader", NG_CEO, 2, "Ready to close once the last actions are verified and the two "
                                             "refreshers are done."),
            SignOffSpec("lead_consultant", PRIYA, 2, "Signed subject to the two criteria still open."),
        ),
    ),
}

# A knowledge check on each school's whole-staff course: (organisation, course title, scores by person).
KNOWLEDGE_CHECKS: tuple[tuple[str, str, dict[str, int]], ...] = (
    ("Oakfield Secondary Academy", "Whole-staff safeguarding and child protection",
     {"James Patel": 100, "Sophie Turner": 80, "Helen Carter": 100}),
)
KNOWLEDGE_CHECK_QUESTIONS = (
    {"text": "A colleague's behaviour towards a pupil worries you but seems minor. What do you do?",
     "options": [{"text": "Record it as a low-level concern and tell the DSL the same day", "correct": True},
                 {"text": "Wait to see if it happens again"},
                 {"text": "Speak to the colleague yourself and leave it there"}]},
    {"text": "Who do you tell about an allegation against the head teacher?",
     "options": [{"text": "The chair of governors", "correct": True},
                 {"text": "The head teacher"},
                 {"text": "Nobody until you have proof"}]},
    {"text": "A pupil tells you something and asks you to keep it secret. You:",
     "options": [{"text": "Promise to keep it secret"},
                 {"text": "Explain you may need to share it to keep them safe", "correct": True}]},
    {"text": "Within what time should an allegation against staff be referred to the LADO?",
     "options": [{"text": "Within one working day", "correct": True},
                 {"text": "Within a month"},
                 {"text": "Only after the school's own investigation"}]},
    {"text": "Where do you find the names of the DSL and deputies?",
     "options": [{"text": "On the posters in every room and in the staff handbook", "correct": True},
                 {"text": "Only in the governors' minutes"}]},
)
