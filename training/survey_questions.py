"""The consultancy's bank of survey questions, shipped as data: loaded after every migrate (missing
ones added, edited ones never overwritten), then edited in the admin. A survey copies the questions
it asks when it is created, so a change here never alters a survey already run.

Every statement is answered from "Strongly disagree" (1) to "Strongly agree" (5). Key questions
(`key`) make the key score the exit criteria and the improvement checkpoints read. Pupils' wording
is for older pupils and young people.
"""

from __future__ import annotations

# (key, group, text, key question)
QUESTIONS: list[tuple[str, str, str, bool]] = [
    # Staff
    ("staff-know-dsl", "staff", "I know who the designated safeguarding lead (DSL) is and how to reach them.", True),
    ("staff-raise-colleague", "staff", "I would feel confident raising a concern about a colleague.", True),
    ("staff-low-level", "staff", "I know how to report a low-level concern.", False),
    ("staff-acted-on", "staff", "Concerns I raise are taken seriously and acted on.", True),
    ("staff-training", "staff", "The safeguarding training I have had helps me in my role.", False),
    ("staff-leaders-serious", "staff", "Leaders here take safeguarding seriously.", True),
    ("staff-feedback", "staff", "I am told what happened after I raise a concern, as far as I can be.", False),
    ("staff-whistleblow", "staff", "I know how to raise a concern outside the organisation if I needed to.", False),
    # Leaders and governors
    ("leaders-informed", "leaders", "I receive the safeguarding information I need to hold the organisation "
     "to account.", True),
    ("leaders-challenge", "leaders", "I feel able to challenge safeguarding practice when I have doubts.", True),
    ("leaders-culture", "leaders", "Staff here would speak up if something felt wrong.", True),
    ("leaders-training", "leaders", "My own safeguarding training is up to date and relevant to my role.", False),
    ("leaders-plan", "leaders", "I understand the plan to improve safeguarding and my part in it.", True),
    ("leaders-recruitment", "leaders", "I am confident that our recruitment checks keep children safe.", False),
    ("leaders-lessons", "leaders", "We learn from what went wrong rather than moving on quickly.", False),
    # Parents and carers
    ("parents-who-to-speak", "parents", "I know who to speak to if I am worried about my child's safety.", True),
    ("parents-listened", "parents", "I am confident that a concern I raised would be listened to.", True),
    ("parents-child-safe", "parents", "My child is safe here.", True),
    ("parents-informed", "parents", "I am kept informed about how the organisation keeps children safe.", False),
    ("parents-online", "parents", "The organisation helps my child understand how to stay safe online.", False),
    ("parents-trust", "parents", "I trust the organisation to act when something goes wrong.", True),
    ("parents-improving", "parents", "Things have improved here over the last few months.", False),
    # Pupils and young people (older pupils)
    ("pupils-trusted-adult", "pupils", "There is an adult here I could talk to if I was worried.", True),
    ("pupils-feel-safe", "pupils", "I feel safe here.", True),
    ("pupils-online", "pupils", "I know how to stay safe online.", False),
    ("pupils-taken-seriously", "pupils", "If I told an adult I was worried, they would take me seriously.", True),
    ("pupils-bullying", "pupils", "Bullying and unkind behaviour are dealt with here.", False),
    ("pupils-know-how", "pupils", "I know how to report something that worries me, even without saying my name.",
     True),
    ("pupils-respect", "pupils", "Adults here treat young people with respect.", False),
]

# What each group reads at the top of its page (nothing about the case: only that it is anonymous).
GROUP_INTROS: dict[str, str] = {
    "staff": "This short survey asks how safeguarding works for you day to day. It is anonymous: we do not ask "
             "your name, and results are only ever shown for groups of people, never one person.",
    "leaders": "This short survey asks how well leaders and governors are able to see, challenge and improve "
               "safeguarding. It is anonymous, and results are only shown for the group as a whole.",
    "parents": "This short survey asks how confident you feel about how your child is kept safe. It is "
               "anonymous: please do not write your own name or your child's name in the answers.",
    "pupils": "This short survey asks whether you feel safe and know who to talk to. You do not give your name, "
              "and nobody can tell which answers are yours. You can skip any question.",
}


def load_questions(SurveyQuestion) -> int:  # noqa: N803 (the model, historical or current)
    """Add the shipped questions that are missing (by key); never change one already there."""
    have = set(SurveyQuestion.objects.values_list("key", flat=True))
    positions: dict[str, int] = {}
    new = []
    for key, group, text, key_question in QUESTIONS:
        positions[group] = positions.get(group, 0) + 1
        if key not in have:
            new.append(SurveyQuestion(key=key, group=group, text=text, key_question=key_question,
                                      position=positions[group] * 10))
    SurveyQuestion.objects.bulk_create(new)
    return len(new)
