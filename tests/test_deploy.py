"""Production settings: ``check --deploy`` is clean, the secret key is required, headers are set."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PRODUCTION = {
    "UNRES_PRODUCTION": "1",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "unres.example.org",
    "DEBUG": "0",
}


def _manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE is the browser tests' setting (Playwright's loop), not production's
    drop = set(PRODUCTION) | {"DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in drop}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**base, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_check_deploy_under_production_settings_prints_no_warning():
    done = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    done = _manage("check", env=env)
    assert done.returncode != 0
    assert "SECRET_KEY must be set" in done.stderr


@pytest.mark.django_db
def test_pages_carry_security_headers_and_a_csp_without_inline_scripts(client):
    response = client.get("/", HTTP_HOST="localhost")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/resolutions/", "/sessions/", "/search/", "/search/?q=assembly", "/nowhere/"]
)
def test_no_page_carries_inline_script_or_style_the_csp_would_block(client, url):
    page = client.get(url, HTTP_HOST="localhost").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), url
    assert "<style" not in page and " style=" not in page, url


@pytest.mark.django_db
def test_admin_is_for_staff_only(client, django_user_model):
    assert client.get("/admin/", HTTP_HOST="localhost").status_code == 302
    django_user_model.objects.create_user("reader", password="a-long-passphrase-1")
    client.login(username="reader", password="a-long-passphrase-1")
    response = client.get("/admin/", HTTP_HOST="localhost")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
