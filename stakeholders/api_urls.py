"""The stakeholder engagement API, included at /api/v1/ without a namespace: names start with "api-"."""

from django.urls import path

from . import api

urlpatterns = [
    # The register: stakeholders, their trust and contacts.
    path("cases/<str:reference>/stakeholders/", api.CaseStakeholderListApi.as_view(), name="api-case-stakeholders"),
    path("stakeholders/<int:pk>/", api.StakeholderDetailApi.as_view(), name="api-stakeholder-detail"),
    path("stakeholders/<int:pk>/trust/", api.StakeholderTrustApi.as_view(), name="api-stakeholder-trust"),
    path("stakeholders/<int:pk>/contacts/", api.StakeholderContactListApi.as_view(), name="api-stakeholder-contacts"),
    # The communication log, its files and follow-ups.
    path("cases/<str:reference>/communications/", api.CaseCommunicationListApi.as_view(),
         name="api-case-communications"),
    path("communications/<int:pk>/", api.CommunicationDetailApi.as_view(), name="api-communication-detail"),
    path("communications/<int:pk>/follow-up-done/", api.CommunicationFollowUpDoneApi.as_view(),
         name="api-communication-follow-up-done"),
    path("communications/<int:pk>/attachments/", api.CommunicationAttachmentListApi.as_view(),
         name="api-communication-attachments"),
    path("communications/<int:pk>/attachments/<int:attachment_pk>/", api.CommunicationAttachmentDownloadApi.as_view(),
         name="api-communication-attachment-download"),
    path("follow-ups/", api.FollowUpListApi.as_view(), name="api-follow-ups"),
    # Press lines and their approved versions.
    path("cases/<str:reference>/press-lines/", api.CasePressLineListApi.as_view(), name="api-case-press-lines"),
    path("press-lines/<int:pk>/", api.PressLineDetailApi.as_view(), name="api-press-line-detail"),
    path("press-lines/<int:pk>/versions/", api.PressLineVersionCreateApi.as_view(), name="api-press-line-versions"),
    path("press-line-versions/<int:pk>/approve/", api.PressLineVersionApproveApi.as_view(),
         name="api-press-line-version-approve"),
    # Update schedules, status reports and their deliveries.
    path("cases/<str:reference>/schedules/", api.CaseScheduleListApi.as_view(), name="api-case-schedules"),
    path("schedules/<int:pk>/", api.ScheduleDetailApi.as_view(), name="api-schedule-detail"),
    path("cases/<str:reference>/status-reports/", api.CaseStatusReportListApi.as_view(),
         name="api-case-status-reports"),
    path("status-reports/<int:pk>/", api.StatusReportDetailApi.as_view(), name="api-status-report-detail"),
    path("status-reports/<int:pk>/approve/", api.StatusReportApproveApi.as_view(), name="api-status-report-approve"),
    path("status-reports/<int:pk>/refuse/", api.StatusReportRefuseApi.as_view(), name="api-status-report-refuse"),
    path("status-reports/<int:pk>/recheck/", api.StatusReportRecheckApi.as_view(), name="api-status-report-recheck"),
    path("status-reports/<int:pk>/override/", api.StatusReportOverrideApi.as_view(),
         name="api-status-report-override"),
    path("audiences/", api.AudienceListApi.as_view(), name="api-audiences"),
    path("status-reports/<int:pk>/download/", api.StatusReportDownloadApi.as_view(),
         name="api-status-report-download"),
    path("status-reports/<int:pk>/deliveries/", api.StatusReportDeliveryListApi.as_view(),
         name="api-status-report-deliveries"),
    path("deliveries/<int:pk>/resend/", api.DeliveryResendApi.as_view(), name="api-delivery-resend"),
]
