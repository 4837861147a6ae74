"""What a status report shows, for its audience: the sections of the audience profile, the figures
they need, the texts that go out (for the personal-data guard) and the document's furniture.

The report carries case-level figures, titles and dates only — no chronology text, no risk
descriptions, no notes, no mediation notes — and of those only what its audience's sections show.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from assessment import selectors as assessment_selectors
from assessment.selectors import BAND_ORDER, risk_heat_map, risk_register_counts
from crisis.models import Case, Deadline
from crisis.pdf import document_furniture
from crisis.privacy import GuardText
from response import selectors as response_selectors
from response.selectors import case_action_stats, case_checkpoints

from .models import AudienceProfile, PressLine, PressLineVersion, Stakeholder, StatusReport

Section = AudienceProfile.Section


# Audiences --------------------------------------------------------------------------------------


def audience_choices():
    return AudienceProfile.objects.order_by("position", "name")


def audience_for_stakeholders(stakeholders, audience: AudienceProfile | None = None) -> AudienceProfile:
    """The version these stakeholders receive: the one chosen, or the one their kind takes.

    Stakeholders whose kinds take versions with different sections (a funder and the police) are
    refused: each audience gets its own report, so that nobody receives what is meant for another.
    Kinds whose profiles show the same sections (a regulator and the LADO) share one report.
    """
    if audience is not None:
        return audience
    profiles = list(audience_choices())
    by_kind: dict[str, AudienceProfile] = {}
    for profile in profiles:
        for kind in profile.stakeholder_kinds:
            by_kind.setdefault(kind, profile)
    fallback = next((p for p in profiles if p.external), None)
    versions: dict[tuple, tuple[AudienceProfile, list[str]]] = {}
    for stakeholder in stakeholders:
        profile = by_kind.get(stakeholder.kind) or fallback
        if profile is None:
            raise ValidationError({"audience": "Choose which version of the report they receive."})
        sections = (tuple(profile.sections), profile.external, profile.protective_marking)
        versions.setdefault(sections, (profile, []))[1].append(stakeholder.name)
    if len(versions) > 1:
        groups = "; ".join(f"{profile.name}: {', '.join(names)}" for profile, names in versions.values())
        raise ValidationError({"audience": "These stakeholders receive different versions of the report "
                                           f"({groups}). Send one report per audience, or choose the version."})
    if not versions:
        raise ValidationError({"audience": "Choose which version of the report they receive."})
    return next(iter(versions.values()))[0]


def needs_approval(audience: AudienceProfile, requested: bool) -> bool:
    """Every report to an audience outside the organisation is approved by a second consultant."""
    return audience.external or requested


# Content ----------------------------------------------------------------------------------------


def previous_report(*, status_report: StatusReport) -> StatusReport | None:
    """The last report sent to any of the same stakeholders: what "changed since" compares with."""
    return (StatusReport.objects.filter(case=status_report.case, status=StatusReport.Status.SENT,
                                        stakeholders__in=status_report.stakeholders.all())
            .exclude(pk=status_report.pk).order_by("-sent_at", "-id").first())


def _changes(before: dict, after: dict, *, figures_only: bool = False) -> list[str]:
    if not before:
        return ["This is the first status report sent to these stakeholders."]
    changes = []
    if before.get("stage") != after["stage"]:
        changes.append(f"The case moved from {before.get('stage_label')} to {after['stage_label']}.")
    if before.get("rag") != after["rag"]:
        changes.append(f"Overall status changed from {before.get('rag', '').title()} to {after['rag'].title()}.")
    for band in BAND_ORDER:
        old, new = before.get("bands", {}).get(band.value, 0), after["bands"][band.value]
        if old != new:
            word = "fewer" if new < old else "more"
            changes.append(f"{band.label} risks: {old} → {new} ({abs(new - old)} {word}).")
    if before.get("actions_percent") != after["actions_percent"]:
        changes.append(f"Actions done or verified: {before.get('actions_percent')}% → {after['actions_percent']}%.")
    if before.get("actions_overdue") != after["actions_overdue"]:
        changes.append(f"Overdue actions: {before.get('actions_overdue')} → {after['actions_overdue']}.")
    return changes or ["No change in stage, risks or the action plan since the last report."]


def public_statement(*, case: Case, limit: int = 5) -> list[PressLineVersion]:
    """The latest approved version of each of the case's press lines: what may be said in public."""
    latest = (PressLineVersion.objects.filter(press_line=OuterRef("pk"), approved_at__isnull=False)
              .order_by("-number").values("pk")[:1])
    ids = [pk for pk in PressLine.objects.filter(organisation_id=case.organisation_id, case=case)
           .annotate(latest=Subquery(latest)).order_by("title").values_list("latest", flat=True)[:limit] if pk]
    return list(PressLineVersion.objects.filter(pk__in=ids).select_related("press_line")
                .order_by("press_line__title"))


def furniture(*, case: Case, status_report: StatusReport, audience: AudienceProfile) -> dict:
    """The document's furniture: the audience's marking, version and date (crisis.pdf)."""
    return document_furniture(case=case, version=f"Report {status_report.number}, version {status_report.revision}",
                              dated=timezone.localtime(status_report.created_at).date(),
                              marking=audience.protective_marking)


