"""HTML pages of the policies and procedures register and of the improvement checkpoints (stage 3).

Thin, like the risk pages: reads through selectors that take the user, writes through the
response services. Everyone who sees the organisation reads its policies; leaders and consultants
keep the register; only consultants mark the checklist. Everyone who sees a case reads its
checkpoints; consultants record them. A foreign organisation, policy, case or checkpoint is a
404; a signed-in user without the right role gets 403; a service's ValidationError re-renders
the page with the message and status 400, nothing written.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from assessment.selectors import BAND_ORDER
from crisis import access
from crisis import permissions as perms
from crisis import selectors as crisis_selectors
from crisis.audit import audit_record
from crisis.evidence import ALLOWED
from crisis.forms import add_service_errors
from crisis.models import Case, Organisation
from crisis.views.files import private_file_response

from .. import selectors, services
from ..forms import CheckpointForm, PolicyChecklistForm, PolicyForm, SuggestActionForm
from ..models import Policy, StakeholderGroup

# Policies --------------------------------------------------------------------------------------


def _can_keep(request: HttpRequest, organisation: Organisation) -> bool:
    return access.has_org_permission(
        user=request.user, organisation_id=organisation.pk, codename=perms.MANAGE_POLICIES
    )


def _can_check(request: HttpRequest, organisation: Organisation) -> bool:
    return access.has_org_permission(user=request.user, organisation_id=organisation.pk, codename=perms.MANAGE_CASES)


def _policy_owners(organisation: Organisation, include_id: int | None = None):
    # A policy's owner is chosen like a risk's: a member of the organisation or its consultant.
    return access.owner_choices(case=Case(organisation=organisation), include_id=include_id)


def _get_policy(request: HttpRequest, pk: int, policy_pk: int) -> tuple[Organisation, Policy]:
    """The organisation and the policy, or 404 when either is not the user's to see."""
    organisation = crisis_selectors.get_organisation_for(user=request.user, pk=pk)
    return organisation, selectors.get_policy_for(user=request.user, organisation=organisation, pk=policy_pk)


def _register_page(
    request: HttpRequest, organisation: Organisation, *, status: int = 200, add_form: PolicyForm | None = None,
    suggest_errors: dict | None = None,
) -> HttpResponse:
    """The register: a fixed number of queries however many policies (compliance is annotated)."""
    user = request.user
    policies = selectors.organisation_policies(user=user, organisation=organisation)
    can_keep = _can_keep(request, organisation)
    can_check = _can_check(request, organisation)
    context = {
        "organisation": organisation,
        "policies": policies,
        "suggestions": selectors.policy_suggestions(user=user, organisation=organisation),
        "can_keep": can_keep,
        "can_check": can_check,
        "suggest_errors": suggest_errors or {},
        "overdue_count": sum(1 for p in policies if p.review_overdue),
    }
    if can_check:
        context["action_cases"] = list(selectors.policy_action_cases(user=user, organisation=organisation))
    if can_keep:
        context["add_form"] = add_form or PolicyForm(owners=_policy_owners(organisation), prefix_id="add")
        context["add_open"] = bool(add_form and add_form.errors) or not policies
    return render(request, "response/policy_list.html", context, status=status)


