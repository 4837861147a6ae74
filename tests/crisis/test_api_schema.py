"""The OpenAPI schema and its documentation pages, served without any CDN."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

CDN = re.compile(r"cdn|jsdelivr|unpkg|googleapis|cloudflare", re.IGNORECASE)


@pytest.fixture
def client(world) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.alice)
    return client


def test_the_schema_is_openapi_3_with_every_endpoint(client):
    response = client.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/auth/token/",
        "/api/v1/organisations/",
        "/api/v1/organisations/{id}/",
        "/api/v1/cases/",
        "/api/v1/cases/{reference}/",
        "/api/v1/cases/{reference}/stage/",
        "/api/v1/cases/{reference}/chronology/",
        "/api/v1/chronology/",
    } <= set(schema["paths"])


def test_the_schema_is_also_yaml(client):
    response = client.get(reverse("api-schema"))
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.")


def test_the_docs_page_loads_its_assets_locally(client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert reverse("api-schema") in html
    assert not CDN.search(html), CDN.search(html)


def test_the_schema_keeps_every_path_and_method(client):
    """Every path and method of the API, as published: moving code between apps must not change
    them. A new endpoint is added to tests/data/api_paths.txt on purpose, with the change that adds it."""
    from pathlib import Path

    published = Path(__file__).resolve().parent.parent / "data" / "api_paths.txt"
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    now = sorted(f"{method.upper()} {path}" for path, methods in schema["paths"].items() for method in methods)
    assert now == published.read_text().split("\n")[:-1]


def test_the_schema_generates_without_a_warning(tmp_path):
    """Two serializers of one name, a field the generator cannot type: each a warning that leaves the
    published schema wrong, so any warning fails (as `spectacular --fail-on-warn` does)."""
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
