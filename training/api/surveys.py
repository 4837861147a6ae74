"""The survey API: a case's surveys, one survey, its re-run, links, aggregated results and comments.

Consultants of the case run the surveys; the leaders who see the case read surveys, results and the
comments marked shareable (403 on the rest); staff get 403; anyone else 404. Results come only as
counts and means of a group at its threshold: below it a group carries its count and the message,
never a figure. There is no API to respond: that is the anonymous page's alone.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from crisis.access import can_manage_case
from crisis.api_base import ERROR_400, CaseApiMixin

from .. import selectors, services
from ..models import Survey, SurveyComment
from ..serializers import (
    SurveyCommentOutputSerializer,
    SurveyCommentShareInputSerializer,
    SurveyCreateInputSerializer,
    SurveyItemOutputSerializer,
    SurveyLinkInputSerializer,
    SurveyLinkOutputSerializer,
    SurveyOutputSerializer,
    SurveyRerunInputSerializer,
    SurveyResultsOutputSerializer,
)

SURVEY_TAG = ["surveys"]
ERROR_403 = OpenApiResponse(description="You see the case but may not do this: consultants run surveys, leaders "
                                        "read results, staff see none of it.")
ERROR_404 = OpenApiResponse(description="No such case or survey, or not one you may see.")
CONSULTANTS_ONLY = "Only the case's consultants run its surveys."


def _survey(request: Request, pk: int, *, write: bool = False) -> Survey:
    survey = selectors.get_survey_for(user=request.user, pk=pk)
    if write and not can_manage_case(user=request.user, case=survey.case):
        raise PermissionDenied(CONSULTANTS_ONLY)
    return survey


def _results_payload(request: Request, survey: Survey) -> dict:
    groups = selectors.survey_results(user=request.user, survey=survey)
    return {
        "survey": survey,
        "groups": [{
            "group": g.group, "label": g.label, "responses": g.responses, "threshold": g.threshold, "shown": g.shown,
            "message": g.message, "key_score": g.key_score if g.shown else None,
            "questions": [{"item": q.item, "n": q.n, "mean": q.mean, "counts": q.counts} for q in g.questions]
            if g.shown else [],
        } for g in groups],
        "trend": selectors.survey_series_trend(user=request.user, survey=survey),
    }


@extend_schema(tags=SURVEY_TAG)
class CaseSurveyListApi(CaseApiMixin, generics.ListAPIView):
    """A case's surveys, newest first, with their response counts."""

    serializer_class = SurveyOutputSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Survey]:
        if getattr(self, "swagger_fake_view", False):
            return Survey.objects.none()
        case = self.get_case()
        if not selectors.can_read_surveys(user=self.request.user, case=case):
            raise PermissionDenied("A case's surveys are run by its consultants and read by its leaders.")
        return selectors.case_surveys(user=self.request.user, case=case).select_related("case")

    @extend_schema(summary="List a case's surveys", responses={200: SurveyOutputSerializer(many=True),
                                                               403: ERROR_403, 404: ERROR_404})
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(request=SurveyCreateInputSerializer,
                   responses={201: SurveyOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Create a baseline survey from the question bank",
                   description="Consultants of the case. A draft asking each group the bank's active questions for "
                   "it (copied into the survey); `min_responses` is never below 3.")
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = SurveyCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        survey = services.survey_create(actor=request.user, case=case, **data)
        return Response(SurveyOutputSerializer(survey).data, status=status.HTTP_201_CREATED)


class SurveyDetailOutputSerializer(SurveyOutputSerializer):
    items = SurveyItemOutputSerializer(many=True, read_only=True)

    class Meta(SurveyOutputSerializer.Meta):
        fields = [*SurveyOutputSerializer.Meta.fields, "items"]
        read_only_fields = fields


@extend_schema(tags=SURVEY_TAG)
class SurveyDetailApi(APIView):
    @extend_schema(responses={200: SurveyDetailOutputSerializer, 404: ERROR_404}, summary="Read one survey",
                   description="Its questions as asked. Consultants and the leaders who see the case.")
    def get(self, request: Request, pk: int) -> Response:
        return Response(SurveyDetailOutputSerializer(_survey(request, pk)).data)


class _SurveyAction(APIView):
    action_name = ""

    def act(self, request: Request, survey: Survey) -> Survey:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        survey = _survey(request, pk, write=True)
        return Response(SurveyOutputSerializer(self.act(request, survey)).data)


@extend_schema(tags=SURVEY_TAG)
class SurveyOpenApi(_SurveyAction):
    @extend_schema(request=None, responses={200: SurveyOutputSerializer, 400: ERROR_400, 403: ERROR_403,
                                            404: ERROR_404},
                   summary="Open a draft survey", description="Consultants. Issues one link per group.")
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, request, survey):
        return services.survey_open(actor=request.user, survey=survey)


