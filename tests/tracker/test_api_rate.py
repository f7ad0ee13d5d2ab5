"""The API rate limit counted in the cache framework (shared by app servers), behind trusted
proxies."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from tests.conftest import ROOT
from watching_brief.tracker.api.api import api
from watching_brief.tracker.api.throttling import RateLimit, client_address, hit

pytestmark = pytest.mark.django_db
FOREVER = 1_000_000_000  # a window so long no test crosses into the next one


def address(settings: Any, proxies: list[str], remote: str, forwarded: str | None = None) -> str:
    settings.BRIEF_TRUSTED_PROXIES = proxies
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/api/bodies", REMOTE_ADDR=remote, **extra))


def test_without_trusted_proxies_the_header_is_ignored(settings: Any) -> None:
    assert address(settings, [], "198.51.100.7", "203.0.113.1") == "198.51.100.7"


def test_a_request_not_from_a_trusted_proxy_keeps_its_own_address(settings: Any) -> None:
    assert address(settings, ["10.0.0.1"], "198.51.100.7", "203.0.113.1") == "198.51.100.7"


def test_behind_a_trusted_proxy_the_right_most_untrusted_address_is_the_client(
    settings: Any,
) -> None:
    assert address(settings, ["10.0.0.1"], "10.0.0.1", "203.0.113.5") == "203.0.113.5"
    # Two proxies, both trusted: skip past both.
    chain = "203.0.113.5, 10.0.0.2"
    assert address(settings, ["10.0.0.1", "10.0.0.2"], "10.0.0.1", chain) == "203.0.113.5"
    # Only the nearest is trusted: the next hop is the client, whatever it claims.
    assert address(settings, ["10.0.0.1"], "10.0.0.1", chain) == "10.0.0.2"


def test_a_forged_left_most_value_does_not_choose_the_bucket(settings: Any) -> None:
    forged = "1.2.3.4, 203.0.113.5"
    assert address(settings, ["10.0.0.1"], "10.0.0.1", forged) == "203.0.113.5"
    assert address(settings, ["10.0.0.1"], "10.0.0.1", "garbage, 203.0.113.5") == "203.0.113.5"


def test_cidr_networks_and_ipv6(settings: Any) -> None:
    proxies = ["10.0.0.0/8", "2001:db8::/32"]
    assert address(settings, proxies, "10.9.8.7", "198.51.100.2, 10.1.2.3") == "198.51.100.2"
    assert address(settings, proxies, "2001:db8::1", "2001:db9::5") == "2001:db9::5"
    assert address(settings, proxies, "11.0.0.1", "198.51.100.2") == "11.0.0.1"


def test_odd_headers_fall_back_to_the_nearest_trusted_hop(settings: Any) -> None:
    assert address(settings, ["10.0.0.1"], "10.0.0.1", "not-an-address") == "10.0.0.1"
    assert address(settings, ["10.0.0.1"], "10.0.0.1", "") == "10.0.0.1"
    assert address(settings, ["10.0.0.1"], "10.0.0.1") == "10.0.0.1"
    assert address(settings, ["10.0.0.0/8"], "10.0.0.1", "10.0.0.2") == "10.0.0.2"


def test_forged_headers_share_one_bucket_through_the_api(client: Client, settings: Any) -> None:
    settings.BRIEF_TRUSTED_PROXIES = ["10.0.0.1"]
    settings.BRIEF_API_RATE_LIMIT = 2
    settings.BRIEF_API_RATE_WINDOW = FOREVER
    for forged in ("1.1.1.1", "2.2.2.2"):
        header = f"{forged}, 203.0.113.5"
        response = client.get("/api/bodies", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=header)
        assert response.status_code == 200
    refused = client.get(
        "/api/bodies", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="3.3.3.3, 203.0.113.5"
    )
    assert refused.status_code == 429
    # Another client behind the same proxy has its own bucket.
    other = client.get("/api/bodies", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert other.status_code == 200
    assert hit("ip:203.0.113.5", FOREVER, time.time()) == 4  # three counted before this one


def test_counts_live_in_the_shared_cache_not_in_the_process(client: Client, settings: Any) -> None:
    settings.BRIEF_API_RATE_LIMIT = 2
    settings.BRIEF_API_RATE_WINDOW = FOREVER
    assert client.get("/api/bodies", REMOTE_ADDR="192.0.2.1").status_code == 200
    assert client.get("/api/bodies", REMOTE_ADDR="192.0.2.1").status_code == 200
    # A second "server": fresh client and throttle, the page cache emptied.
    cache.clear()
    throttle = RateLimit()
    request = RequestFactory().get("/api/bodies", REMOTE_ADDR="192.0.2.1")
    assert throttle.allow_request(request) is False and (throttle.wait() or 0) > 0
    assert Client().get("/api/bodies", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert hit("ip:192.0.2.1", FOREVER, time.time()) == 5


def test_a_429_is_shaped_as_the_document_says(client: Client, settings: Any) -> None:
    settings.BRIEF_API_RATE_LIMIT = 1
    settings.BRIEF_API_RATE_WINDOW = FOREVER
    assert client.get("/api/series", REMOTE_ADDR="192.0.2.9").status_code == 200
    refused = client.get("/api/series", REMOTE_ADDR="192.0.2.9")
    assert refused.status_code == 429
    documented = api.get_openapi_schema(path_prefix="/api/")["paths"]["/api/series"]["get"]
    assert "Retry-After" in documented["responses"][429]["headers"]
    assert int(refused["Retry-After"]) > 0
    assert set(refused.json()) == {"detail"} and isinstance(refused.json()["detail"], str)


def test_reads_write_nothing_to_the_database(client: Client, settings: Any) -> None:
    """Counting a request is no database write: on SQLite a write would queue every API
    read behind the one writer."""
    settings.BRIEF_API_RATE_LIMIT = 1000
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/bodies", REMOTE_ADDR="192.0.2.9").status_code == 200
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


def test_hits_count_per_window() -> None:
    assert [hit("ip:a", 60, 600.0 + n) for n in range(3)] == [1, 2, 3]
    assert hit("ip:b", 60, 610.0) == 1
    assert hit("ip:a", 60, 660.0) == 1  # the next window opens with its own count
    assert hit("ip:a", 60, 661.0) == 2


def _database_for_another_server(tmp_path: Path) -> dict[str, str]:
    """Environment for a separate process using the same database as this test."""
    keep = ("BRIEF_", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(keep)}
    env.update(BRIEF_DATA_DIR=str(tmp_path), BRIEF_ALLOWED_HOSTS="testserver", BRIEF_TESTING="1")
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{host}:{port}/{db['NAME']}"
    else:  # the test database is in memory: give both servers one SQLite file
        migrate = [sys.executable, str(ROOT / "manage.py"), "migrate", "--no-input", "-v", "0"]
        done = subprocess.run(
            migrate, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
        )
        assert done.returncode == 0, done.stderr
    return env


SERVER = """
import django, sys
django.setup()
from django.conf import settings
from django.test import Client
settings.BRIEF_API_RATE_LIMIT = 3
settings.BRIEF_API_RATE_WINDOW = 1_000_000_000
client = Client()
print(" ".join(str(client.get("/api/bodies", REMOTE_ADDR="192.0.2.50").status_code)
               for _ in range(int(sys.argv[1]))))
