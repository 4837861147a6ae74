"""What the survey tests share: a survey opened on a case, and anonymous responses through its links."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from training import services
from training.models import Survey, SurveyLink

TODAY = timezone.localdate()


def open_survey(world, *, case=None, groups=("staff",), min_responses=3, title="Culture survey") -> Survey:
    survey = services.survey_create(actor=world.alice, case=case or world.case_a, title=title, groups=list(groups),
                                    opens_on=TODAY, closes_on=TODAY + dt.timedelta(days=14),
                                    min_responses=min_responses)
    return services.survey_open(actor=world.alice, survey=survey)


def link_of(survey: Survey, group: str = "staff") -> SurveyLink:
    return SurveyLink.objects.get(survey=survey, group=group, revoked_at__isnull=True)


def answer(survey: Survey, *, n: int, value: int = 4, group: str = "staff", comment: str = "") -> None:
    """n responses from `group`, each answering every question with `value`."""
    link = link_of(survey, group)
    items = list(survey.items.filter(group=group))
    for _ in range(n):
        services.survey_submit_response(link=link, answers={item.pk: value for item in items}, comment=comment)


def rerun(world, survey: Survey, round: str = "checkpoint", days: int = 30) -> Survey:  # noqa: A002
    later = TODAY + dt.timedelta(days=days)
    new = services.survey_rerun(actor=world.alice, survey=survey, round=round, opens_on=later,
                                closes_on=later + dt.timedelta(days=14))
    new = services.survey_open(actor=world.alice, survey=new)
    Survey.objects.filter(pk=new.pk).update(opens_on=later)  # as if it had opened on that day
    new.refresh_from_db()
    return new
