"""Pages of stakeholder engagement, under each case (and the public signed report link)."""

from django.urls import path

from .views import communications, links, press_lines, register, reports

app_name = "stakeholders"

CASE = "cases/<str:reference>"

urlpatterns = [
    path("stakeholders/reports/link/<str:token>/", links.report_link, name="report_link"),
]

# The register.
urlpatterns += [
    path(f"{CASE}/stakeholders/", register.stakeholder_list, name="stakeholder_list"),
    path(f"{CASE}/stakeholders/new/", register.stakeholder_create, name="stakeholder_create"),
    path(f"{CASE}/stakeholders/<int:pk>/", register.stakeholder_detail, name="stakeholder_detail"),
    path(f"{CASE}/stakeholders/<int:pk>/edit/", register.stakeholder_edit, name="stakeholder_edit"),
    path(f"{CASE}/stakeholders/<int:pk>/trust/", register.stakeholder_trust, name="stakeholder_trust"),
    path(f"{CASE}/stakeholders/<int:pk>/contacts/", register.contact_add, name="contact_add"),
    path(f"{CASE}/stakeholders/<int:pk>/contacts/<int:contact_pk>/remove/", register.contact_remove,
         name="contact_remove"),
]

# The communication log.
urlpatterns += [
    path(f"{CASE}/communications/", communications.communication_list, name="communication_list"),
    path(f"{CASE}/communications/new/", communications.communication_create, name="communication_create"),
    path(f"{CASE}/communications/<int:pk>/", communications.communication_detail, name="communication_detail"),
    path(f"{CASE}/communications/<int:pk>/follow-up-done/", communications.communication_follow_up_done,
         name="communication_follow_up_done"),
    path(f"{CASE}/communications/<int:pk>/attachments/", communications.communication_attachment_add,
         name="communication_attachment_add"),
    path(f"{CASE}/communications/<int:pk>/attachments/<int:attachment_pk>/",
         communications.communication_attachment_download, name="communication_attachment_download"),
]

# Press lines.
urlpatterns += [
    path(f"{CASE}/press-lines/", press_lines.press_line_list, name="press_line_list"),
    path(f"{CASE}/press-lines/new/", press_lines.press_line_create, name="press_line_create"),
    path(f"{CASE}/press-lines/<int:pk>/", press_lines.press_line_detail, name="press_line_detail"),
    path(f"{CASE}/press-lines/<int:pk>/versions/", press_lines.press_line_version_add,
         name="press_line_version_add"),
    path(f"{CASE}/press-lines/<int:pk>/versions/<int:version_pk>/approve/", press_lines.press_line_approve,
         name="press_line_approve"),
]

# Status reports and their schedules.
urlpatterns += [
    path(f"{CASE}/status-reports/", reports.status_report_list, name="status_report_list"),
    path(f"{CASE}/status-reports/send/", reports.status_report_send_now, name="status_report_send_now"),
    path(f"{CASE}/status-reports/<int:pk>/", reports.status_report_detail, name="status_report_detail"),
    path(f"{CASE}/status-reports/<int:pk>/approve/", reports.status_report_approve, name="status_report_approve"),
    path(f"{CASE}/status-reports/<int:pk>/refuse/", reports.status_report_refuse, name="status_report_refuse"),
    path(f"{CASE}/status-reports/<int:pk>/recheck/", reports.status_report_recheck, name="status_report_recheck"),
    path(f"{CASE}/status-reports/<int:pk>/override/", reports.status_report_override,
         name="status_report_override"),
    path(f"{CASE}/status-reports/<int:pk>/download/", reports.status_report_download,
         name="status_report_download"),
    path(f"{CASE}/status-reports/<int:pk>/deliveries/<int:delivery_pk>/resend/", reports.delivery_resend,
         name="delivery_resend"),
    path(f"{CASE}/schedules/new/", reports.schedule_create, name="schedule_create"),
    path(f"{CASE}/schedules/<int:pk>/edit/", reports.schedule_edit, name="schedule_edit"),
    path(f"{CASE}/schedules/<int:pk>/toggle/", reports.schedule_toggle, name="schedule_toggle"),
]
