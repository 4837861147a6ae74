"""Reads of anonymous surveys.

Who reads what: a case's consultants read everything of its surveys (links, results, comments);
the leaders who see the case (on a restricted case, those named on it) read its surveys' aggregated
results and the comments a consultant marked shareable; staff read nothing here (they answer through
the public page like anyone). Results of a group exist only once it has `min_responses` responses:
below that no per-question figure leaves this module, through any page, API, chart or figure.

Results are aggregated in SQL (a fixed number of queries, whatever the number of responses).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from crisis.access import can_manage_case, is_active_user, is_case_leader, training_manager_condition
from crisis.models import Case
from crisis.selectors import cases_for

from ..models import Survey, SurveyAnswer, SurveyComment, SurveyGroup, SurveyItem, SurveyLink, SurveyResponse

__all__ = [
    "NOT_ENOUGH",
    "GroupResult",
    "can_read_surveys",
    "case_survey_trend",
    "case_surveys",
    "get_survey_comment_for",
    "get_survey_for",
    "get_survey_link_for",
    "link_for_token",
    "staff_survey_key_score",
    "survey_checkpoint_figures",
    "survey_comments",
    "survey_links",
    "survey_results",
    "survey_series_trend",
    "surveys_for",
]

NOT_ENOUGH = "Not enough responses yet to show results without identifying anyone."
VALUES = (1, 2, 3, 4, 5)


def can_read_surveys(*, user, case: Case) -> bool:
    """The case's consultants and the leaders who see the case."""
    return can_manage_case(user=user, case=case) or is_case_leader(user=user, case=case)


def surveys_for(user) -> QuerySet[Survey]:
    """Surveys of the cases the user sees, for their consultants and leaders (never staff)."""
    if not is_active_user(user):
        return Survey.objects.none()
    return Survey.objects.filter(training_manager_condition(user), case__in=cases_for(user))


def case_surveys(*, user, case: Case) -> QuerySet[Survey]:
    """A case's surveys, newest first, with their response counts (one query)."""
    if not can_read_surveys(user=user, case=case):
        return Survey.objects.none()
    return (Survey.objects.filter(organisation_id=case.organisation_id, case=case)
            .annotate(response_count=Count("responses")).order_by("-opens_on", "-id"))


def get_survey_for(*, user, pk, case: Case | None = None) -> Survey:
    qs = surveys_for(user).select_related("case", "case__organisation", "baseline")
    if case is not None:
        qs = qs.filter(case=case)
    try:
        survey = qs.get(pk=pk)
    except (Survey.DoesNotExist, ValueError, TypeError):
        raise Http404("No such survey.") from None
    if not can_read_surveys(user=user, case=survey.case):  # a leader not named on a restricted case
        raise Http404("No such survey.")
    return survey


def survey_links(*, survey: Survey) -> list[SurveyLink]:
    """Every link of the survey, working ones first per group (consultants only: the caller checks)."""
    now = timezone.now()
    links = list(SurveyLink.objects.filter(organisation_id=survey.organisation_id, survey=survey)
                 .order_by("group", "-created_at", "-id"))
    for link in links:
        link.active = link.is_active(now) and survey.status != Survey.Status.CLOSED
    return links


def get_survey_link_for(*, user, pk, survey: Survey | None = None) -> SurveyLink:
    qs = SurveyLink.objects.filter(survey__in=surveys_for(user)).select_related("survey", "survey__case")
    if survey is not None:
        qs = qs.filter(survey=survey)
    try:
        link = qs.get(pk=pk)
    except (SurveyLink.DoesNotExist, ValueError, TypeError):
        raise Http404("No such link.") from None
    if not can_read_surveys(user=user, case=link.survey.case):
        raise Http404("No such link.")
    return link


def link_for_token(token: str) -> SurveyLink | None:
    """The working link of an open survey with this token; None for anything else (unknown, forged,
    revoked, expired, or the survey not open)."""
    token = (token or "").strip()
    if not token or len(token) > 64:
        return None
    link = (SurveyLink.objects.select_related("survey", "organisation")
            .filter(token=token, revoked_at__isnull=True, expires_at__gt=timezone.now(),
                    survey__status=Survey.Status.OPEN).first())
    return link


def survey_comments(*, user, survey: Survey) -> QuerySet[SurveyComment]:
    """The survey's comments: all of them for its consultants, the shareable ones for its leaders, none
    for anyone else."""
    qs = (SurveyComment.objects.filter(organisation_id=survey.organisation_id, response__survey=survey)
          .select_related("response").order_by("response__group", "id"))
    if can_manage_case(user=user, case=survey.case):
        return qs
    if is_case_leader(user=user, case=survey.case):
        return qs.filter(shareable=True)
    return qs.none()