@extend_schema(tags=SURVEY_TAG)
class SurveyCloseApi(_SurveyAction):
    @extend_schema(request=None, responses={200: SurveyOutputSerializer, 400: ERROR_400, 403: ERROR_403,
                                            404: ERROR_404},
                   summary="Close an open survey", description="Consultants. Its links stop taking responses.")
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, request, survey):
        return services.survey_close(actor=request.user, survey=survey)


@extend_schema(tags=SURVEY_TAG)
class SurveyRerunApi(APIView):
    @extend_schema(request=SurveyRerunInputSerializer,
                   responses={201: SurveyOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Re-run a survey (checkpoint or exit round)",
                   description="Consultants. The baseline's questions, groups and threshold, so rounds compare.")
    def post(self, request: Request, pk: int) -> Response:
        survey = _survey(request, pk, write=True)
        serializer = SurveyRerunInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rerun = services.survey_rerun(actor=request.user, survey=survey, **serializer.validated_data)
        return Response(SurveyOutputSerializer(rerun).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=SURVEY_TAG)
class SurveyLinkListApi(APIView):
    @extend_schema(responses={200: SurveyLinkOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List a survey's links", description="Consultants of the case.")
    def get(self, request: Request, pk: int) -> Response:
        survey = _survey(request, pk, write=True)
        links = selectors.survey_links(survey=survey)
        return Response(SurveyLinkOutputSerializer(links, many=True, context={"request": request}).data)

    @extend_schema(request=SurveyLinkInputSerializer,
                   responses={201: SurveyLinkOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Issue a new link for a group",
                   description="Consultants. The group's links still working are revoked.")
    def post(self, request: Request, pk: int) -> Response:
        survey = _survey(request, pk, write=True)
        serializer = SurveyLinkInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        link = services.survey_link_issue(actor=request.user, survey=survey, group=serializer.validated_data["group"])
        return Response(SurveyLinkOutputSerializer(link, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)


@extend_schema(tags=SURVEY_TAG)
class SurveyLinkRevokeApi(APIView):
    @extend_schema(request=None, responses={200: SurveyLinkOutputSerializer, 400: ERROR_400, 403: ERROR_403,
                                            404: ERROR_404},
                   summary="Revoke a survey link", description="Consultants. The link stops opening the survey.")
    def post(self, request: Request, pk: int) -> Response:
        link = selectors.get_survey_link_for(user=request.user, pk=pk)
        if not can_manage_case(user=request.user, case=link.survey.case):
            raise PermissionDenied(CONSULTANTS_ONLY)
        link = services.survey_link_revoke(actor=request.user, link=link)
        return Response(SurveyLinkOutputSerializer(link, context={"request": request}).data)


@extend_schema(tags=SURVEY_TAG)
class SurveyResultsApi(APIView):
    @extend_schema(responses={200: SurveyResultsOutputSerializer, 404: ERROR_404},
                   summary="Read a survey's aggregated results",
                   description="Per group the response count; per question the mean, the 1–5 counts and n only "
                   "when the group has at least `min_responses` responses — below that `shown` is false, `message` "
                   "says why and no figure is given. The trend of the series counts only such rounds.")
    def get(self, request: Request, pk: int) -> Response:
        survey = _survey(request, pk)
        return Response(SurveyResultsOutputSerializer(_results_payload(request, survey)).data)


@extend_schema(tags=SURVEY_TAG)
class SurveyCommentListApi(generics.ListAPIView):
    serializer_class = SurveyCommentOutputSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SurveyComment.objects.none()
        survey = _survey(self.request, self.kwargs["pk"])
        return selectors.survey_comments(user=self.request.user, survey=survey)

    @extend_schema(summary="List a survey's comments",
                   description="Consultants of the case read every comment; its leaders only those marked "
                   "shareable.", responses={200: SurveyCommentOutputSerializer(many=True), 404: ERROR_404})
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


@extend_schema(tags=SURVEY_TAG)
class SurveyCommentShareApi(APIView):
    @extend_schema(request=SurveyCommentShareInputSerializer,
                   responses={200: SurveyCommentOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Mark a comment shareable (or not)",
                   description="Consultants. A shareable comment is read by the organisation's leaders.")
    def post(self, request: Request, pk: int) -> Response:
        comment = selectors.get_survey_comment_for(user=request.user, pk=pk)
        if not can_manage_case(user=request.user, case=comment.response.survey.case):
            raise PermissionDenied(CONSULTANTS_ONLY)
        serializer = SurveyCommentShareInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.survey_comment_mark_shareable(actor=request.user, comment=comment,
                                                         shareable=serializer.validated_data["shareable"])
        return Response(SurveyCommentOutputSerializer(comment).data)
