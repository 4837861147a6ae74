"""The tenancy matrix: every URL the project resolves, for every role of another organisation.

Each URL pattern must be declared in RULES with how it is protected. A pattern the matrix does
not know fails `test_every_url_pattern_is_classified`, so a new page or endpoint cannot ship
without saying who may see it. For organisation A's objects, every user of organisation B (and
consultants who are not assigned; on a restricted case, A's staff and the consultants and leaders of
A not named on it) gets 404 — the same answer as for a missing object — and never the object;
scoped lists and the daily digests never show A's data to them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from assessment import services as assessment_services
from crisis import services
from crisis.models import Report
from response import services as response_services
from stakeholders import services as stakeholder_services
from stakeholders.models import AudienceProfile, Delivery, StatusReport
from tests.conftest import build_world
from tests.dbshare import once_per_module
from tests.factories import ConsultantFactory
from training import services as training_services
from training.models import Requirement, StaffRole

pytestmark = pytest.mark.django_db

PUBLIC = "public"  # no login needed, shows no tenant data
TOKEN = "token"  # no login, but only a valid signed token opens it; anything else is 404
SIGNED_IN = "signed_in"  # login needed, shows no tenant data
LIST = "list"  # a list scoped to the viewer
CASE = "case"  # one case, by reference
ORGANISATION = "organisation"  # one organisation, by pk
DEADLINE = "deadline"  # one deadline of a case, by reference and pk
RISK = "risk"  # one risk of a case, by reference and pk
NO_RISK = "no_risk"  # one "assessed, no risk identified" mark of a case, by reference and pk
ACTION = "action"  # one action of a case: pk (with or without the case reference)
EVIDENCE = "evidence"  # one piece of evidence: pk of its action, evidence_pk
REPORT = "report"  # one rendered report of a case: pk
CHECKPOINT = "checkpoint"  # one improvement checkpoint of a case: pk
PROTECTED_NAME = "protected_name"  # one protected name of a case, by reference and pk (consultants only)
POLICY = "policy"  # one policy, on its organisation's pages: pk of the organisation, policy_pk
POLICY_API = "policy_api"  # one policy, by its own pk (the API)
TRAINING_RECORD = "training_record"  # one training record PDF: organisation_id, pk
# Stakeholder engagement: pages carry the case reference, the API only the pk.
STAKEHOLDER = "stakeholder"  # one stakeholder: pk
CONTACT = "contact"  # one contact: pk of its stakeholder, contact_pk
COMMUNICATION = "communication"  # one logged contact: pk
ATTACHMENT = "attachment"  # one file of a communication: pk of the communication, attachment_pk
PRESS_LINE = "press_line"  # one press line: pk
PRESS_LINE_VERSION = "press_line_version"  # one version on the pages: pk of the press line, version_pk
VERSION_API = "version_api"  # one press line version, by its own pk (the API)
SCHEDULE = "schedule"  # one update schedule: pk
STATUS_REPORT = "status_report"  # one status report: pk
DELIVERY = "delivery"  # one delivery on the pages: pk of the status report, delivery_pk
DELIVERY_API = "delivery_api"  # one delivery, by its own pk (the API)
# Stage 4, the exit from critical care: pages and API carry the case reference and the object's pk.
EXIT_OVERRIDE = "exit_override"  # one exit override of a case: reference, pk
FOLLOW_UP = "follow_up"  # one follow-up review after exit: reference, pk
EXIT_KINDS = (EXIT_OVERRIDE, FOLLOW_UP)
OBSERVATION = "observation"  # one observation or learning walk of a case: reference, pk
# Closure report of a case: pages and API carry the case reference and the version's pk. The matrix's
# version is approved, so the leaders who see the case read it too.
CLOSURE_REPORT = "closure_report"  # one version of a case's closure report: reference, pk
ENGAGEMENT_KINDS = (STAKEHOLDER, CONTACT, COMMUNICATION, ATTACHMENT, PRESS_LINE, PRESS_LINE_VERSION, VERSION_API,
                    SCHEDULE, STATUS_REPORT, DELIVERY, DELIVERY_API)
# Surveys: pages carry the case reference and the survey's pk (and the link's or comment's), the API
# only the object's own pk.
SURVEY = "survey"  # one survey: reference, pk
SURVEY_LINK = "survey_link"  # one survey link: reference, pk of its survey, link_pk
SURVEY_COMMENT = "survey_comment"  # one survey comment: reference, pk of its survey, comment_pk
SURVEY_API = "survey_api"  # one survey, by its own pk (the API)
SURVEY_LINK_API = "survey_link_api"  # one survey link, by its own pk (the API)
SURVEY_COMMENT_API = "survey_comment_api"  # one survey comment, by its own pk (the API)
SURVEY_KINDS = (SURVEY, SURVEY_LINK, SURVEY_COMMENT, SURVEY_API, SURVEY_LINK_API, SURVEY_COMMENT_API)
# Kinds of one object of organisation A's open case (not repeated for the restricted case).
CASE_OBJECT_KINDS = (DEADLINE, RISK, NO_RISK, ACTION, EVIDENCE, REPORT, CHECKPOINT, PROTECTED_NAME,
                     *ENGAGEMENT_KINDS, *EXIT_KINDS, *SURVEY_KINDS, OBSERVATION, CLOSURE_REPORT)
# Training: pages carry the organisation id and the object's id (as pk or <kind>_id), the API only the pk.
PERSON = "person"  # one person of the staff list: organisation_id, pk / person_id
PERSON_API = "person_api"  # one person, by its own pk (the API)
REQUIREMENT = "requirement"  # one training requirement: organisation_id, pk
REQUIREMENT_API = "requirement_api"  # one requirement, by its own pk (the API)
ROLE = "role"  # one staff role: organisation_id, pk
COURSE = "course"  # one course: organisation_id, course_id (pk in the API)
SESSION = "session"  # one session: organisation_id, session_id (pk in the API)
RECORD = "record"  # one training record with a certificate: organisation_id, record_id (pk in the API)
TRAINING_KINDS = (PERSON, PERSON_API, REQUIREMENT, REQUIREMENT_API, ROLE, COURSE, SESSION, RECORD)
# Other evaluations: a knowledge check (organisation_id, check_id; pk in the API), one of its questions
# (organisation_id, check_id, pk), an attempt (attempt_id; pk in the API) and an observation of a case
# (reference, pk).
CHECK = "check"
QUESTION = "question"
ATTEMPT = "attempt"
EVALUATION_KINDS = (CHECK, QUESTION, ATTEMPT)
# Kinds of one object of organisation A itself.
ORGANISATION_KINDS = (ORGANISATION, POLICY, POLICY_API, *TRAINING_KINDS, TRAINING_RECORD, *EVALUATION_KINDS)
OBJECT_KINDS = (CASE, *CASE_OBJECT_KINDS, *ORGANISATION_KINDS)
ADMIN = "admin"  # Django admin: consultancy admins only


@dataclass(frozen=True)
class Rule:
    kind: str
    get: bool = True  # the URL answers GET (POST-only URLs may answer GET with 405)
    post: bool = False  # the URL takes POST: check it too
    owner: str | None = None  # positive control for lists: this user of A does see A's data


POST_ONLY = {"get": False, "post": True}


RULES: dict[str, Rule] = {
    # Django's auth views: login, logout, password change and reset.
    "login": Rule(PUBLIC),
    "logout": Rule(SIGNED_IN),
    "password_change": Rule(SIGNED_IN),
    "password_change_done": Rule(SIGNED_IN),
    "password_reset": Rule(PUBLIC),
    "password_reset_done": Rule(PUBLIC),
    "password_reset_confirm": Rule(PUBLIC),
    "password_reset_complete": Rule(PUBLIC),
    "admin:login": Rule(PUBLIC),
    "admin:logout": Rule(SIGNED_IN),
    # Pages.
    "crisis:home": Rule(SIGNED_IN),
    "crisis:healthz": Rule(PUBLIC),
    "crisis:client_home": Rule(LIST, owner="leader_a"),
    "crisis:dashboard": Rule(LIST, owner="alice"),
    "crisis:organisation_list": Rule(LIST, owner="alice"),
    "crisis:organisation_detail": Rule(ORGANISATION),
    "crisis:case_create": Rule(LIST, owner="alice"),  # its organisation choices are scoped
    "crisis:case_detail": Rule(CASE),
    "crisis:case_edit": Rule(CASE, post=True),
    "crisis:case_stage_move": Rule(CASE, **POST_ONLY),
    "crisis:chronology_add": Rule(CASE, **POST_ONLY),
    "crisis:deadline_add": Rule(CASE, **POST_ONLY),
    "crisis:deadline_done": Rule(DEADLINE, **POST_ONLY),
    "crisis:protected_name_list": Rule(CASE, post=True),
    "crisis:protected_name_edit": Rule(PROTECTED_NAME, post=True),
    "crisis:protected_name_delete": Rule(PROTECTED_NAME, **POST_ONLY),
    # API (/api/v1/).
    "api-token": Rule(PUBLIC),
    "api-schema": Rule(PUBLIC),
    "api-docs": Rule(PUBLIC),
    "api-organisation-list": Rule(LIST, owner="alice"),
    "api-organisation-detail": Rule(ORGANISATION),
    "api-case-list": Rule(LIST, owner="alice", post=True),
    "api-case-detail": Rule(CASE),
    "api-case-stage": Rule(CASE, **POST_ONLY),
    "api-case-chronology": Rule(CASE, post=True),
    "api-chronology-list": Rule(LIST, owner="alice"),
    "api-case-protected-names": Rule(CASE, post=True),
    "api-case-protected-name-detail": Rule(PROTECTED_NAME),
    # Risk register pages.
    "assessment:risk_register": Rule(CASE),
    "assessment:risk_create": Rule(CASE, **POST_ONLY),
    "assessment:risk_detail": Rule(RISK),
    "assessment:risk_edit": Rule(RISK, post=True),
    "assessment:risk_rescore": Rule(RISK, **POST_ONLY),
    "assessment:risk_close": Rule(RISK, **POST_ONLY),
    "assessment:risk_comment": Rule(RISK, **POST_ONLY),
    "assessment:category_no_risk": Rule(CASE, **POST_ONLY),
    "assessment:category_no_risk_remove": Rule(NO_RISK, **POST_ONLY),
    "assessment:assessment_sign_off": Rule(CASE, **POST_ONLY),
    # Risk register CSV.
    "assessment:risk_export": Rule(CASE),
    "assessment:risk_import": Rule(CASE, post=True),
    # Risk register API.
    "api-case-risks": Rule(CASE, post=True),
    "api-case-risk-heat-map": Rule(CASE),
    "api-case-risk-import": Rule(CASE, **POST_ONLY),
    "api-risk-detail": Rule(RISK),
    "api-risk-rescore": Rule(RISK, **POST_ONLY),
    "api-risk-history": Rule(RISK),
    "api-risk-comments": Rule(RISK, post=True),
    "api-risk-close": Rule(RISK, **POST_ONLY),
    # Stakeholder engagement pages.
    "stakeholders:report_link": Rule(TOKEN),
    "stakeholders:stakeholder_list": Rule(CASE),
    "stakeholders:stakeholder_create": Rule(CASE, post=True),
    "stakeholders:stakeholder_detail": Rule(STAKEHOLDER),
    "stakeholders:stakeholder_edit": Rule(STAKEHOLDER, post=True),
    "stakeholders:stakeholder_trust": Rule(STAKEHOLDER, **POST_ONLY),
    "stakeholders:contact_add": Rule(STAKEHOLDER, **POST_ONLY),
    "stakeholders:contact_remove": Rule(CONTACT, **POST_ONLY),
    "stakeholders:communication_list": Rule(CASE),
    "stakeholders:communication_create": Rule(CASE, post=True),
    "stakeholders:communication_detail": Rule(COMMUNICATION),
    "stakeholders:communication_follow_up_done": Rule(COMMUNICATION, **POST_ONLY),
    "stakeholders:communication_attachment_add": Rule(COMMUNICATION, **POST_ONLY),
    "stakeholders:communication_attachment_download": Rule(ATTACHMENT),
    "stakeholders:press_line_list": Rule(CASE),
    "stakeholders:press_line_create": Rule(CASE, **POST_ONLY),
    "stakeholders:press_line_detail": Rule(PRESS_LINE),
    "stakeholders:press_line_version_add": Rule(PRESS_LINE, **POST_ONLY),
    "stakeholders:press_line_approve": Rule(PRESS_LINE_VERSION, **POST_ONLY),
    "stakeholders:status_report_list": Rule(CASE),
    "stakeholders:status_report_send_now": Rule(CASE, **POST_ONLY),
    "stakeholders:status_report_detail": Rule(STATUS_REPORT),
    "stakeholders:status_report_approve": Rule(STATUS_REPORT, **POST_ONLY),
    "stakeholders:status_report_refuse": Rule(STATUS_REPORT, **POST_ONLY),
    "stakeholders:status_report_recheck": Rule(STATUS_REPORT, **POST_ONLY),
    "stakeholders:status_report_override": Rule(STATUS_REPORT, **POST_ONLY),
    "stakeholders:status_report_download": Rule(STATUS_REPORT),
    "stakeholders:delivery_resend": Rule(DELIVERY, **POST_ONLY),
    "stakeholders:schedule_create": Rule(CASE, post=True),
    "stakeholders:schedule_edit": Rule(SCHEDULE, post=True),
    "stakeholders:schedule_toggle": Rule(SCHEDULE, **POST_ONLY),
    # Stakeholder engagement API.
    "api-case-stakeholders": Rule(CASE, post=True),
    "api-stakeholder-detail": Rule(STAKEHOLDER),
    "api-stakeholder-trust": Rule(STAKEHOLDER, post=True),
    "api-stakeholder-contacts": Rule(STAKEHOLDER, post=True),
    "api-case-communications": Rule(CASE, post=True),
    "api-communication-detail": Rule(COMMUNICATION),
    "api-communication-follow-up-done": Rule(COMMUNICATION, **POST_ONLY),
    "api-communication-attachments": Rule(COMMUNICATION, post=True),
    "api-communication-attachment-download": Rule(ATTACHMENT),
    "api-follow-ups": Rule(LIST, owner="alice"),
    "api-case-press-lines": Rule(CASE, post=True),
    "api-press-line-detail": Rule(PRESS_LINE),
    "api-press-line-versions": Rule(PRESS_LINE, **POST_ONLY),
    "api-press-line-version-approve": Rule(VERSION_API, **POST_ONLY),
    "api-case-schedules": Rule(CASE, post=True),
    "api-schedule-detail": Rule(SCHEDULE),
    "api-case-status-reports": Rule(CASE, post=True),
    "api-status-report-detail": Rule(STATUS_REPORT),
    "api-status-report-approve": Rule(STATUS_REPORT, **POST_ONLY),
    "api-status-report-refuse": Rule(STATUS_REPORT, **POST_ONLY),
    "api-status-report-recheck": Rule(STATUS_REPORT, **POST_ONLY),
    "api-status-report-override": Rule(STATUS_REPORT, **POST_ONLY),
    "api-audiences": Rule(SIGNED_IN),  # the shipped audience profiles: configuration, no tenant data
    "api-status-report-download": Rule(STATUS_REPORT),
    "api-status-report-deliveries": Rule(STATUS_REPORT),
    "api-delivery-resend": Rule(DELIVERY_API, **POST_ONLY),
    # Action plan pages.
    "response:our_action_plan": Rule(LIST, owner="leader_a"),
    "response:action_list": Rule(CASE),
    "response:action_create": Rule(CASE, **POST_ONLY),
    "response:action_detail": Rule(ACTION),
    "response:action_edit": Rule(ACTION, post=True),
    "response:action_progress": Rule(ACTION, **POST_ONLY),
    "response:action_done": Rule(ACTION, **POST_ONLY),
    "response:action_verify": Rule(ACTION, **POST_ONLY),
    "response:action_reopen": Rule(ACTION, **POST_ONLY),
    "response:action_note": Rule(ACTION, **POST_ONLY),
    "response:action_evidence": Rule(ACTION, **POST_ONLY),
    "response:evidence_download": Rule(EVIDENCE),
    "response:report_create": Rule(CASE, **POST_ONLY),
    "response:report_download": Rule(REPORT),
    # Policy and checkpoint pages.
    "response:policy_list": Rule(ORGANISATION),
    "response:policy_create": Rule(ORGANISATION, **POST_ONLY),
    "response:policy_detail": Rule(POLICY),
    "response:policy_edit": Rule(POLICY, post=True),
    "response:policy_checklist": Rule(POLICY, **POST_ONLY),
    "response:policy_document": Rule(POLICY),
    "response:policy_suggest_action": Rule(POLICY, **POST_ONLY),
    "response:checkpoint_list": Rule(CASE),
    "response:checkpoint_create": Rule(CASE, **POST_ONLY),
    "response:checkpoint_detail": Rule(CHECKPOINT),
    # Action plan, policy and checkpoint API.
    "api-case-actions": Rule(CASE, post=True),
    "api-action-plan": Rule(LIST, owner="alice"),
    "api-action-detail": Rule(ACTION),
    "api-action-progress": Rule(ACTION, **POST_ONLY),
    "api-action-done": Rule(ACTION, **POST_ONLY),
    "api-action-verify": Rule(ACTION, **POST_ONLY),
    "api-action-reopen": Rule(ACTION, **POST_ONLY),
    "api-action-notes": Rule(ACTION, post=True),
    "api-action-evidence": Rule(ACTION, post=True),
    "api-action-evidence-download": Rule(EVIDENCE),
    "api-action-history": Rule(ACTION),
    "api-organisation-policies": Rule(ORGANISATION, post=True),
    "api-policy-detail": Rule(POLICY_API),
    "api-policy-checklist": Rule(POLICY_API, **POST_ONLY),
    # Training gaps (pages and API): the organisation's consultants and leaders; staff get 403.
    "training:gaps": Rule(ORGANISATION),
    "training:gaps_actions": Rule(ORGANISATION, **POST_ONLY),
    "api-training-gaps": Rule(ORGANISATION),
    "api-training-gap-actions": Rule(ORGANISATION, **POST_ONLY),
    "api-case-checkpoints": Rule(CASE, post=True),
    "api-case-checkpoint-figures": Rule(CASE),
    # Courses, sessions, attendance and certificates (pages for the organisation's keepers).
    "training:course_list": Rule(ORGANISATION),
    "training:course_create": Rule(ORGANISATION, post=True),
    "training:course_detail": Rule(COURSE, post=True),
    "training:course_edit": Rule(COURSE, post=True),
    "training:session_detail": Rule(SESSION, post=True),
    "training:certificate_create": Rule(PERSON, post=True),
    "training:record_detail": Rule(RECORD, post=True),
    "training:record_delete": Rule(RECORD, **POST_ONLY),
    "training:record_file": Rule(RECORD),
    "api-training-courses": Rule(ORGANISATION, post=True),
    "api-training-course-detail": Rule(COURSE),
    "api-training-sessions": Rule(ORGANISATION, post=True),
    "api-training-session-detail": Rule(SESSION),
    "api-training-session-attendance": Rule(SESSION, post=True),
    "api-training-person-records": Rule(PERSON, post=True),
    "api-training-record-detail": Rule(RECORD),
    "api-training-record-file": Rule(RECORD),
    # Training records: the staff list, roles and requirements.
    "training:people_list": Rule(ORGANISATION),
    "training:person_create": Rule(ORGANISATION, post=True),
    "training:people_import": Rule(ORGANISATION, post=True),
    "training:people_import_template": Rule(ORGANISATION),
    "training:person_detail": Rule(PERSON),
    "training:person_edit": Rule(PERSON, post=True),
    "training:requirement_list": Rule(ORGANISATION),
    "training:requirement_create": Rule(ORGANISATION, post=True),
    "training:requirement_edit": Rule(REQUIREMENT, post=True),
    "training:role_create": Rule(ORGANISATION, **POST_ONLY),
    "training:role_edit": Rule(ROLE, **POST_ONLY),
    "api-training-people": Rule(ORGANISATION, post=True),
    "api-training-people-import": Rule(ORGANISATION, **POST_ONLY),
    "api-training-person-detail": Rule(PERSON_API),
    "api-training-requirements": Rule(ORGANISATION),
    "api-training-requirement-detail": Rule(REQUIREMENT_API),
    "api-training-roles": Rule(ORGANISATION, post=True),
    # Training records: the matrix, its CSV and the training record PDF (a report of the organisation).
    "training:my_training": Rule(SIGNED_IN),
    "training:matrix": Rule(ORGANISATION),
    "training:matrix_csv": Rule(ORGANISATION),
    "training:record_pdf_request": Rule(ORGANISATION, **POST_ONLY),
    "training:record_pdf_download": Rule(TRAINING_RECORD),
    "api-training-matrix": Rule(ORGANISATION),
    "api-training-record-pdf": Rule(ORGANISATION, **POST_ONLY),
    "api-training-record-pdf-download": Rule(TRAINING_RECORD),
    # Exit criteria, sign-offs, the override and follow-up reviews of a case (consultants and its
    # leaders read; staff get 403).
    "training:exit_readiness": Rule(CASE),
    "training:exit_criteria_edit": Rule(CASE, **POST_ONLY),
    "training:exit_sign_off": Rule(CASE, **POST_ONLY),
    "training:exit_override_request": Rule(CASE, **POST_ONLY),
    "training:exit_override_decide": Rule(EXIT_OVERRIDE, **POST_ONLY),
    "training:exit_close": Rule(CASE, **POST_ONLY),
    "training:exit_reopen": Rule(CASE, **POST_ONLY),
    "training:follow_up_done": Rule(FOLLOW_UP, **POST_ONLY),
    "api-case-exit-criteria": Rule(CASE),  # GET and PATCH
    "api-case-exit-readiness": Rule(CASE),
    "api-case-exit-sign-offs": Rule(CASE, **POST_ONLY),
    "api-case-exit-overrides": Rule(CASE, post=True),
    "api-case-exit-override-approve": Rule(EXIT_OVERRIDE, **POST_ONLY),
    "api-case-exit-override-refuse": Rule(EXIT_OVERRIDE, **POST_ONLY),
    "api-case-follow-ups": Rule(CASE),
    "api-case-follow-up-done": Rule(FOLLOW_UP, **POST_ONLY),
    # Anonymous surveys of a case: consultants run them, the case's leaders read results; the response
    # page needs no login, only a working link.
    "training:survey_list": Rule(CASE),
    "training:survey_create": Rule(CASE, post=True),
    "training:survey_detail": Rule(SURVEY),
    "training:survey_open": Rule(SURVEY, **POST_ONLY),
    "training:survey_close": Rule(SURVEY, **POST_ONLY),
    "training:survey_rerun": Rule(SURVEY, **POST_ONLY),
    "training:survey_link_new": Rule(SURVEY, **POST_ONLY),
    "training:survey_link_revoke": Rule(SURVEY_LINK, **POST_ONLY),
    "training:survey_comment_share": Rule(SURVEY_COMMENT, **POST_ONLY),
    "training:survey_respond": Rule(TOKEN, post=True),
    "api-case-surveys": Rule(CASE, post=True),
    "api-survey-detail": Rule(SURVEY_API),
    "api-survey-open": Rule(SURVEY_API, **POST_ONLY),
    "api-survey-close": Rule(SURVEY_API, **POST_ONLY),
    "api-survey-rerun": Rule(SURVEY_API, **POST_ONLY),
    "api-survey-links": Rule(SURVEY_API, post=True),
    "api-survey-results": Rule(SURVEY_API),
    "api-survey-comments": Rule(SURVEY_API),
    "api-survey-link-revoke": Rule(SURVEY_LINK_API, **POST_ONLY),
    "api-survey-comment-shareable": Rule(SURVEY_COMMENT_API, **POST_ONLY),
    # Other evaluations: knowledge checks (kept by the organisation's consultants and leaders, taken by
    # the people who took the course) and a case's observations (its consultants and leaders).
    "training:check_create": Rule(COURSE, post=True),
    "training:check_detail": Rule(CHECK, post=True),
    "training:check_question_create": Rule(CHECK, post=True),
    "training:check_question_edit": Rule(QUESTION, post=True),
    "training:check_question_delete": Rule(QUESTION, **POST_ONLY),
    "training:check_record": Rule(CHECK, post=True),
    "training:my_check": Rule(CHECK, post=True),
    "training:my_attempt": Rule(ATTEMPT),
    "training:observation_list": Rule(CASE),
    "training:observation_create": Rule(CASE, post=True),
    "training:observation_detail": Rule(OBSERVATION),
    "training:observation_edit": Rule(OBSERVATION, post=True),
    "training:observation_action": Rule(OBSERVATION, **POST_ONLY),
    "api-training-checks": Rule(ORGANISATION, post=True),
    "api-training-check-detail": Rule(CHECK),
    "api-training-check-attempts": Rule(CHECK, post=True),
    "api-training-my-attempts": Rule(LIST),
    "api-observations": Rule(CASE, post=True),
    "api-observation-detail": Rule(OBSERVATION),
    "api-observation-action": Rule(OBSERVATION, **POST_ONLY),
    # Closure report of a case: its versions, the four-eyes decision, the personal-data check, the PDF.
    "training:closure": Rule(CASE),
    "training:closure_create": Rule(CASE, **POST_ONLY),
    "training:closure_detail": Rule(CLOSURE_REPORT, post=True),
    "training:closure_request": Rule(CLOSURE_REPORT, **POST_ONLY),
    "training:closure_approve": Rule(CLOSURE_REPORT, **POST_ONLY),
    "training:closure_refuse": Rule(CLOSURE_REPORT, **POST_ONLY),
    "training:closure_override": Rule(CLOSURE_REPORT, **POST_ONLY),
    "training:closure_retry": Rule(CLOSURE_REPORT, **POST_ONLY),
    "training:closure_download": Rule(CLOSURE_REPORT),
    "api-case-closure-reports": Rule(CASE, post=True),
    "api-closure-report-detail": Rule(CLOSURE_REPORT),
    "api-closure-report-request": Rule(CLOSURE_REPORT, **POST_ONLY),
    "api-closure-report-approve": Rule(CLOSURE_REPORT, **POST_ONLY),
    "api-closure-report-refuse": Rule(CLOSURE_REPORT, **POST_ONLY),
    "api-closure-report-override": Rule(CLOSURE_REPORT, **POST_ONLY),
    "api-closure-report-retry": Rule(CLOSURE_REPORT, **POST_ONLY),
    "api-closure-report-download": Rule(CLOSURE_REPORT),
}

# Consultant-only URLs of a case: the organisation's own leaders and staff, who see the case, are
# refused them too (403, as staff are on the engagement pages), checked before any object is read.
CONSULTANTS_ONLY = ("crisis:protected_name_list", "crisis:protected_name_edit", "crisis:protected_name_delete",
                    "api-case-protected-names", "api-case-protected-name-detail")
# Observations are read by the case's leaders too, but only its consultants write them.
CONSULTANTS_ONLY += ("training:observation_create", "training:observation_edit", "training:observation_action",
                     "api-observation-action")
PROTECTED_NAME_TEXT = "Tallulah Quince"
TRAINING_PERSON = "Perpetua Quill"

# Whole URL prefixes with one rule; the admin checks its own staff flag on every page.
PREFIX_RULES: dict[str, Rule] = {
    "admin/": Rule(ADMIN),
}


def _walk(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name, pattern


def all_patterns() -> list[tuple[str, str | None, URLPattern]]:
    return list(_walk(get_resolver().url_patterns))


def rule_for(route: str, name: str | None) -> Rule | None:
    if name in RULES:
        return RULES[name]
    for prefix, rule in PREFIX_RULES.items():
        if route.lstrip("^").startswith(prefix):
            return rule
    return RULES.get(name) if name else None


def _params(pattern: URLPattern) -> list[str]:
    regex = pattern.pattern.regex
    return list(regex.groupindex)


def _build_url(route: str, pattern: URLPattern, values: dict[str, str]) -> str:
    """Fill a route (path converters or regex groups) with concrete values."""
    url = route
    for param in _params(pattern):
        value = values[param]
        url = re.sub(rf"<(?:\w+:)?{param}>", value, url)
        url = re.sub(rf"\(\?P<{param}>[^)]*\)", value, url)
    url = url.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")
    return "/" + url.lstrip("/")


def test_every_url_pattern_is_classified():
    unknown = [
        f"{route!r} (name={name!r})" for route, name, _ in all_patterns() if rule_for(route, name) is None
    ]
    assert not unknown, "Declare how these URLs are protected in tests/test_tenancy.py RULES:\n" + "\n".join(unknown)


def test_every_rule_names_a_pattern_that_exists():
    names = {name for _, name, _ in all_patterns()}
    stale = sorted(set(RULES) - names)
    assert not stale, f"RULES names URLs that no longer exist: {stale}"


@pytest.fixture(scope="module")
def _matrix(django_db_setup, django_db_blocker, tmp_path_factory):
    """The matrix built once for the whole module (it serves some 480 tests); see tests/dbshare.py."""
    with once_per_module(django_db_blocker, tmp_path_factory, _build_matrix) as shared:
        yield shared


@pytest.fixture
def matrix(_matrix, private_storage_per_test):
    """Organisation A's objects — one of each kind on its open case, and again on its restricted
    case — and everybody who must not see them. What a test writes (the matrix requests every URL
    with every method it takes) is rolled back after it."""
    return _matrix.for_this_test()


def _build_matrix() -> dict:
    world = build_world()
    services.chronology_entry_create(actor=world.alice, case=world.case_a,
                                     title="Consultant-only note about the DSL conduct")
    stranger = ConsultantFactory(email="stranger@example.test", full_name="Stan Stranger")
    policy = response_services.policy_create(
        actor=world.leader_a, organisation=world.org_a, policy_type="child_protection",
        title="Child protection policy", next_review_on=timezone.localdate(),
    )
    training_record = Report.objects.create(
        organisation=world.org_a, case=world.case_a, kind=Report.Kind.TRAINING_RECORD, title="Training record",
        status=Report.Status.READY, requested_by=world.alice, file=ContentFile(b"%PDF-1.4\n", name="training.pdf"),
    )
    return {
        **_case_objects(world, world.case_a, owner=world.staff_a),
        **_training_objects(world),
        **_evaluation_objects(world),
        "world": world,
        "policy": policy,
        "requirement": Requirement.objects.filter(organisation=world.org_a).first(),
        "role": StaffRole.objects.filter(organisation=world.org_a).first(),
        "training_record": training_record,
        # The same kinds of object on A's restricted case (its owner must see it: a named leader).
        "restricted": _case_objects(world, world.restricted_a, owner=world.leader_a),
        # People of another organisation, and a consultant assigned nowhere.
        "outsiders": {"bob": world.bob, "leader_b": world.leader_b, "staff_b": world.staff_b, "stranger": stranger},
        # People of organisation A who must still not see A's restricted case: a consultant assigned
        # to A but not named on the case, a member of staff, and a leader of A not named on it (the
        # DSL the case concerns).
        "restricted_outsiders": {"carol": world.carol, "staff_a": world.staff_a,
                                 "unnamed_leader_a": world.unnamed_leader_a},
    }


def _training_objects(world) -> dict:
    """One of each training object of organisation A: a person, a course, a session with its
    register, and a certificate with its file."""
    from training.models import Person

    person = Person.objects.create(organisation=world.org_a, full_name=TRAINING_PERSON)
    course = training_services.course_create(actor=world.alice, organisation=world.org_a,
                                             title="Whole-staff safeguarding", kind="safeguarding")
    session = training_services.session_create(actor=world.alice, course=course, date=timezone.localdate())
    training_services.attendance_save(actor=world.alice, session=session, marks={person.pk: "attended"})
    record = training_services.certificate_record(
        actor=world.alice, person=person, completed_on=timezone.localdate(), new_course={"title": "DSL course"},
        uploaded_file=SimpleUploadedFile("dsl.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    return {"person": person, "course": course, "session": session, "record": record}


def _evaluation_objects(world) -> dict:
    """A knowledge check of the training course with one question, and an attempt at it (a paper
    score) by the person of the staff list."""
    from training.models import Course, Person

    course = Course.objects.get(organisation=world.org_a, title="Whole-staff safeguarding")
    check = training_services.knowledge_check_create(actor=world.alice, course=course, questions=[
        {"text": "Who do you tell first?", "options": [{"text": "The DSL", "correct": True}, {"text": "Nobody"}]},
    ])
    attempt = training_services.check_attempt_record(
        actor=world.alice, check=check, person=Person.objects.get(full_name=TRAINING_PERSON), score=100,
        taken_on=timezone.localdate(),
    )
    return {"check": check, "question": check.questions.get(), "attempt": attempt}


def _case_objects(world, case, *, owner) -> dict:
    """One of each object of a case: deadline, risk, "no risk" mark, action with evidence, report,
    checkpoint, and the engagement objects."""
    deadline = services.deadline_create(actor=world.alice, case=case, title="Refer to the LADO",
                                        due_on=timezone.localdate())
    risk = assessment_services.risk_create(
        actor=world.alice, case=case, title="Staff unaware of the LADO route", category="operational",
        inherent_likelihood=4, inherent_impact=4,
    )
    no_risk = assessment_services.category_mark_no_risk(
        actor=world.alice, case=case, category="financial", reason="No financial exposure found."
    )
    action = response_services.action_create(
        actor=world.alice, case=case, title="Re-train staff on the LADO route", owner=owner,
        due_on=timezone.localdate(), risks=[risk],
    )
    evidence = response_services.action_evidence_add_file(
        actor=owner, action=action, uploaded_file=SimpleUploadedFile("register.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    report = Report.objects.create(
        organisation=world.org_a, case=case, kind=Report.Kind.ACTION_PLAN, title="Action plan",
        status=Report.Status.READY, requested_by=world.alice, file=ContentFile(b"%PDF-1.4\n", name="plan.pdf"),
    )
    checkpoint = response_services.checkpoint_record(
        actor=world.alice, case=case, confidence={"parents": 2}, commentary="Early days."
    )
    protected_name = services.protected_name_create(actor=world.alice, case=case, name=PROTECTED_NAME_TEXT,
                                                    role="child", also_known_as="Lulu")
    observation = training_services.observation_create(
        actor=world.alice, case=case, kind="learning_walk", observed_on=timezone.localdate(),
        area="Reception and signing-in", seen="Visitors signed in without photo ID.", rating="concern",
    )
    return {
        **_engagement_objects(world, case),
        **_exit_objects(world, case),
        **_survey_objects(world, case),
        "observation": observation,
        **_closure_objects(world, case),
        "deadline": deadline,
        "risk": risk,
        "no_risk": no_risk,
        "action": action,
        "evidence": evidence,
        "report": report,
        "checkpoint": checkpoint,
        "protected_name": protected_name,
    }


def _engagement_objects(world, case) -> dict:
    """One of each stakeholder engagement object on a case of organisation A."""
    stakeholder = stakeholder_services.stakeholder_create(
        actor=world.alice, case=case, kind="regulator", name="Ofsted", receives_reports=True,
        contacts=[{"name": "Hannah Inspector", "email": "hannah@ofsted.example"}],
    )
    contact = stakeholder.contacts.get()
    communication = stakeholder_services.communication_log(
        actor=world.alice, case=case, stakeholders=[stakeholder], direction="out", channel="call",
        summary="Briefed the inspector", mediation_notes="Consultant-only mediation note",
        follow_up_due=timezone.localdate(),
        attachments=[SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF\n")],
    )
    version = stakeholder_services.press_line_write(actor=world.alice, case=case, title="Holding statement",
                                                    text="We are working with the authorities.")
    schedule = stakeholder_services.schedule_create(
        actor=world.alice, case=case, name="Weekly to Ofsted", stakeholders=[stakeholder], cadence="weekly",
        weekday=4, time_of_day=dt.time(9, 0),
    )
    report = Report.objects.create(
        organisation=world.org_a, case=case, kind=Report.Kind.STATUS_REPORT, title="Status report",
        status=Report.Status.READY, requested_by=world.alice, sha256="0" * 64,
        file=ContentFile(b"%PDF-1.4\n", name="status.pdf"),
    )
    status_report = StatusReport.objects.create(
        audience=AudienceProfile.objects.get(key="regulator"), organisation=world.org_a, case=case, report=report,
        requested_by=world.alice, status=StatusReport.Status.FAILED)
    status_report.stakeholders.set([stakeholder])
    delivery = Delivery.objects.create(organisation=world.org_a, status_report=status_report, contact=contact,
                                       email=contact.email, status=Delivery.Status.FAILED, last_error="refused")
    return {
        "stakeholder": stakeholder,
        "contact": contact,
        "communication": communication,
        "attachment": communication.attachments.get(),
        "press_line": version.press_line,
        "version": version,
        "schedule": schedule,
        "status_report": status_report,
        "delivery": delivery,
    }


def _exit_objects(world, case) -> dict:
    """An exit override waiting for a decision and a follow-up review, on a case of organisation A.
    Written as rows: the case stays where it is (the services need it in Recovery, or Closed)."""
    from training.models import ExitOverride, FollowUpReview

    override = ExitOverride.objects.create(organisation=world.org_a, case=case, reason="Close on the evidence.",
                                           requested_by=world.alice)
    follow_up = FollowUpReview.objects.create(organisation=world.org_a, case=case, months=3,
                                              due_on=timezone.localdate())
    return {"exit_override": override, "follow_up": follow_up}


def _survey_objects(world, case) -> dict:
    """An open survey of the case with its staff link and one response with a comment."""
    survey = training_services.survey_create(actor=world.alice, case=case, title="Staff culture survey",
                                             groups=["staff"], opens_on=timezone.localdate(),
                                             closes_on=timezone.localdate() + dt.timedelta(days=7))
    training_services.survey_open(actor=world.alice, survey=survey)
    link = survey.links.get()
    item = survey.items.first()
    response = training_services.survey_submit_response(link=link, answers={item.pk: 4},
                                                        comment="The DSL was hard to reach in the spring.")
    return {"survey": survey, "survey_link": link, "survey_comment": response.comment}


SURVEY_VALUES = {
    SURVEY: {"pk": "survey"},
    SURVEY_LINK: {"pk": "survey", "link_pk": "survey_link"},
    SURVEY_COMMENT: {"pk": "survey", "comment_pk": "survey_comment"},
    SURVEY_API: {"pk": "survey"},
    SURVEY_LINK_API: {"pk": "survey_link"},
    SURVEY_COMMENT_API: {"pk": "survey_comment"},
}


def _closure_objects(world, case) -> dict:
    """An approved closure report of the case, its PDF stored (the leaders who see the case read it)."""
    from training.models import ClosureReport

    report = Report.objects.create(
        organisation=world.org_a, case=case, kind=Report.Kind.CLOSURE_REPORT, title="Closure report 1",
        status=Report.Status.READY, requested_by=world.alice, sha256="0" * 64,
        file=ContentFile(b"%PDF-1.4\n", name="closure.pdf"),
    )
    closure = ClosureReport.objects.create(
        organisation=world.org_a, case=case, number=1, status=ClosureReport.Status.APPROVED, created_by=world.alice,
        lessons_learned="Lessons.", handover="Handover.", requested_by=world.alice, requested_at=timezone.now(),
        decided_by=world.admin, decided_at=timezone.now(), guard_clean=True, report=report,
    )
    return {"closure_report": closure}


# Which matrix object fills which URL parameter, for each kind of one engagement object.
ENGAGEMENT_VALUES = {
    STAKEHOLDER: {"pk": "stakeholder"},
    CONTACT: {"pk": "stakeholder", "contact_pk": "contact"},
    COMMUNICATION: {"pk": "communication"},
    ATTACHMENT: {"pk": "communication", "attachment_pk": "attachment"},
    PRESS_LINE: {"pk": "press_line"},
    PRESS_LINE_VERSION: {"pk": "press_line", "version_pk": "version"},
    VERSION_API: {"pk": "version"},
    SCHEDULE: {"pk": "schedule"},
    STATUS_REPORT: {"pk": "status_report"},
    DELIVERY: {"pk": "status_report", "delivery_pk": "delivery"},
    DELIVERY_API: {"pk": "delivery"},
}


def _values(matrix, kind: str, case) -> dict[str, str]:
    world = matrix["world"]
    objects = matrix["restricted"] if case == world.restricted_a else matrix
    values = {"reference": case.reference, "format": "json", "uidb64": "MQ", "token": "set-password",
              "organisation_id": str(world.org_a.pk)}  # the training pages' organisation
    if kind == ORGANISATION:
        values["pk"] = values["organisation_id"] = str(world.org_a.pk)
    elif kind == DEADLINE:
        values["pk"] = str(objects["deadline"].pk)
    elif kind == RISK:
        values["pk"] = str(objects["risk"].pk)
    elif kind == NO_RISK:
        values["pk"] = str(objects["no_risk"].pk)
    elif kind == ACTION:
        values["pk"] = str(objects["action"].pk)
    elif kind == EVIDENCE:
        values["pk"] = str(objects["action"].pk)
        values["evidence_pk"] = str(objects["evidence"].pk)
    elif kind == REPORT:
        values["pk"] = str(objects["report"].pk)
    elif kind == CHECKPOINT:
        values["pk"] = str(objects["checkpoint"].pk)
    elif kind == PROTECTED_NAME:
        values["pk"] = str(objects["protected_name"].pk)
    elif kind == POLICY:
        values["pk"] = str(world.org_a.pk)
        values["policy_pk"] = str(matrix["policy"].pk)
    elif kind == POLICY_API:
        values["pk"] = str(matrix["policy"].pk)
    elif kind in TRAINING_KINDS:
        base = kind.removesuffix("_api")
        values["pk"] = values[f"{base}_id"] = str(matrix[base].pk)
    elif kind == TRAINING_RECORD:
        values["pk"] = str(matrix["training_record"].pk)
    elif kind in EXIT_KINDS:
        values["pk"] = str(objects[kind].pk)
    elif kind in (CHECK, ATTEMPT):
        values["pk"] = values[f"{kind}_id"] = str(matrix[kind].pk)
    elif kind == QUESTION:
        values["check_id"], values["pk"] = str(matrix["check"].pk), str(matrix["question"].pk)
    elif kind == OBSERVATION:
        values["pk"] = str(objects["observation"].pk)
    elif kind == CLOSURE_REPORT:
        values["pk"] = str(objects["closure_report"].pk)
    elif kind in ENGAGEMENT_VALUES:
        values.update({param: str(objects[key].pk) for param, key in ENGAGEMENT_VALUES[kind].items()})
    elif kind in SURVEY_VALUES:
        values.update({param: str(objects[key].pk) for param, key in SURVEY_VALUES[kind].items()})
    return values


def _assert_hidden(response, case, label: str):
    body = response.content.decode(errors="replace")
    assert response.status_code == 404, f"{label}: expected 404, got {response.status_code}"
    assert case.reference not in body and case.title not in body, f"{label}: the 404 leaks the case"


def _secrets(matrix) -> list[str]:
    """What of organisation A no outsider may ever read, on any page."""
    world = matrix["world"]
    return [
        world.case_a.reference, world.restricted_a.reference, world.case_a.title, world.restricted_a.title,
        world.org_a.name, "Consultant-only note about the DSL conduct", "Briefed the inspector",
        "Consultant-only mediation note", PROTECTED_NAME_TEXT, TRAINING_PERSON,
    ]


def _cases_under_test(matrix, route: str):
    world = matrix["world"]
    yield world.case_a, matrix["outsiders"]
    yield world.restricted_a, {**matrix["outsiders"], **matrix["restricted_outsiders"]}


METHODS = ("get", "post", "put", "patch", "delete")


def _request(client, method: str, url: str):
    if method == "get":
        return client.get(url)
    if method == "post":
        return client.post(url, {})
    return getattr(client, method)(url, data="{}", content_type="application/json")


def _accepted_methods(client, url: str) -> list[str]:
    """The HTTP methods the view behind `url` accepts, asked of the view itself: a method it does not
    take answers 405 before any lookup (Django's require_POST and friends, DRF's missing handler);
    one it takes looks the object up first, so an outsider's request of it answers 404."""
    return [method for method in METHODS if _request(client, method, url).status_code != 405]