@login_required
@require_GET
def policy_list(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = crisis_selectors.get_organisation_for(user=request.user, pk=pk)
    return _register_page(request, organisation)


@login_required
@require_POST
def policy_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = crisis_selectors.get_organisation_for(user=request.user, pk=pk)
    if not _can_keep(request, organisation):
        raise PermissionDenied("Only the organisation's leaders and consultants keep its policy register.")
    form = PolicyForm(request.POST, request.FILES, owners=_policy_owners(organisation), prefix_id="add")
    if form.is_valid():
        fields, document = form.service_fields()
        try:
            policy = services.policy_create(actor=request.user, organisation=organisation, document=document, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Policy added: {policy.title} v{policy.version}.")
            return redirect(policy)
    return _register_page(request, organisation, status=400, add_form=form)


def _action_url(case: Case, pk: int) -> str:
    """The new action's page; the case page until the action pages exist in this build."""
    for kwargs in ({"reference": case.reference, "pk": pk}, {"pk": pk}):
        try:
            return reverse("response:action_detail", kwargs=kwargs)
        except NoReverseMatch:
            continue
    return case.get_absolute_url()


@login_required
@require_POST
def policy_suggest_action(request: HttpRequest, pk: int, policy_pk: int) -> HttpResponse:
    organisation, policy = _get_policy(request, pk, policy_pk)
    if not _can_check(request, organisation):
        raise PermissionDenied("Consultants add suggestions to a case's action plan.")
    form = SuggestActionForm(request.POST, cases=selectors.policy_action_cases(user=request.user,
                                                                               organisation=organisation))
    if form.is_valid():
        case = form.cleaned_data["case"]
        try:
            action = services.action_create_from_policy(actor=request.user, case=case, policy=policy)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Action added to the plan of {case.reference}: {action.title}.")
            return redirect(_action_url(case, action.pk))
    errors = [message for messages_ in form.errors.values() for message in messages_]
    return _register_page(request, organisation, status=400, suggest_errors={policy.pk: errors})


def _policy_page(
    request: HttpRequest, organisation: Organisation, policy: Policy, *, status: int = 200, open_form: str = "",
    edit_form: PolicyForm | None = None, checklist_form: PolicyChecklistForm | None = None,
) -> HttpResponse:
    user = request.user
    checklist = selectors.policy_checklist(policy=policy)
    can_keep = _can_keep(request, organisation)
    can_check = _can_check(request, organisation)
    context = {
        "organisation": organisation,
        "policy": policy,
        "checklist": checklist,
        "can_keep": can_keep,
        "can_check": can_check,
        "open_form": open_form,
        "counts": {
            "met": policy.met_count, "partly": policy.partly_count,
            "not_met": policy.checked_count - policy.met_count - policy.partly_count,
            "unchecked": max(policy.requirement_count - policy.checked_count, 0),
        },
    }
    if can_check:
        context["checklist_form"] = checklist_form or PolicyChecklistForm(checklist=checklist)
        context["action_cases"] = list(selectors.policy_action_cases(user=user, organisation=organisation))
    if can_keep:
        context["edit_form"] = edit_form or PolicyForm(
            owners=_policy_owners(organisation, include_id=policy.owner_id), initial=PolicyForm.initial_for(policy),
            prefix_id="edit",
        )
    return render(request, "response/policy_detail.html", context, status=status)


@login_required
@require_GET
def policy_detail(request: HttpRequest, pk: int, policy_pk: int) -> HttpResponse:
    organisation, policy = _get_policy(request, pk, policy_pk)
    return _policy_page(request, organisation, policy)


@login_required
def policy_edit(request: HttpRequest, pk: int, policy_pk: int) -> HttpResponse:
    organisation, policy = _get_policy(request, pk, policy_pk)
    if not _can_keep(request, organisation):
        raise PermissionDenied("Only the organisation's leaders and consultants keep its policy register.")
    if request.method != "POST":
        return _policy_page(request, organisation, policy, open_form="edit")
    form = PolicyForm(request.POST, request.FILES, owners=_policy_owners(organisation, include_id=policy.owner_id),
                      prefix_id="edit")
    if form.is_valid():
        fields, document = form.service_fields()
        try:
            services.policy_update(actor=request.user, policy=policy, document=document, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Policy saved.")
            return redirect(policy)
    # The service may have left unsaved values on the instance: show the stored policy.
    policy = selectors.get_policy_for(user=request.user, organisation=organisation, pk=policy_pk)
    return _policy_page(request, organisation, policy, status=400, open_form="edit", edit_form=form)


@login_required
@require_POST
def policy_checklist(request: HttpRequest, pk: int, policy_pk: int) -> HttpResponse:
    organisation, policy = _get_policy(request, pk, policy_pk)
    if not _can_check(request, organisation):
        raise PermissionDenied("Consultants check policies against best practice.")
    form = PolicyChecklistForm(request.POST, checklist=selectors.policy_checklist(policy=policy))
    if form.is_valid():
        changes = form.changes()
        if form.is_valid():  # changes() may add an error (a note without a result)
            try:
                services.policy_checklist_set(actor=request.user, policy=policy, rows=changes)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                n = len(changes)
                messages.success(request, f"Checklist saved: {n} requirement{'' if n == 1 else 's'} changed.")
                return redirect(policy.get_absolute_url() + "#checklist")
    policy = selectors.get_policy_for(user=request.user, organisation=organisation, pk=policy_pk)
    return _policy_page(request, organisation, policy, status=400, checklist_form=form)


@login_required
@require_GET
def policy_document(request: HttpRequest, pk: int, policy_pk: int) -> HttpResponse:
    organisation, policy = _get_policy(request, pk, policy_pk)
    if not policy.document:
        # Not a 404: the policy exists and is the user's to see; there is just nothing to download.
        messages.info(request, "No document has been uploaded for this policy yet.")
        return redirect(policy)
    name = policy.document_name or "policy"
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    response = private_file_response(policy.document, filename=name, content_type=ALLOWED.get(extension, ""),
                                     missing="The document is no longer stored.")
    audit_record(actor=request.user, verb="policy.downloaded", obj=policy, organisation=organisation,
                 summary={"document": name})
    return response


# Improvement checkpoints -----------------------------------------------------------------------


# Column headings of the checkpoint table (the full name is in the heading's title).
GROUP_SHORT = {"local_authority": "LA", "parents": "Parents", "governors": "Governors"}


def _confidence_row(checkpoint) -> list:
    """The checkpoint's confidence in the order of the stakeholder groups (None where not rated)."""
    return [checkpoint.confidence.get(group.value) for group in StakeholderGroup]


def _checkpoints_page(
    request: HttpRequest, case: Case, *, status: int = 200, form: CheckpointForm | None = None
) -> HttpResponse:
    """A fixed number of queries however many checkpoints: one list, read once for chart and table."""
    checkpoints = list(selectors.case_checkpoints(case=case))
    can_record = access.can_manage_case(user=request.user, case=case)
    context = {
        "case": case,
        "checkpoints": checkpoints,
        "latest": checkpoints[-1] if checkpoints else None,
        "next_due": selectors.checkpoint_next_due(case=case, last=checkpoints[-1] if checkpoints else None),
        "can_record": can_record,
        "groups": [(g.value, g.label, GROUP_SHORT.get(g.value, g.label)) for g in StakeholderGroup],
        "rows": [(c, _confidence_row(c)) for c in checkpoints],
        "bands": [(b.value, b.label) for b in BAND_ORDER],
    }
    if can_record:
        context["form"] = form or CheckpointForm()
        context["figures"] = services.checkpoint_figures(case=case)
        context["form_open"] = bool(form and form.errors) or context["next_due"]["overdue"] or not checkpoints
    return render(request, "response/checkpoint_list.html", context, status=status)


@login_required
@require_GET
def checkpoint_list(request: HttpRequest, reference: str) -> HttpResponse:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    return _checkpoints_page(request, case)


@login_required
@require_POST
def checkpoint_create(request: HttpRequest, reference: str) -> HttpResponse:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    if not access.can_manage_case(user=request.user, case=case):
        raise PermissionDenied("Consultants record improvement checkpoints.")
    form = CheckpointForm(request.POST)
    if form.is_valid():
        try:
            checkpoint = services.checkpoint_record(
                actor=request.user, case=case, confidence=form.confidence(),
                commentary=form.cleaned_data["commentary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Checkpoint recorded for {checkpoint.recorded_on:%-d %b %Y}.")
            return redirect("response:checkpoint_detail", reference=case.reference, pk=checkpoint.pk)
    return _checkpoints_page(request, case, status=400, form=form)


@login_required
@require_GET
def checkpoint_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    checkpoint = selectors.get_checkpoint_for(user=request.user, case=case, pk=pk)
    checkpoints = list(selectors.case_checkpoints(case=case))
    index = next((i for i, c in enumerate(checkpoints) if c.pk == checkpoint.pk), None)
    previous = checkpoints[index - 1] if index else None
    return render(request, "response/checkpoint_detail.html", {
        "case": case,
        "checkpoint": checkpoint,
        "previous": previous,
        "next": checkpoints[index + 1] if index is not None and index + 1 < len(checkpoints) else None,
        "confidence": list(zip([g.label for g in StakeholderGroup], _confidence_row(checkpoint), strict=True)),
        "bands": [(b.value, b.label, checkpoint.risks_by_band.get(b.value, 0)) for b in BAND_ORDER],
    })
