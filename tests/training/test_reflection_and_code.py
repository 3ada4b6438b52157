import sqlite3

from django.db import connection

from alongside.audit.models import AuditEvent
from alongside.training.models import CodeSignature, ReadinessReflection
from alongside.training.selectors import has_signed_current_code, pathway

SECRET = "a private sentence about my own recovery 7f3a"
ANSWERS = {"hope": SECRET, "self-care": "I take a walk.", "sharing": "Briefly."}


def test_a_draft_stays_editable_and_submitting_locks_it(login, mentor):
    client = login(mentor)
    client.post("/mentor/reflection/", {**ANSWERS, "save": ""})
    reflection = ReadinessReflection.objects.get(mentor=mentor)
    assert reflection.submitted_at is None
    client.post("/mentor/reflection/", {**ANSWERS, "hope": "changed", "submit": ""})
    client.post("/mentor/reflection/", {**ANSWERS, "hope": "too late", "save": ""})
    reflection.refresh_from_db()
    assert reflection.submitted_at is not None
    assert '"changed"' in reflection.answers
    assert pathway(mentor).reflection_done


def test_submitting_needs_every_answer(login, mentor):
    response = login(mentor).post("/mentor/reflection/", {"hope": "only one", "submit": ""})
    assert "for every question" in response.content.decode()
    assert not ReadinessReflection.objects.filter(submitted_at__isnull=False).exists()


def test_the_page_says_it_is_not_a_score(login, mentor):
    content = login(mentor).get("/mentor/reflection/").content.decode()
    assert "not scored" in content and "prepares a conversation" in content


def test_reflection_answers_are_encrypted_at_rest(login, mentor):
    login(mentor).post("/mentor/reflection/", {**ANSWERS, "submit": ""})
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM training_readinessreflection")
        raw = cursor.fetchone()[0]
    assert SECRET not in raw
    if connection.vendor == "sqlite":
        path = connection.settings_dict["NAME"]
        connection.close()
        with sqlite3.connect(path) as db:
            dump = "\n".join(db.iterdump())
        assert SECRET not in dump


def test_a_coordinators_reading_of_the_reflection_is_audited(login, mentor, coordinator):
    login(mentor).post("/mentor/reflection/", {**ANSWERS, "submit": ""})
    client = login(coordinator)
    assert SECRET not in client.get(f"/coordinator/applicants/{mentor.pk}/").content.decode()
    assert not AuditEvent.objects.filter(action="reflection.view").exists()
    response = client.post(
        f"/coordinator/applicants/{mentor.pk}/reflection/", {"reason": "Preparing the interview"}
    )
    assert SECRET in response.content.decode()
    event = AuditEvent.objects.get(action="reflection.view")
    assert (event.actor_id, event.subject_id) == (coordinator.pk, mentor.pk)


def test_another_mentor_never_sees_a_reflection(login, mentor, other_mentor):
    login(mentor).post("/mentor/reflection/", {**ANSWERS, "submit": ""})
    client = login(other_mentor)
    assert SECRET not in client.get("/mentor/reflection/").content.decode()
    assert client.get(f"/coordinator/applicants/{mentor.pk}/").status_code == 403


def test_signing_records_name_version_and_audit(login, mentor):
    client = login(mentor)
    assert "Mentor code of conduct" in client.get("/mentor/code/").content.decode()
    response = client.post("/mentor/code/", {"version": 2, "typed_name": " Bob Example "})
    assert response.url == "/mentor/"
    signature = CodeSignature.objects.get(mentor=mentor)
    assert (signature.version, signature.typed_name) == (2, "Bob Example")
    assert AuditEvent.objects.filter(action="conduct.sign", subject_id=mentor.pk).exists()


def test_a_signature_needs_two_characters(login, mentor):
    response = login(mentor).post("/mentor/code/", {"version": 2, "typed_name": " B "})
    assert "at least 2 characters" in response.content.decode()
    assert not CodeSignature.objects.exists()


def test_signing_a_version_no_longer_current_is_refused(login, mentor):
    login(mentor).post("/mentor/code/", {"version": 1, "typed_name": "Bob"})
    assert not CodeSignature.objects.exists()


def test_a_new_code_version_requires_signing_again(login, mentor, training_content):
    from alongside.training.content import clear_content_cache

    newer = training_content / "code-of-conduct" / "v2.md"
    held_back = newer.read_text()
    newer.unlink()
    clear_content_cache()
    client = login(mentor)
    client.post("/mentor/code/", {"version": 1, "typed_name": "Bob"})
    assert has_signed_current_code(mentor)
    newer.write_text(held_back)
    clear_content_cache()
    assert not has_signed_current_code(mentor)
    assert "Sign version 2" in client.get("/mentor/code/").content.decode()
    client.post("/mentor/code/", {"version": 2, "typed_name": "Bob"})
    assert has_signed_current_code(mentor)