def get_survey_comment_for(*, user, pk, survey: Survey | None = None) -> SurveyComment:
    """One comment the user reads (consultants: any of their cases' surveys; leaders: shareable ones)."""
    if survey is None:
        try:
            survey = surveys_for(user).select_related("case").get(comments_of_survey(pk))
        except (Survey.DoesNotExist, ValueError, TypeError):
            raise Http404("No such comment.") from None
    try:
        return survey_comments(user=user, survey=survey).select_related("response__survey__case").get(pk=pk)
    except (SurveyComment.DoesNotExist, ValueError, TypeError):
        raise Http404("No such comment.") from None


def comments_of_survey(comment_pk) -> Q:
    """The survey a comment belongs to, as a condition on Survey."""
    return Q(pk__in=SurveyComment.objects.filter(pk=comment_pk).values("response__survey_id"))


# Results -------------------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    item: SurveyItem
    n: int
    mean: float | None
    counts: list[int]  # answers 1..5

    @property
    def distribution(self) -> list[tuple[int, int, int]]:
        """(value, count, percent) for each of 1..5."""
        return [(v, c, round(100 * c / self.n) if self.n else 0) for v, c in zip(VALUES, self.counts, strict=True)]


@dataclass
class GroupResult:
    group: str
    label: str
    responses: int
    threshold: int
    questions: list[QuestionResult] = field(default_factory=list)
    key_score: float | None = None

    @property
    def shown(self) -> bool:
        return self.responses >= self.threshold

    @property
    def message(self) -> str:
        return "" if self.shown else NOT_ENOUGH


def _response_counts(survey: Survey) -> dict[str, int]:
    return dict(SurveyResponse.objects.filter(organisation_id=survey.organisation_id, survey=survey)
                .values("group").annotate(n=Count("id")).values_list("group", "n"))


def _results(survey: Survey) -> list[GroupResult]:
    """Per group: the response count and, only when it reaches the threshold, per question the mean,
    the 1–5 counts and n, and the key score. Three queries."""
    counts = _response_counts(survey)
    results = [GroupResult(group=g, label=SurveyGroup(g).label, responses=counts.get(g, 0),
                           threshold=survey.min_responses) for g in survey.groups if g in SurveyGroup.values]
    shown = [r.group for r in results if r.shown]
    if not shown:
        return results
    items = list(SurveyItem.objects.filter(organisation_id=survey.organisation_id, survey=survey, group__in=shown))
    rows = {row["item_id"]: row for row in SurveyAnswer.objects.filter(
        organisation_id=survey.organisation_id, item__survey=survey, item__group__in=shown,
    ).values("item_id").annotate(
        n=Count("id"), mean=Avg("value"), **{f"c{v}": Count("id", filter=Q(value=v)) for v in VALUES},
    )}
    keys = dict(SurveyAnswer.objects.filter(
        organisation_id=survey.organisation_id, item__survey=survey, item__group__in=shown, item__key_question=True,
    ).values("item__group").annotate(mean=Avg("value")).values_list("item__group", "mean"))
    by_group = {r.group: r for r in results}
    for item in items:
        row = rows.get(item.pk, {})
        by_group[item.group].questions.append(QuestionResult(
            item=item, n=row.get("n", 0), mean=round(float(row["mean"]), 1) if row.get("mean") is not None else None,
            counts=[row.get(f"c{v}", 0) for v in VALUES]))
    for group, mean in keys.items():
        if mean is not None:
            by_group[group].key_score = round(float(mean), 1)
    return results


def survey_results(*, user, survey: Survey) -> list[GroupResult]:
    """The survey's aggregated results for a consultant or a leader of the case (nothing for anyone
    else); a group below the threshold carries its count and no figure."""
    if not can_read_surveys(user=user, case=survey.case):
        return []
    return _results(survey)


# Trend across a series (baseline → checkpoint → exit) ----------------------------------------------


def _series(survey_or_root_id: int, organisation_id: int) -> list[Survey]:
    return list(Survey.objects.filter(Q(pk=survey_or_root_id) | Q(baseline_id=survey_or_root_id),
                                      organisation_id=organisation_id).order_by("opens_on", "id"))


