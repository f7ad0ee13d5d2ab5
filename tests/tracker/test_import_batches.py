"""Importing many files at once: a batch of ingest jobs whose progress is read from the database."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.conftest import EXAMPLES, ROOT
from watching_brief.tracker.ingest.jobs import import_file_job, safe_name
from watching_brief.tracker.meetings.models import Meeting
from watching_brief.tracker.web import import_forms
from watching_brief.tracker.web.accounts import create_account
from watching_brief.tracker.web.models import ImportBatch, ImportFile
from watching_brief.tracker.web.views.imports import batch_url

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
FIRST = EXAMPLES / "northshire-assurance-2026-01.txt"
SECOND = EXAMPLES / "northshire-panel-2026-02.txt"


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.BRIEF_DATA_DIR = tmp_path / "data"
    settings.TASKS = IMMEDIATE
    return settings.BRIEF_DATA_DIR


@pytest.fixture
def officer_client(client: Client) -> Client:
    client.force_login(create_account("olivia", PASSWORD, "officer", []))
    return client


def upload(client: Client, *files: tuple[str, bytes]) -> Any:
    data = {"batch": "1", "documents": [SimpleUploadedFile(name, body) for name, body in files]}
    return client.post(reverse("web:import_upload"), data)


def page(client: Client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def summary(soup: BeautifulSoup) -> dict[str, str]:
    rows = soup.select("#progress-summary .govuk-summary-list__row")
    return {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(strip=True)
        for row in rows
    }


def statuses(soup: BeautifulSoup) -> dict[str, str]:
    rows = soup.select("#batch-files tbody tr")
    return {row.select("td")[0].get_text(strip=True): row["data-status"] for row in rows}


def make_zip(members: dict[str, bytes], links: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def test_officers_only(client: Client) -> None:
    batch = ImportBatch.objects.create()
    url = batch_url(batch)
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(create_account("force", PASSWORD, "contributor", []))
    assert client.get(url).status_code == 403
    assert upload(client, (FIRST.name, FIRST.read_bytes())).status_code == 403
    assert ImportBatch.objects.count() == 1


def test_the_import_page_offers_a_labelled_multiple_file_input(officer_client: Client) -> None:
    soup = page(officer_client, reverse("web:import_upload"))
    field = soup.select_one("#batch-form input[type=file]")
    assert field.has_attr("multiple") and ".zip" in field["accept"]
    assert soup.find("label", attrs={"for": field["id"]}).get_text(strip=True)
    assert field["aria-describedby"].startswith(f"{field['id']}-hint")
    assert soup.select_one("#upload-form input[type=file][name=file]") is not None


def test_many_files_are_stored_by_jobs_and_shown_finished(
    officer_client: Client, data_dir: Path
) -> None:
    broken = ("broken.pdf", b"%PDF-1.7 not really a pdf")
    response = upload(
        officer_client, (FIRST.name, FIRST.read_bytes()), (SECOND.name, SECOND.read_bytes()), broken
    )
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert response["Location"] == batch_url(batch)
    assert Meeting.objects.count() == 2

    written = sorted(p.name for p in (data_dir / "uploads" / str(batch.pk)).iterdir())
    assert len(written) == 3 and written[0].endswith(FIRST.name)
    assert all(row.task_id for row in batch.files.all())

    soup = page(officer_client, response["Location"])
    assert soup.select_one('meta[http-equiv="refresh"]') is None
    assert soup.select_one("#refresh-link") is None
    counts = summary(soup)
    assert counts["Files"] == "3" and counts["Stored"] == "2" and counts["Failed"] == "1"
    assert counts["Queued"] == "0" and counts["Running"] == "0"
    assert statuses(soup) == {FIRST.name: "stored", SECOND.name: "stored", "broken.pdf": "failed"}
    failed = soup.select_one("#failed-files").find_next("ul").get_text(" ", strip=True)
    assert "broken.pdf" in failed and str(data_dir) not in failed
    links = [a["href"] for a in soup.select("#batch-files a")]
    assert sorted(links) == sorted(
        reverse("web:meeting_detail", kwargs={"pk": m.pk}) for m in Meeting.objects.all()
    )


def test_importing_the_same_files_again_changes_nothing(officer_client: Client) -> None:
    upload(officer_client, (FIRST.name, FIRST.read_bytes()))
    response = upload(officer_client, (FIRST.name, FIRST.read_bytes()))
    assert Meeting.objects.count() == 1
    soup = page(officer_client, response["Location"])
    assert statuses(soup) == {FIRST.name: "unchanged"}
    assert summary(soup)["Unchanged (already stored)"] == "1"
    meeting = Meeting.objects.get()
    assert soup.select_one("#batch-files a")["href"] == reverse(
        "web:meeting_detail", kwargs={"pk": meeting.pk}
    )


def test_a_zip_of_notes_is_expanded_leaving_out_what_is_not_notes(
    officer_client: Client, data_dir: Path
) -> None:
    archive = make_zip(
        {
            "2026/" + FIRST.name: FIRST.read_bytes(),
            "2026/panel/" + SECOND.name: SECOND.read_bytes(),
            "2026/picture.png": b"\x89PNG",
            "__MACOSX/2026/._notes.txt": b"junk",
            "2026/.hidden.txt": b"secret",
        },
        links=("2026/link.txt",),
    )
    response = upload(officer_client, ("archive.zip", archive))
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert sorted(batch.files.values_list("name", flat=True)) == sorted(
        ["2026/" + FIRST.name, "2026/panel/" + SECOND.name]
    )
    assert Meeting.objects.count() == 2
    written = list((data_dir / "uploads" / str(batch.pk)).iterdir())
    assert len(written) == 2 and all(p.is_file() and not p.is_symlink() for p in written)
    soup = page(officer_client, response["Location"])
    banner = soup.select_one(".govuk-notification-banner").get_text(" ", strip=True)
    assert "picture.png" in banner and "link.txt" in banner


@pytest.mark.parametrize("name", ["../escape.txt", "/etc/escape.txt", "a/../../escape.txt"])
def test_a_zip_with_a_path_outside_it_is_refused(
    officer_client: Client, data_dir: Path, name: str
) -> None:
    archive = make_zip({name: FIRST.read_bytes()})
    response = upload(officer_client, ("archive.zip", archive))
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.select_one(".govuk-error-summary a")
    assert "outside the zip" in link.get_text() and link["href"] == "#id_documents"
    assert soup.select_one("#id_documents-error") is not None
    assert ImportBatch.objects.count() == 0 and Meeting.objects.count() == 0
    assert not (data_dir.parent / "escape.txt").exists()


def test_limits_on_size_and_broken_zips(officer_client: Client, monkeypatch: Any) -> None:
    response = upload(officer_client, ("archive.zip", b"PK\x03\x04 not a zip"))
    assert response.status_code == 400 and b"cannot be opened" in response.content
    monkeypatch.setattr(import_forms, "MAX_BYTES", 100)
    big = make_zip({"big.txt": b"x" * 500})
    response = upload(officer_client, ("archive.zip", big))
    assert response.status_code == 400 and b"larger than 20 MB" in response.content
    response = upload(officer_client, ("plain.txt", b"y" * 500))
    assert response.status_code == 400
    response = upload(officer_client, ("empty.zip", make_zip({"readme.md": b"no notes"})))
    assert response.status_code == 400 and b"holds no notes" in response.content
    assert ImportBatch.objects.count() == 0


def test_a_zip_member_is_never_read_past_the_limit(monkeypatch: Any) -> None:
    archive = zipfile.ZipFile(io.BytesIO(make_zip({"notes.txt": b"z" * 1000})))
    [info] = archive.infolist()
    monkeypatch.setattr(import_forms, "MAX_BYTES", 100)
    with pytest.raises(ValueError, match="larger than 20 MB when expanded"):
        import_forms._read_member(archive, info)


def test_nothing_chosen_is_an_error_linked_to_the_input(officer_client: Client) -> None:
    response = officer_client.post(reverse("web:import_upload"), {"batch": "1"})
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.title.get_text().startswith("Error:")
    assert soup.select_one(".govuk-error-summary a")["href"] == "#id_documents"


def test_queued_work_shows_progress_and_refreshes_until_done(
    officer_client: Client, settings: Any
) -> None:
    settings.TASKS = DATABASE
    response = upload(
        officer_client, (FIRST.name, FIRST.read_bytes()), (SECOND.name, SECOND.read_bytes())
    )
    url = response["Location"]
    assert Meeting.objects.count() == 0  # queued, not run
    soup = page(officer_client, url)
    assert soup.select_one('meta[http-equiv="refresh"]')["content"] == "5"
    assert soup.select_one("#refresh-link")["href"] == url
    assert summary(soup)["Queued"] == "2" and summary(soup)["Stored"] == "0"

    # A worker (anywhere) takes the first job: the page reads it from the database.
    first, second = ImportFile.objects.order_by("id")
    import_file_job.call(first.pk)
    ImportFile.objects.filter(pk=second.pk).update(status="running")
    soup = page(officer_client, url)
    assert summary(soup)["Stored"] == "1" and summary(soup)["Running"] == "1"
    assert soup.select_one('meta[http-equiv="refresh"]') is not None

    import_file_job.call(second.pk)
    soup = page(officer_client, url)
    assert soup.select_one('meta[http-equiv="refresh"]') is None
    assert summary(soup)["Stored"] == "2" and Meeting.objects.count() == 2


def test_a_job_that_raised_is_shown_failed_with_its_error(
    officer_client: Client, settings: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE
    response = upload(officer_client, (FIRST.name, FIRST.read_bytes()), ("b.txt", b"notes"))
    first, second = ImportFile.objects.order_by("id")
    ImportFile.objects.filter(pk=first.pk).update(status="running")
    DBTaskResult.objects.get(id=first.task_id).set_failed(RuntimeError("the database went away"))
    value = {"status": "unchanged", "meeting": "Earlier meeting", "path": "/elsewhere/b.txt"}
    DBTaskResult.objects.get(id=second.task_id).set_successful(value)

    soup = page(officer_client, response["Location"])  # the page settles them
    assert statuses(soup) == {FIRST.name: "failed", "b.txt": "unchanged"}
    first.refresh_from_db()
    # Office staff get a plain reason; the exception's text goes to the log it names.
    assert first.reason.startswith(f"{FIRST.name} could not be imported: internal error")
    assert "RuntimeError" not in soup.get_text() and "went away" not in soup.get_text()
    (log,) = (settings.BRIEF_DATA_DIR / "logs").glob("import-*.log")
    assert log.name in first.reason and "the database went away" in log.read_text()
    assert "Earlier meeting" in soup.select_one("#batch-files").get_text()
    assert soup.select_one('meta[http-equiv="refresh"]') is None


def test_recent_batches_are_listed_on_the_import_page(officer_client: Client) -> None:
    response = upload(
        officer_client, (FIRST.name, FIRST.read_bytes()), ("broken.pdf", b"%PDF-1.7 nothing")
    )
    soup = page(officer_client, reverse("web:import_upload"))
    [row] = soup.select("#recent-batches + table tbody tr")
    assert row.select_one("a")["href"] == response["Location"]
    text = row.get_text(" ", strip=True)
    assert "olivia" in text and "1 stored" in text and "1 failed" in text and "Finished" in text


def test_safe_names_have_no_folders() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\notes\\March minutes.PDF") == "March-minutes.PDF"
    assert safe_name("...") == "file"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a worker process needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_worker_process_runs_the_batch(client: Client, settings: Any, data_dir: Path) -> None:
    settings.TASKS = DATABASE
    client.force_login(create_account("olivia", PASSWORD, "officer", []))
    response = upload(client, (FIRST.name, FIRST.read_bytes()), ("bad.txt", b""))
    assert summary(page(client, response["Location"]))["Queued"] == "2"

    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "BRIEF_TASKS_BACKEND": "database",
        "BRIEF_DATA_DIR": str(data_dir),
    }
    brief = Path(sys.executable).parent / "brief"
    done = subprocess.run(
        [str(brief), "worker", "--batch", "--interval", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    soup = page(client, response["Location"])
    assert statuses(soup) == {FIRST.name: "stored", "bad.txt": "failed"}
    assert soup.select_one('meta[http-equiv="refresh"]') is None


def test_an_error_in_the_reader_fails_that_file_only_with_a_plain_reason(
    officer_client: Client, monkeypatch: Any, data_dir: Path
) -> None:
    from watching_brief.extraction.sources import load_bytes

    def sometimes_broken(data: bytes, name: str, *args: Any) -> Any:
        if name.endswith("broken-notes.txt"):
            raise KeyError("page_label")  # a bug in the reader, not a bad file
        return load_bytes(data, name, *args)

    monkeypatch.setattr("watching_brief.tracker.ingest.services.load_bytes", sometimes_broken)
    response = upload(
        officer_client,
        ("broken-notes.txt", FIRST.read_bytes()),
        (SECOND.name, SECOND.read_bytes()),
    )
    soup = page(officer_client, response["Location"])
    assert statuses(soup) == {"broken-notes.txt": "failed", SECOND.name: "stored"}
    reason = soup.select_one("#failed-files + ul li").get_text(" ", strip=True)
    assert "broken-notes.txt could not be read: internal error, details in" in reason
    assert "KeyError" not in soup.get_text() and "page_label" not in soup.get_text()
    assert "uploads" not in reason  # the file's name, not where the server keeps it
    (log,) = (data_dir / "logs").glob("*.log")
    assert log.name in reason and "KeyError: 'page_label'" in log.read_text()
    assert Meeting.objects.count() == 1


def test_files_that_cannot_be_written_are_a_govuk_page_not_a_bare_500(
    officer_client: Client, monkeypatch: Any, data_dir: Path
) -> None:
    def full(self: Path, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    response = upload(officer_client, (FIRST.name, FIRST.read_bytes()))
    assert response.status_code == 500
    monkeypatch.undo()
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Sorry, there is a problem with the service"
    line = soup.select_one("#problem").get_text()
    assert line.startswith("The files could not be queued: internal error, details in")
    assert "OSError" not in soup.get_text()
    assert soup.select_one("#back-link")["href"] == reverse("web:import_upload")
    (log,) = (data_dir / "logs").glob("import-*.log")
    assert "No space left on device" in log.read_text()
