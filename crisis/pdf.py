"""The one PDF service: HTML templates rendered by WeasyPrint, with local static files only.

The URL fetcher serves files from the static folders and nothing else: no network, no file
outside `static/`. Charts are inline SVG from the chart template tags, the same as in the browser.
"""

from __future__ import annotations

import mimetypes
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


class BlockedResource(ValueError):
    pass


def _static_file(url: str) -> str:
    """The local file behind a /static/... URL, or BlockedResource."""
    parsed = urlparse(url)
    path = unquote(parsed.path)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if parsed.scheme not in ("", "file") or parsed.netloc or not path.startswith(prefix):
        raise BlockedResource(f"PDF rendering fetches local static files only, not {url!r}.")
    relative = path[len(prefix):]
    if ".." in relative.split("/"):
        raise BlockedResource(f"Refused path {url!r}.")
    found = finders.find(relative)
    if not found:
        raise BlockedResource(f"No static file {relative!r}.")
    return found


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            found = _static_file(url)
            with open(found, "rb") as handle:
                body = handle.read()
            mime = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})

    return StaticOnlyFetcher(allowed_protocols=("file",))


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template under templates/<app>/pdf/ to PDF bytes."""
    from weasyprint import HTML  # imported here: it loads Pango, which only PDF work needs

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url="file:///", url_fetcher=_fetcher()).write_pdf()


def document_furniture(*, case, version: str, dated, marking: str = "") -> dict:
    """What every document that leaves the organisation carries on each page (templates/crisis/pdf/
    _furniture.html): the protective marking, the consultancy, the lead consultant and how to reach
    them, the version and the date. Page x of y is the stylesheet's."""
    lead = case.lead_consultant
    return {
        "marking": marking or settings.REPORT_PROTECTIVE_MARKING,
        "consultancy": settings.CONSULTANCY_NAME,
        "lead_name": lead.get_full_name() if lead else settings.CONSULTANCY_NAME,
        "lead_email": lead.email if lead else settings.REPORT_REPLY_TO,
        "version": version,
        "dated": dated,
    }
