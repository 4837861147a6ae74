"""The one templated-email helper: a subject, a plain-text body and an HTML body rendered from three
templates that share a name (`<name>_subject.txt`, `<name>.txt`, `<name>.html`), for one recipient.

Callers send the message themselves (inside their own idempotency guard: a delivery row, a digest
row), so this module only builds it.

The subject and the plain-text body are not HTML: they are rendered with autoescaping off, so a title
such as `Trips & "<Year 9>"` reads as typed there, while the HTML body escapes it.
"""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string


def render_email_parts(*, subject_template: str, text_template: str, html_template: str | None,
                       context: dict) -> tuple[str, str, str | None]:
    """(subject on one line, text body, HTML body or None) rendered from the three templates."""
    subject = " ".join(_render_plain_text(subject_template, context).split())
    body = _render_plain_text(text_template, context)
    html = render_to_string(html_template, context) if html_template else None
    return subject, body, html


def _render_plain_text(template_name: str, context: dict) -> str:
    """A template rendered as plain text: nothing HTML-escaped (`&lt;` would reach the reader as is)."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def templated_email(name: str, context: dict, *, to: str | list[str],
                    reply_to: list[str] | None = None) -> EmailMultiAlternatives:
    """An email to `to` (one address or several) from the templates `<name>_subject.txt`,
    `<name>.txt` and `<name>.html` (e.g. "response/email/digest")."""
    subject, body, html = render_email_parts(subject_template=f"{name}_subject.txt", text_template=f"{name}.txt",
                                             html_template=f"{name}.html", context=context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[to] if isinstance(to, str) else list(to),
                                     reply_to=reply_to or None)
    message.attach_alternative(html, "text/html")
    return message
