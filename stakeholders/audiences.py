"""The shipped audience profiles: which version of the status report each audience receives.

Each profile lists the report's sections it shows. The defaults follow one rule: an audience sees
what it needs to act on and nothing that is someone else's business. A regulator, the local
authority designated officer (LADO) and the police are statutory partners: they see everything,
statutory contacts and deadlines included. Governors and trustees are the organisation itself and
may receive reports without approval. A funder sees progress in figures, never named stakeholders,
police or LADO contacts, deadlines or titles. Parents and carers and the media see the agreed public
statement and progress, never the risk register.

Loaded by migration 0004 and again after every migrate (a flush empties the table), adding only the
profiles that are missing: a profile edited in the admin is never changed back.
"""

from __future__ import annotations

# In report order; the same values as AudienceProfile.Section.
ALL_SECTIONS = ["headline", "stage", "changes", "risk_figures", "top_risks", "action_figures", "overdue_actions",
                "stakeholders", "trend", "next_steps", "deadlines", "public_statement"]
PUBLIC_MARKING = "OFFICIAL — may be shared with the school community"

DEFAULT_AUDIENCES: list[dict] = [
    {
        "key": "regulator", "name": "Regulator", "position": 10, "external": True,
        "description": "Ofsted, the Charity Commission, ISI, a government department: the whole picture.",
        "sections": [s for s in ALL_SECTIONS if s not in ("stage", "public_statement")],
        "stakeholder_kinds": ["regulator", "government"],
    },
    {
        "key": "local_authority", "name": "Local authority, LADO and police", "position": 20, "external": True,
        "description": "Statutory safeguarding partners: the whole picture, statutory contacts and deadlines.",
        "sections": [s for s in ALL_SECTIONS if s not in ("stage", "public_statement")],
        "stakeholder_kinds": ["local_authority", "police"],
    },
    {
        "key": "governors", "name": "Governors and trustees", "position": 30, "external": False,
        "description": "The organisation's own board: everything, with the public statement it speaks with.",
        "sections": [s for s in ALL_SECTIONS if s != "stage"],
        "stakeholder_kinds": ["governors"],
    },
    {
        "key": "funder", "name": "Funder", "position": 40, "external": True,
        "description": "Progress in figures only: no named stakeholders, statutory or police contacts, "
                       "deadlines or titles of risks and actions.",
        "sections": ["stage", "changes", "risk_figures", "action_figures", "trend"],
        "stakeholder_kinds": ["funder", "other"],
    },
    {
        "key": "parents", "name": "Parents and carers", "position": 50, "external": True,
        "description": "The agreed public statement and progress in figures, never the risk register.",
        "sections": ["stage", "public_statement", "action_figures"],
        "stakeholder_kinds": ["parents", "staff"],
        "protective_marking": PUBLIC_MARKING,
    },
    {
        "key": "media", "name": "Media", "position": 60, "external": True,
        "description": "The agreed public statement only.",
        "sections": ["stage", "public_statement"],
        "stakeholder_kinds": ["local_media", "national_media"],
        "protective_marking": "OFFICIAL — for publication only as the statement it contains",
    },
]


def load_audiences(model) -> int:
    """Add the shipped profiles that are missing; returns how many were added."""
    existing = set(model.objects.values_list("key", flat=True))
    missing = [model(**profile) for profile in DEFAULT_AUDIENCES if profile["key"] not in existing]
    model.objects.bulk_create(missing)
    return len(missing)
