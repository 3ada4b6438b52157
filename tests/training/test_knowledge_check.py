import re

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from alongside.training.content import curriculum
from alongside.training.models import CheckAttempt, ModuleRead
from alongside.training.services import GradingError, grade
from tests.training.helpers import correct_answers, wrong_answers

SLUG = "walking-alongside"


def _module():
    return curriculum().module(SLUG)


def _open_check(client, slug=SLUG) -> str:
    content = client.get(f"/mentor/training/{slug}/check/").content.decode()
    return re.search(r'name="token" value="([^"]+)"', content).group(1)


def _post(client, answers, token, version=1, slug=SLUG, extra=None):
    data = {"version": version, "token": token, **{f"q-{k}": v for k, v in answers.items()}}
    data.update(extra or {})
    return client.post(f"/mentor/training/{slug}/check/", data)


def _answers_with(module, n_correct):
    right, wrong = correct_answers(module), wrong_answers(module)
    ids = [q.id for q in module.questions]
    return {qid: right[qid] if i < n_correct else wrong[qid] for i, qid in enumerate(ids)}


@pytest.mark.parametrize(("n_correct", "passed"), [(5, True), (4, True), (3, False), (0, False)])
def test_it_passes_at_or_above_the_mark_and_fails_below(n_correct, passed):
    result = grade(_module(), _answers_with(_module(), n_correct), pass_mark=80)
    assert result.passed is passed
    assert result.score == n_correct * 20


@hsettings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choices=st.lists(st.integers(min_value=0, max_value=2), min_size=5, max_size=5),
       pass_mark=st.integers(min_value=1, max_value=100))  # fmt: skip
def test_score_is_the_share_of_best_answers(choices, pass_mark):
    module = _module()
    answers = {q.id: q.options[c].id for q, c in zip(module.questions, choices, strict=True)}
    result = grade(module, answers, pass_mark=pass_mark)
    correct = sum(q.options[c].correct for q, c in zip(module.questions, choices, strict=True))
    assert (result.correct, result.total) == (correct, 5)
    assert result.passed == (correct / 5 * 100 >= pass_mark)


def test_grading_refuses_answers_for_other_questions():
    answers = correct_answers(_module())
    answers["self-q1"] = "a"
    with pytest.raises(GradingError, match="do not match the current questions"):
        grade(_module(), answers, pass_mark=80)


def test_a_mentor_passes_and_sees_every_explanation(login, mentor):
    client = login(mentor)
    token = _open_check(client)
    response = _post(client, correct_answers(_module()), token)
    attempt = CheckAttempt.objects.get(mentor=mentor)
    assert response.url == f"/mentor/training/{SLUG}/result/{attempt.pk}/"
    assert attempt.passed and attempt.score == 100 and attempt.module_version == 1
    page = client.get(response.url).content.decode()
    assert "Passed" in page and "5 of 5" in page
    for question in _module().questions:
        for option in question.options:
            assert option.explanation in page
    assert page.count("option-chosen") == 5


def test_the_pass_mark_comes_from_settings(login, mentor, settings):
    settings.TRAINING_PASS_MARK = 100
    client = login(mentor)
    _post(client, _answers_with(_module(), 4), _open_check(client))
    assert CheckAttempt.objects.get(mentor=mentor).passed is False


def test_a_tampered_question_id_is_refused_and_nothing_recorded(login, mentor):
    client = login(mentor)
    response = _post(client, correct_answers(_module()), _open_check(client),
                     extra={"q-invented": "a"})  # fmt: skip
    assert response.status_code == 200
    assert b"not in the current check" in response.content
    assert not CheckAttempt.objects.exists()


def test_a_tampered_option_id_is_refused_and_nothing_recorded(login, mentor):
    client = login(mentor)
    answers = correct_answers(_module())
    answers["walk-q2"] = "z"
    response = _post(client, answers, _open_check(client))
    assert b"not one of this question&#x27;s options" in response.content
    assert not CheckAttempt.objects.exists()


def test_a_missing_answer_asks_for_it(login, mentor):
    client = login(mentor)
    answers = correct_answers(_module())
    del answers["walk-q3"]
    response = _post(client, answers, _open_check(client))
    assert b"Please choose an answer to this question." in response.content
    assert not CheckAttempt.objects.exists()


def test_answers_for_an_old_version_are_refused(login, mentor):
    client = login(mentor)
    response = _post(client, correct_answers(_module()), _open_check(client), version=0)
    assert b"updated since you opened the check" in response.content
    assert not CheckAttempt.objects.exists()


def test_a_replayed_submission_is_refused(login, mentor):
    client = login(mentor)
    token = _open_check(client)
    _post(client, wrong_answers(_module()), token)
    response = _post(client, correct_answers(_module()), token)
    assert response.url == f"/mentor/training/{SLUG}/check/"
    assert CheckAttempt.objects.count() == 1
    assert "already submitted" in client.get(response.url).content.decode()


def test_a_forged_token_is_refused(login, mentor):
    client = login(mentor)
    _open_check(client)
    _post(client, correct_answers(_module()), "made-up")
    assert not CheckAttempt.objects.exists()


def test_a_mentor_can_retake_until_they_pass(login, mentor):
    client = login(mentor)
    _post(client, wrong_answers(_module()), _open_check(client))
    _post(client, correct_answers(_module()), _open_check(client))
    assert list(CheckAttempt.objects.order_by("id").values_list("passed", flat=True)) == [
        False,
        True,
    ]


def test_progress_and_resume_point_at_the_first_unfinished_module(login, mentor):
    client = login(mentor)
    page = client.get("/mentor/training/").content.decode()
    assert 'value="0"' in page and "0 of 2 modules passed" in page
    assert f'href="/mentor/training/{SLUG}/"' in page and "Start with" in page
    client.post(f"/mentor/training/{SLUG}/")
    assert ModuleRead.objects.filter(mentor=mentor, module_slug=SLUG).exists()
    page = client.get("/mentor/training/").content.decode()
    assert f'href="/mentor/training/{SLUG}/check/">Resume' in page
    _post(client, correct_answers(_module()), _open_check(client))
    page = client.get("/mentor/training/").content.decode()
    assert "1 of 2 modules passed" in page
    assert 'href="/mentor/training/looking-after-yourself/">Resume' in page


def test_a_pass_on_an_older_module_version_no_longer_counts(login, mentor, training_content):
    client = login(mentor)
    _post(client, correct_answers(_module()), _open_check(client))
    path = training_content / "modules" / "01-walking-alongside.md"
    path.write_text(path.read_text().replace("version = 1", "version = 2"))
    from alongside.training.content import clear_content_cache
    from alongside.training.selectors import passed_module_slugs

    clear_content_cache()
    assert passed_module_slugs(mentor) == set()


def test_another_mentors_result_is_not_found(login, mentor, other_mentor):
    client = login(mentor)
    _post(client, correct_answers(_module()), _open_check(client))
    attempt = CheckAttempt.objects.get()
    response = login(other_mentor).get(f"/mentor/training/{SLUG}/result/{attempt.pk}/")
    assert response.status_code == 404


def test_an_unknown_module_is_not_found(login, mentor):
    assert login(mentor).get("/mentor/training/nope/").status_code == 404
