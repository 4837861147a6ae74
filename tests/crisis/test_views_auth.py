"""Signing in, the lockout after repeated failures, and password reset."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"


def test_it_shows_the_sign_in_page(client):
    response = client.get(LOGIN_URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="username"' in body and 'type="email"' in body and 'autocomplete="current-password"' in body
    assert '<label for="id_username">Email address</label>' in body


def test_it_signs_in_with_email_and_password(world):
    client = Client()
    response = client.post(LOGIN_URL, {"username": "alice@example.test", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/")["Location"] == "/dashboard/"


def test_it_says_clearly_when_the_password_is_wrong(world):
    client = Client()
    response = client.post(LOGIN_URL, {"username": "alice@example.test", "password": "wrong"})
    assert response.status_code == 200
    assert "Your email or password was not recognised." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_locks_the_account_after_five_failures(world):
    client = Client()
    for _ in range(4):
        response = client.post(LOGIN_URL, {"username": "alice@example.test", "password": "wrong"})
        assert response.status_code == 200
    response = client.post(LOGIN_URL, {"username": "alice@example.test", "password": "wrong"})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    # Even the right password is refused while the lock lasts.
    response = client.post(LOGIN_URL, {"username": "alice@example.test", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_signs_out_on_post(world, login):
    client = login(world.alice)
    assert "Sign out" in client.get("/dashboard/").content.decode()
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == LOGIN_URL
    assert client.get("/dashboard/").status_code == 302


def test_it_emails_a_reset_link_and_the_new_password_works(world, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/accounts/password_reset/", {"email": "alice@example.test"})
    assert len(callbacks) == 1  # the email is queued for a worker once the request commits
    assert response.status_code == 302 and response["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.test"]
    assert message.subject == "Reset your Safehold password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)

    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {
        "new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase",
    }, follow=True)
    assert "Your password has been changed" in done.content.decode()
    signed_in = Client()
    response = signed_in.post(LOGIN_URL, {"username": "alice@example.test", "password": "a-brand-new-passphrase"})
    assert response.status_code == 302 and "_auth_user_id" in signed_in.session


def test_the_reset_email_greets_by_the_name_as_typed(world, django_capture_on_commit_callbacks):
    world.alice.full_name = 'O\'Hara<&>"Al" Adams'
    world.alice.save(update_fields=["full_name"])
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/accounts/password_reset/", {"email": "alice@example.test"})
    assert mail.outbox[0].body.startswith('Hello O\'Hara<&>"Al",')


def test_it_shows_the_same_page_for_an_unknown_address(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = Client().post("/accounts/password_reset/", {"email": "nobody@example.test"}, follow=True)
    assert callbacks == []
    assert response.redirect_chain[-1][0] == "/accounts/password_reset/done/"
    assert "If an account uses that email address" in response.content.decode()
    assert mail.outbox == []