def _writes(matrix, kind: str, case) -> dict:
    """What an outsider must never change: the audit log, the chronology, the target object's row
    and the number of rows of every kind of object a case holds."""
    from django.apps import apps
    from django.forms.models import model_to_dict

    from crisis.models import AuditEvent, ChronologyEntry

    world = matrix["world"]
    objects = matrix["restricted"] if case == world.restricted_a else matrix
    target = {ORGANISATION: world.org_a, POLICY: matrix["policy"], POLICY_API: matrix["policy"], CASE: case,
              TRAINING_RECORD: matrix["training_record"]}.get(kind)
    if target is None:
        key = {VERSION_API: "version", PRESS_LINE_VERSION: "version", DELIVERY_API: "delivery",
               PERSON_API: "person", REQUIREMENT_API: "requirement", SURVEY_API: "survey",
               SURVEY_LINK_API: "survey_link", SURVEY_COMMENT_API: "survey_comment"}.get(kind, kind)
        target = objects[key]
    counted = ("assessment.Risk", "assessment.RiskComment", "assessment.CategoryNoRisk", "crisis.Deadline",
               "response.Action", "response.ActionNote", "response.Evidence", "response.Policy",
               "response.ImprovementCheckpoint", "crisis.Report", "stakeholders.Stakeholder",
               "stakeholders.Communication", "stakeholders.PressLineVersion", "stakeholders.UpdateSchedule",
               "stakeholders.StatusReport", "stakeholders.Delivery", "crisis.ProtectedName",
               "training.Person", "training.StaffRole", "training.Requirement", "training.Course",
               "training.Session", "training.TrainingRecord", "training.ExitCriterion", "training.ExitSignOff",
               "training.ExitOverride", "training.ExitDecision", "training.FollowUpReview", "training.Survey",
               "training.SurveyLink", "training.SurveyResponse", "training.SurveyComment",
               "training.KnowledgeCheck", "training.CheckQuestion", "training.CheckAttempt", "training.Observation",
               "training.ClosureReport", "training.ClosureGuardOverride")
    return {
        "audit": AuditEvent.objects.order_by("-id").values_list("id", flat=True).first(),
        "chronology": ChronologyEntry.objects.count(),
        "target": model_to_dict(type(target).objects.get(pk=target.pk)),
        "rows": {label: apps.get_model(label).objects.count() for label in counted},
    }