def status_report_context(*, case: Case, previous: StatusReport | None, status_report: StatusReport) -> dict:
    """Everything the report shows, for its audience's sections, in a fixed number of queries."""
    today = timezone.localdate(status_report.created_at)  # the report's date, also when rendered later
    audience = status_report.audience
    sections = status_report.sections or audience.sections
    shows = {value: value in sections for value in Section.values}
    risks = assessment_selectors.open_risks(case=case)
    counts = risk_register_counts(risks)
    stats = case_action_stats(case=case)
    snapshot = {
        "at": timezone.now().isoformat(),
        "stage": case.stage,
        "stage_label": case.get_stage_display(),
        "rag": case.rag,
        "bands": {value: n for value, _, n in counts["by_band"]},
        "actions_percent": stats["percent_complete"],
        "actions_overdue": stats["overdue"],
    }
    context = {
        "case": case,
        "today": today,
        "status_report": status_report,
        "audience": audience,
        "shows": shows,
        "previous": previous,
        "changes": _changes(previous.snapshot if previous else {}, snapshot),
        "counts": counts,
        "stats": stats,
        "snapshot": snapshot,
        **furniture(case=case, status_report=status_report, audience=audience),
    }
    if shows[Section.RISK_FIGURES]:
        context["grid"] = risk_heat_map(risks, basis="current")
    if shows[Section.TOP_RISKS]:
        context["top_risks"] = list(risks.order_by("band_rank", "-current_score", "id")[:5])
    if shows[Section.OVERDUE_ACTIONS]:
        context["overdue"] = list(response_selectors.case_actions_overdue(case=case, on=today)[:10])
    if shows[Section.NEXT_STEPS]:
        context["next_actions"] = list(response_selectors.case_actions_due_between(
            case=case, start=today, end=today + dt.timedelta(days=14))[:8])
    if shows[Section.DEADLINES]:
        context["deadlines"] = list(Deadline.objects.filter(organisation_id=case.organisation_id, case=case).open()
                                    .order_by("due_on")[:5])
    if shows[Section.STAKEHOLDERS]:
        context["stakeholders"] = list(
            Stakeholder.objects.filter(organisation_id=case.organisation_id, case=case)
            .annotate(contacts_30_days=Count("communications", filter=Q(
                communications__occurred_at__gte=timezone.now() - dt.timedelta(days=30)), distinct=True))
            .order_by("kind", "name")
        )
    if shows[Section.TREND]:
        context["checkpoints"] = list(case_checkpoints(case=case))
    if shows[Section.PUBLIC_STATEMENT]:
        context["statement"] = public_statement(case=case)
    return context


# What goes out, for the personal-data guard ----------------------------------------------------


def _url(name: str, case: Case, **kwargs) -> str:
    return reverse(name, kwargs={"reference": case.reference, **kwargs})


def guard_texts(context: dict, *, email_texts: dict[str, str] | None = None) -> list[GuardText]:
    """Every free text the report (and its email) carries to its audience, with a link to fix it."""
    case: Case = context["case"]
    texts: list[GuardText] = []
    if context["shows"][Section.HEADLINE]:
        texts.append(GuardText(key=f"case:{case.pk}:title", record=f"Case {case.reference}", field="title",
                               text=case.title, url=_url("crisis:case_edit", case)))
    for risk in context.get("top_risks", []):
        texts.append(GuardText(key=f"risk:{risk.pk}:title", record=f"Risk R-{risk.pk}", field="title",
                               text=risk.title, url=_url("assessment:risk_detail", case, pk=risk.pk)))
    seen = set()
    for action in [*context.get("overdue", []), *context.get("next_actions", [])]:
        if action.pk in seen:
            continue
        seen.add(action.pk)
        texts.append(GuardText(key=f"action:{action.pk}:title", record=f"Action A-{action.pk}",
                               field="title", text=action.title,
                               url=_url("response:action_detail", case, pk=action.pk)))
    for deadline in context.get("deadlines", []):
        texts.append(GuardText(key=f"deadline:{deadline.pk}:title", record="Deadline", field="title",
                               text=deadline.title, url=_url("crisis:case_detail", case) + "#deadlines"))
    for stakeholder in context.get("stakeholders", []):
        texts.append(GuardText(key=f"stakeholder:{stakeholder.pk}:name", record="Stakeholder", field="name",
                               text=stakeholder.name,
                               url=_url("stakeholders:stakeholder_detail", case, pk=stakeholder.pk)))
    for version in context.get("statement", []):
        texts.append(GuardText(key=f"press_line_version:{version.pk}:text",
                               record=f"Press line “{version.press_line.title}” v{version.number}", field="text",
                               text=f"{version.press_line.title}\n{version.text}",
                               url=_url("stakeholders:press_line_detail", case, pk=version.press_line_id)))
    for field, text in (email_texts or {}).items():
        texts.append(GuardText(key=f"email:{field}", record="The email", field=field, text=text, url=""))
    return texts


def sections_words(sections) -> list[str]:
    labels = dict(Section.choices)
    return [labels[value] for value in Section.values if value in sections]


def email_context(status_report: StatusReport, *, contact, link: str | None) -> dict:
    """What the report's email says, for one recipient (or the check's stand-in recipient)."""
    case = status_report.case
    return {"case": case, "contact": contact, "link": link, "link_days": settings.REPORT_LINK_MAX_AGE_DAYS,
            "status_report": status_report,
            **furniture(case=case, status_report=status_report, audience=status_report.audience)}


def reply_to(case: Case) -> list[str]:
    """Replies to a report reach the case's lead consultant."""
    return [case.lead_consultant.email if case.lead_consultant_id else settings.REPORT_REPLY_TO]