"""


@pytest.mark.django_db(transaction=True)
def test_two_server_processes_count_together(tmp_path: Path) -> None:
    env = _database_for_another_server(tmp_path)
    env["DJANGO_SETTINGS_MODULE"] = "watching_brief.tracker.settings"

    def server(requests: int) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", SERVER, str(requests)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert server(2) == ["200", "200"]
    assert server(2) == ["200", "429"]  # the second process saw the first one's requests


def _settings_value(tmp_path: Path, code: str, **extra: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEF_", "DATABASE_URL"))}
    env.update(
        BRIEF_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="watching_brief.tracker.settings"
    )
    env.update(extra)
    script = f"import django; django.setup(); from django.conf import settings as s; print({code})"
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_https_header_is_believed_only_with_trusted_proxies(tmp_path: Path) -> None:
    code = "s.SECURE_PROXY_SSL_HEADER, s.BRIEF_TRUSTED_PROXIES"
    assert _settings_value(tmp_path, code) == "None []"
    configured = _settings_value(tmp_path, code, BRIEF_TRUSTED_PROXIES=" 10.0.0.1, 10.1.0.0/16 ")
    assert configured == "('HTTP_X_FORWARDED_PROTO', 'https') ['10.0.0.1', '10.1.0.0/16']"


def test_a_mistyped_proxy_is_a_configuration_error(settings: Any) -> None:
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="BRIEF_TRUSTED_PROXIES"):
        address(settings, ["10.0.0.300"], "10.0.0.1", "203.0.113.5")