@pytest.mark.parametrize(
    "route,name,pattern",
    [p for p in all_patterns()
     if (rule_for(p[0], p[1]) or Rule("")).kind in OBJECT_KINDS],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_objects_of_another_organisation_answer_404(matrix, login, route, name, pattern):
    """Every method the view accepts answers 404 to everyone who may not see the object — on A's open
    case, and on its restricted case also to A's unnamed consultant, unnamed leader and staff — and
    writes nothing. The leader named on the restricted case reads what a leader reads of it."""
    rule = rule_for(route, name)
    world = matrix["world"]
    targets = (
        [(world.case_a, matrix["outsiders"])] if rule.kind in ORGANISATION_KINDS else _cases_under_test(matrix, route)
    )
    clients = {}  # one signed-in client per person, for both cases
    methods = None  # asked of the view once: the methods it takes do not depend on the object
    for case, people in targets:
        url = _build_url(route, pattern, _values(matrix, rule.kind, case))
        if methods is None:
            methods = _accepted_methods(login(world.bob), url)
            declared = {"get": rule.get, "post": rule.post}
            undeclared = [m for m in ("get", "post") if (m in methods) != declared[m]]
            assert not undeclared, f"{url} {'accepts' if 'post' in methods else 'refuses'} {undeclared}: fix RULES"
        before = _writes(matrix, rule.kind, case)
        for who, user in people.items():
            if who not in clients:
                clients[who] = login(user)
            client = clients[who]
            for method in methods:
                _assert_hidden(_request(client, method, url), case, f"{method.upper()} {url} as {who}")
        assert _writes(matrix, rule.kind, case) == before, f"{url}: an outsider's request wrote something"
        # Positive control: Alice (assigned, and named on the restricted case) reaches it (not 404).
        if "alice" not in clients:
            clients["alice"] = login(world.alice)
        response = clients["alice"].get(url) if rule.get else clients["alice"].post(url, {})
        assert response.status_code != 404, f"{url}: Alice (assigned) should reach it"
        if case == world.restricted_a and rule.get:
            # Positive control: the leader named on it reaches it too (a page for consultants only is a
            # 403, never a 404).
            response = login(world.leader_a).get(url)
            assert response.status_code != 404, f"{url}: the named leader should reach it"


@pytest.mark.parametrize(
    "route,name,pattern",
    [p for p in all_patterns() if p[1] in CONSULTANTS_ONLY],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_consultant_only_urls_answer_403_to_the_organisations_leaders_and_staff(matrix, login, route, name,
                                                                                pattern):
    """Every method the view accepts answers 403 to A's leader and staff on A's open case, and to A's
    leader on its restricted case (which she sees): nothing is shown and nothing is written."""
    rule = rule_for(route, name)
    world = matrix["world"]
    people = {"leader_a": world.leader_a, "staff_a": world.staff_a}
    methods = None
    for case, who_sees_it in ((world.case_a, ("leader_a", "staff_a")), (world.restricted_a, ("leader_a",))):
        url = _build_url(route, pattern, _values(matrix, rule.kind, case))
        if methods is None:
            methods = _accepted_methods(login(world.bob), url)
        before = _writes(matrix, rule.kind, case)
        for who in who_sees_it:
            client = login(people[who])
            for method in methods:
                response = _request(client, method, url)
                assert response.status_code == 403, f"{method.upper()} {url} as {who}: {response.status_code}"
                assert PROTECTED_NAME_TEXT not in response.content.decode(), f"{method.upper()} {url} as {who}"
        assert _writes(matrix, rule.kind, case) == before, f"{url}: a leader's or staff's request wrote something"


def test_every_consultant_only_url_exists():
    names = {name for _, name, _ in all_patterns()}
    assert set(CONSULTANTS_ONLY) <= names


@pytest.mark.parametrize(
    "route,name,pattern",
    [p for p in all_patterns() if (rule_for(p[0], p[1]) or Rule("")).kind == LIST],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_lists_never_show_another_organisations_data(matrix, login, route, name, pattern):
    rule = rule_for(route, name)
    world = matrix["world"]
    url = _build_url(route, pattern, {"format": "json"})
    secrets = _secrets(matrix)
    for who, user in matrix["outsiders"].items():
        response = login(user).get(url, follow=True)
        assert response.status_code in (200, 403), f"GET {url} as {who}: {response.status_code}"
        body = response.content.decode()
        leaked = [s for s in secrets if s in body]
        assert not leaked, f"GET {url} as {who} shows organisation A's {leaked}"
    for who, user in matrix["restricted_outsiders"].items():
        body = login(user).get(url, follow=True).content.decode()
        assert world.restricted_a.reference not in body, f"GET {url} as {who} shows the restricted case"
    if rule.owner:
        body = login(getattr(world, rule.owner)).get(url, follow=True).content.decode()
        assert any(s in body for s in secrets), f"GET {url}: {rule.owner} should see A's data (a meaningful check)"


@pytest.mark.parametrize(
    "route,name,pattern",
    [p for p in all_patterns() if (rule_for(p[0], p[1]) or Rule("")).kind not in (PUBLIC, TOKEN)],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_anonymous_visitors_are_sent_to_sign_in(matrix, client, route, name, pattern):
    rule = rule_for(route, name)
    if rule is None:
        pytest.skip("unclassified: reported by test_every_url_pattern_is_classified")
    values = _values(matrix, rule.kind, matrix["world"].case_a)
    values.setdefault("pk", "1")
    for param in _params(pattern):
        values.setdefault(param, "1")
    url = _build_url(route, pattern, values)
    response = client.get(url)
    if route.endswith("logout/") or not rule.get:
        # POST-only: Django answers GET with 405; DRF checks sign-in first and answers 403.
        assert response.status_code in (302, 403, 405), f"GET {url} anonymous: {response.status_code}"
        return
    assert response.status_code in (302, 401, 403), f"GET {url} anonymous: {response.status_code}"
    if response.status_code == 302:
        assert "login" in response["Location"], f"GET {url} anonymous redirects to {response['Location']}"


@pytest.mark.parametrize(
    "route,name,pattern",
    [p for p in all_patterns() if (rule_for(p[0], p[1]) or Rule("")).kind == PUBLIC],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_public_pages_show_no_tenant_data(matrix, client, login, route, name, pattern):
    """Anonymous, or signed in as someone of another organisation: nothing of A on a public page."""
    values = dict.fromkeys(_params(pattern), "MQ")
    url = _build_url(route, pattern, values)
    for who, visitor in (("anonymous", client), *((who, login(user)) for who, user in matrix["outsiders"].items())):
        response = visitor.get(url, follow=True)
        assert response.status_code in (200, 405), f"GET {url} as {who}: {response.status_code}"
        leaked = [secret for secret in _secrets(matrix) if secret in response.content.decode()]
        assert not leaked, f"GET {url} as {who} shows organisation A's {leaked}"


@pytest.mark.parametrize(
    "route,name,pattern",
    [p for p in all_patterns() if (rule_for(p[0], p[1]) or Rule("")).kind == SIGNED_IN],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_signed_in_pages_show_no_tenant_data_to_outsiders(matrix, login, route, name, pattern):
    """Pages that need only a login (home, password change, logout) show nothing of A to B's people."""
    url = _build_url(route, pattern, dict.fromkeys(_params(pattern), "MQ"))
    for who, user in matrix["outsiders"].items():
        response = login(user).get(url, follow=True)
        assert response.status_code in (200, 405), f"GET {url} as {who}: {response.status_code}"
        leaked = [secret for secret in _secrets(matrix) if secret in response.content.decode()]
        assert not leaked, f"GET {url} as {who} shows organisation A's {leaked}"
    # Positive control: the same page does show A's data to A's consultant where it lists anything.
    if name == "crisis:home":
        body = login(matrix["world"].alice).get(url, follow=True).content.decode()
        assert matrix["world"].case_a.reference in body


@pytest.mark.parametrize("who", ["alice", "leader_a", "staff_a", "leader_b"])
def test_only_consultancy_admins_open_the_admin(matrix, login, who):
    response = login(getattr(matrix["world"], who)).get("/admin/crisis/case/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert login(matrix["world"].admin).get("/admin/crisis/case/").status_code == 200


@pytest.mark.parametrize(
    "route,name,pattern",
    [p for p in all_patterns() if (rule_for(p[0], p[1]) or Rule("")).kind == TOKEN],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_token_pages_answer_404_to_a_forged_token(matrix, client, login, route, name, pattern):
    url = _build_url(route, pattern, dict.fromkeys(_params(pattern), "eyJkIjoxfQ:forged:signature"))
    for response in (client.get(url), login(matrix["world"].leader_b).get(url)):
        assert response.status_code == 404
        assert matrix["world"].case_a.reference.encode() not in response.content


@pytest.mark.parametrize(
    "route,name,pattern",
    [p for p in all_patterns()
     if (rule_for(p[0], p[1]) or Rule("")).kind in CASE_OBJECT_KINDS and "reference" in _params(p[2])],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_an_object_answers_404_under_another_cases_reference(matrix, login, route, name, pattern):
    """A page naming a case and one of its objects finds the object in that case only: the object of
    A's open case under a case the user does see — Bob's own, or Alice's restricted one — is a 404."""
    rule = rule_for(route, name)
    world = matrix["world"]
    for user, other_case in ((world.bob, world.case_b), (world.alice, world.restricted_a)):
        values = {**_values(matrix, rule.kind, world.case_a), "reference": other_case.reference}
        url = _build_url(route, pattern, values)
        client = login(user)
        if rule.get:
            assert client.get(url).status_code == 404, f"GET {url} as {user}"
        if rule.post:
            assert client.post(url, {}).status_code == 404, f"POST {url} as {user}"


# A leader of A not named on A's restricted case -----------------------------------------------------


@pytest.mark.parametrize("name", ["crisis:client_home", "response:our_action_plan", "crisis:organisation_detail",
                                  "api-case-list", "api-action-plan", "api-follow-ups", "api-chronology-list"])
def test_the_restricted_case_is_listed_for_the_leader_named_on_it_only(matrix, login, name):
    """Home, "Our action plan", the organisation page, follow-ups and the API's lists: the named leader
    finds the restricted case there; the unnamed one finds A's open case and nothing of the other."""
    world = matrix["world"]
    url = reverse(name, kwargs={"pk": world.org_a.pk} if name == "crisis:organisation_detail" else None)
    named = login(world.leader_a).get(url, follow=True)
    unnamed = login(world.unnamed_leader_a).get(url, follow=True)
    assert named.status_code == unnamed.status_code == 200
    assert world.restricted_a.reference in named.content.decode()
    body = unnamed.content.decode()
    assert world.case_a.reference in body, f"{url}: the unnamed leader still sees A's open case"
    assert world.restricted_a.reference not in body and world.restricted_a.title not in body


def test_the_daily_digest_tells_a_leader_about_a_restricted_case_only_while_named(matrix):
    """An action Dora was given while named on the restricted case is left out of her digest once she
    is not named; her action on A's open case is still in it, and the named leader hears of hers."""
    from django.core import mail

    from response import tasks as response_tasks

    world = matrix["world"]
    dora = world.unnamed_leader_a
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    services.case_update(actor=world.alice, case=world.restricted_a, leaders=[world.leader_a, dora])
    response_services.action_create(actor=world.alice, case=world.restricted_a, title="Cover the DSL rota",
                                    owner=dora, due_on=yesterday)
    services.case_update(actor=world.alice, case=world.restricted_a, leaders=[world.leader_a])
    response_services.action_create(actor=world.alice, case=world.case_a, title="Brief the governors",
                                    owner=dora, due_on=yesterday)

    response_tasks.send_daily_digests()

    (to_dora,) = [m for m in mail.outbox if m.to == [dora.email]]
    text = to_dora.body + "".join(content for content, _ in to_dora.alternatives)
    assert "Brief the governors" in text and world.case_a.reference in text
    assert "Cover the DSL rota" not in text and world.restricted_a.reference not in text
    (to_lena,) = [m for m in mail.outbox if m.to == [world.leader_a.email]]
    assert world.restricted_a.reference in to_lena.body  # the restricted case's action is hers, due today