def _trend(surveys: list[Survey]) -> list[dict]:
    """Per group of the series: one point per round at or above the threshold (key score, responses),
    and per question the mean of each such round and its difference from the baseline. Nothing below
    the threshold, and no free text."""
    if not surveys:
        return []
    root = surveys[0]
    results = [(s, {r.group: r for r in _results(s)}) for s in surveys]
    trend = []
    for group in root.groups:
        if group not in SurveyGroup.values:
            continue
        points, questions = [], {}
        base_by_key: dict[str, float | None] = {}
        base_score = None
        for survey, groups in results:
            result = groups.get(group)
            if result is None or not result.shown:
                continue
            if survey.pk == root.pk:
                base_score = result.key_score
                base_by_key = {q.item.key: q.mean for q in result.questions}
            points.append({
                "survey_id": survey.pk, "round": survey.round, "round_label": survey.get_round_display(),
                "opens_on": survey.opens_on, "score": result.key_score, "responses": result.responses,
                "difference": (round(result.key_score - base_score, 1)
                               if result.key_score is not None and base_score is not None else None),
            })
            for q in result.questions:
                row = questions.setdefault(q.item.key, {"key": q.item.key, "text": q.item.text,
                                                        "key_question": q.item.key_question, "points": []})
                base = base_by_key.get(q.item.key)
                row["points"].append({
                    "survey_id": survey.pk, "round": survey.round, "round_label": survey.get_round_display(),
                    "mean": q.mean, "n": q.n,
                    "difference": round(q.mean - base, 1) if q.mean is not None and base is not None else None,
                })
        trend.append({"group": group, "label": SurveyGroup(group).label, "points": points,
                      "questions": list(questions.values())})
    return trend


def survey_series_trend(*, user, survey: Survey) -> list[dict]:
    """The trend of the series the survey belongs to, for those who read its results."""
    if not can_read_surveys(user=user, case=survey.case):
        return []
    return _trend(_series(survey.series_root_id, survey.organisation_id))


def case_survey_trend(*, case: Case) -> list:
    """The case's latest series (its most recent baseline and that baseline's re-runs): per group, the
    points at or above the threshold (round, key score, responses, difference from the baseline) and
    per question the same. No free text. What `{% survey_trend_chart %}` draws and the closure report
    prints. A system read: the caller has already checked who may see the case."""
    root = (Survey.objects.filter(organisation_id=case.organisation_id, case=case, baseline__isnull=True)
            .order_by("-opens_on", "-id").first())
    if root is None:
        return []
    return _trend(_series(root.pk, case.organisation_id))


def case_shareable_quotes(*, case: Case, limit: int = 6) -> list[SurveyComment]:
    """Free-text answers of the case's surveys that a consultant marked shareable, newest first: the
    only free text a report may print. A system read, like `case_survey_trend`."""
    return list(SurveyComment.objects.filter(organisation_id=case.organisation_id, response__survey__case=case,
                                             shareable=True)
                .select_related("response__survey").order_by("-response__survey__opens_on", "-id")[:limit])


# What other parts read: the exit criterion and the improvement checkpoints ---------------------------


def _with_group_count(qs: QuerySet[Survey], group: str) -> QuerySet[Survey]:
    return qs.annotate(group_n=Count("responses", filter=Q(responses__group=group))).filter(
        group_n__gte=F("min_responses"))


def _key_score(survey: Survey, group: str) -> float | None:
    mean = SurveyAnswer.objects.filter(
        organisation_id=survey.organisation_id, item__survey=survey, item__group=group, item__key_question=True,
    ).aggregate(mean=Avg("value"))["mean"]
    return round(float(mean), 1) if mean is not None else None


def staff_survey_key_score(*, case) -> dict | None:
    """The case's latest survey (by opens_on, then id) whose staff have given at least min_responses
    responses: {"score": mean of the key questions' answers (1–5, one decimal), "responses": int,
    "survey": Survey, "baseline_score": the series baseline's score when it reached the threshold}.
    None when no survey has reached it."""
    group = SurveyGroup.STAFF
    survey = (_with_group_count(Survey.objects.filter(organisation_id=case.organisation_id, case=case), group)
              .order_by("-opens_on", "-id").first())
    if survey is None:
        return None
    score = _key_score(survey, group)
    if score is None:
        return None
    baseline_score = score if survey.baseline_id is None else None
    if survey.baseline_id is not None:
        baseline = _with_group_count(Survey.objects.filter(pk=survey.baseline_id), group).first()
        baseline_score = _key_score(baseline, group) if baseline is not None else None
    return {"score": score, "responses": survey.group_n, "survey": survey, "baseline_score": baseline_score}


def survey_checkpoint_figures(*, case) -> list[dict]:
    """For an improvement checkpoint: per group, the latest survey of the case that reached the
    threshold in that group — the key questions' mean, n and round. Nothing for a group below it."""
    figures = []
    for group in SurveyGroup.values:
        survey = (_with_group_count(Survey.objects.filter(organisation_id=case.organisation_id, case=case), group)
                  .order_by("-opens_on", "-id").first())
        if survey is None:  # responses come only from a group the survey asks
            continue
        score = _key_score(survey, group)
        if score is None:
            continue
        figures.append({
            "label": f"Survey: {SurveyGroup(group).label.lower()} (key questions)",
            "value": f"{score} of 5",
            "detail": f"{survey.group_n} responses, {survey.get_round_display().lower()} round "
                      f"opened {survey.opens_on:%d %b %Y}",
        })
    return figures
