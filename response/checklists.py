"""The best-practice checklist shipped for each policy type (from KCSIE and published guidance).

Loaded into ChecklistRequirement by migration 0005; consultancy admins edit them in the admin
afterwards. `load_checklists` adds what is missing and never changes an edited requirement.
"""

from __future__ import annotations

CHECKLISTS: dict[str, list[str]] = {
    "child_protection": [
        "Names the DSL and deputy DSLs, with contact details",
        "Reflects the current KCSIE and the local safeguarding partnership's procedures",
        "Covers child-on-child (peer-on-peer) abuse",
        "Covers online safety, including filtering and monitoring",
        "Covers children missing education",
        "Covers contextual safeguarding",
        "Explains how to record and report a concern",
        "Reviewed at least annually and approved by the governing body",
        "Published on the website",
    ],
    "staff_code": [
        "Sets boundaries for contact with children, including online and on social media",
        "Covers one-to-one working, physical contact, gifts and transporting children",
        "Explains the duty to report concerns, including low-level concerns",
        "Links to the whistleblowing and allegations procedures",
        "Read and acknowledged in writing by every member of staff and volunteer",
        "Reviewed at least annually",
    ],
    "safer_recruitment": [
        "Enhanced DBS check with barred list check for everyone in regulated activity",
        "Single central record holds every required check with its date",
        "Every interview panel includes a member trained in safer recruitment",
        "References are obtained and scrutinised before interview",
        "Shortlisted candidates are told an online search may be carried out",
        "Written confirmation of checks is obtained for agency and contractor staff",
    ],
    "whistleblowing": [
        "Explains how and to whom to raise a concern inside the organisation",
        "Names external routes: the NSPCC whistleblowing helpline, the LADO and the regulator",
        "Protects whistleblowers from detriment and explains confidentiality",
        "Reviewed at least annually",
    ],
    "allegations": [
        "Follows KCSIE part four for allegations that meet the harm threshold",
        "Requires referral to the LADO within one working day",
        "Names the case manager and who deals with allegations against the head or principal",
        "Sets out how suspension is considered and alternatives to it",
        "Uses the outcome definitions: substantiated, unsubstantiated, unfounded, false, malicious",
        "Says how records are kept and what references may say",
    ],
    "low_level_concerns": [
        "Defines a low-level concern with examples",
        "Explains how to share a concern and to whom, and encourages self-reporting",
        "Concerns are recorded and reviewed for patterns",
        "Explains how the information is kept confidential",
    ],
    "online_safety": [
        "Filtering and monitoring meet the DfE standards and are reviewed annually",
        "The DSL holds lead responsibility for filtering and monitoring",
        "Staff are trained in online safety as part of safeguarding training",
        "Acceptable use agreements for staff, pupils and visitors",
        "Explains the response to incidents, including sharing nudes and semi-nudes",
    ],
    "behaviour": [
        "Sets out expected behaviour, rewards and sanctions",
        "Covers searching, screening and confiscation",
        "Covers the use of reasonable force",
        "Links behaviour concerns to safeguarding referrals",
    ],
    "attendance": [
        "Sets out how absence is followed up on the first day",
        "Explains when a child missing education is referred to the local authority",
        "Names who monitors attendance patterns for safeguarding concerns",
    ],
    "anti_bullying": [
        "Defines bullying, including online and prejudice-based bullying",
        "Explains how to report bullying and how reports are recorded",
        "Says how the organisation responds and supports those involved",
    ],
    "rse": [
        "Meets the statutory guidance on relationships, sex and health education",
        "Parents have been consulted on the policy",
        "Explains the right to withdraw and how it is handled",
    ],
    "health_safety": [
        "Names who is responsible for health and safety",
        "Covers risk assessments for activities and trips",
        "Covers first aid and accident reporting",
    ],
    "data_protection": [
        "Names the data protection officer",
        "Explains lawful sharing of safeguarding information",
        "Sets retention periods for child protection records",
    ],
}


def load_checklists(requirement_model) -> int:
    """Add the shipped requirements that are missing; return how many were added."""
    added = 0
    for policy_type, texts in CHECKLISTS.items():
        existing = set(requirement_model.objects.filter(policy_type=policy_type).values_list("text", flat=True))
        for order, text in enumerate(texts, start=1):
            if text not in existing:
                requirement_model.objects.create(policy_type=policy_type, text=text, order=order)
                added += 1
    return added
