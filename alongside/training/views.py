import secrets

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from alongside.accounts.access import consent_required, fresh_two_step_required, role_required
from alongside.accounts.forms import AccessReasonForm
from alongside.accounts.models import Role
from alongside.training.access import access_applicant, access_attempt, access_module
from alongside.training.content import curriculum
from alongside.training.forms import (
    CodeSignForm,
    DecisionForm,
    InterviewNotesForm,
    KnowledgeCheckForm,
    ReflectionForm,
)
from alongside.training.selectors import (
    applicant_queue,
    first_unfinished,
    has_read,
    has_signed_current_code,
    module_statuses,
    pathway,
    reflection_answers,
    reflection_for,
)
from alongside.training.services import (
    PathwayError,
    application_decide,
    application_save_notes,
    application_submit,
    check_attempt_record,
    code_sign,
    decisions_for,
    module_mark_read,
    reflection_open_for_review,
    reflection_save,
)

mentor_page = role_required(Role.MENTOR)
coordinator_page = role_required(Role.COORDINATOR)

# One-time answer-sheet tokens: a check page issues one, grading spends it, so the same
# submission sent twice (back button, double click, replay) is never graded twice.
_TOKENS = "training_check_tokens"
_MAX_TOKENS = 20


def _issue_token(request, slug: str) -> str:
    token = secrets.token_urlsafe(16)
    tokens = dict(list(request.session.get(_TOKENS, {}).items())[-(_MAX_TOKENS - 1) :])
    tokens[token] = slug
    request.session[_TOKENS] = tokens
    return token


def _spend_token(request, token: str, slug: str) -> bool:
    tokens = request.session.get(_TOKENS, {})
    if tokens.get(token) != slug:
        return False
    del tokens[token]
    request.session[_TOKENS] = tokens
    return True


def _token_is_live(request, token: str, slug: str) -> bool:
    return request.session.get(_TOKENS, {}).get(token) == slug


@mentor_page
@consent_required
def training_list(request):
    statuses = module_statuses(request.user)
    passed = sum(status.passed for status in statuses)
    context = {
        "statuses": statuses,
        "passed": passed,
        "total": len(statuses),
        "resume": first_unfinished(statuses),
    }
    return render(request, "training/module_list.html", context)


@mentor_page
@consent_required
@require_http_methods(["GET", "POST"])
def module_page(request, slug):
    module = access_module(slug)
    if request.method == "POST":
        module_mark_read(mentor=request.user, module=module)
        return redirect("training_check", slug=module.slug)
    context = {"module": module, "read": has_read(request.user, module)}
    return render(request, "training/module.html", context)


@mentor_page
@consent_required
@require_http_methods(["GET", "POST"])
def module_check(request, slug):
    module = access_module(slug)
    if not module.questions:
        messages.info(request, "This module has no knowledge check yet.")
        return redirect("training_list")
    if request.method == "POST":
        return _grade_check(request, module)
    initial = {"version": module.version, "token": _issue_token(request, module.slug)}
    form = KnowledgeCheckForm(module, initial=initial)
    return render(request, "training/check.html", {"module": module, "form": form})


def _grade_check(request, module):
    token = request.POST.get("token", "")
    if not _token_is_live(request, token, module.slug):
        messages.error(
            request,
            "This answer sheet was already submitted, so it was not graded again. "
            "Here is a fresh copy if you would like to retake the check.",
        )
        return redirect("training_check", slug=module.slug)
    form = KnowledgeCheckForm(module, request.POST)
    if not form.is_valid():
        return render(request, "training/check.html", {"module": module, "form": form})
    _spend_token(request, token, module.slug)
    try:
        attempt = check_attempt_record(
            mentor=request.user,
            module_slug=module.slug,
            module_version=form.cleaned_data["version"],
            answers=form.answers(),
        )
    except PathwayError as exc:
        messages.error(request, str(exc))
        return redirect("training_check", slug=module.slug)
    return redirect("training_result", slug=module.slug, attempt_id=attempt.pk)


@mentor_page
@consent_required
def attempt_result(request, slug, attempt_id):
    attempt = access_attempt(request.user, attempt_id)
    module = access_module(attempt.module_slug)
    context = {
        "module": module,
        "attempt": attempt,
        "outdated": attempt.module_version != module.version,
        "questions": [
            (question, attempt.answers.get(question.id)) for question in module.questions
        ],
    }
    return render(request, "training/result.html", context)


@mentor_page
@consent_required
@require_http_methods(["GET", "POST"])
def reflection(request):
    prompts = curriculum().prompts
    existing = reflection_for(request.user)
    submitted = existing is not None and existing.submitted_at is not None
    form = ReflectionForm(prompts, request.POST or None, initial=reflection_answers(existing))
    if request.method == "POST" and not submitted and form.is_valid():
        submit = "submit" in request.POST
        try:
            reflection_save(mentor=request.user, answers=form.cleaned_data, submit=submit)
        except PathwayError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                "Your reflection is submitted. A coordinator will talk it through with you."
                if submit
                else "Your draft is saved. You can come back to it any time.",
            )
            return redirect("mentor_home" if submit else "training_reflection")
    context = {
        "form": form,
        "prompts": prompts,
        "submitted": submitted,
        "answered": _answered(prompts, reflection_answers(existing)) if submitted else [],
    }
    return render(request, "training/reflection.html", context)


def _answered(prompts, answers: dict[str, str]) -> list:
    return [(prompt, answers.get(prompt.id, "")) for prompt in prompts]


@mentor_page
@consent_required
@require_http_methods(["GET", "POST"])
def code_of_conduct(request):
    code = curriculum().code
    if code is None:
        return render(request, "training/code.html", {"code": None})
    form = CodeSignForm(request.POST or None, initial={"version": code.version})
    if request.method == "POST" and form.is_valid():
        try:
            code_sign(
                mentor=request.user,
                version=form.cleaned_data["version"],
                typed_name=form.cleaned_data["typed_name"],
            )
        except PathwayError as exc:
            messages.error(request, str(exc))
            return redirect("training_code")
        messages.success(request, f"Thank you. You signed version {code.version}.")
        return redirect("mentor_home")
    context = {"code": code, "form": form, "signed": has_signed_current_code(request.user)}
    return render(request, "training/code.html", context)


@mentor_page
@consent_required
@require_POST
def submit_application(request):
    try:
        application_submit(mentor=request.user)
    except PathwayError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Your application is with the coordinators. Thank you.")
    return redirect("mentor_home")


@coordinator_page
def applicants(request):
    rows = applicant_queue()
    return render(
        request,
        "training/applicants.html",
        {"rows": rows, "total": len(curriculum().modules)},
    )


@coordinator_page
def applicant_detail(request, mentor_id):
    mentor = access_applicant(request.user, mentor_id)
    return _render_detail(request, mentor)


def _render_detail(
    request, mentor, notes_form=None, decision_form=None, reason_form=None, status=200
):
    steps = pathway(mentor)
    application = steps.application
    context = {
        "mentor": mentor,
        "steps": steps,
        "has_reflection": reflection_for(mentor) is not None,
        "reason_form": reason_form or AccessReasonForm(),
        "self_review": mentor.pk == request.user.pk,
        "notes_form": notes_form
        or InterviewNotesForm(initial={"notes": application.interview_notes}),
        "decision_form": decision_form or DecisionForm(allowed=decisions_for(application.status)),
    }
    return render(request, "training/applicant_detail.html", context, status=status)


@coordinator_page
@require_POST
@fresh_two_step_required
def applicant_reflection(request, mentor_id):
    """The applicant's readiness reflection, shown once the coordinator has written why they
    need it and given a fresh authenticator code; each reading is audited."""
    mentor = access_applicant(request.user, mentor_id)
    form = AccessReasonForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, mentor, reason_form=form, status=400)
    existing = reflection_open_for_review(
        mentor=mentor, by=request.user, reason=form.cleaned_data["reason"]
    )
    context = {
        "mentor": mentor,
        "reflection": existing,
        "answered": _answered(curriculum().prompts, reflection_answers(existing)),
    }
    return render(request, "training/applicant_reflection.html", context)


@coordinator_page
@require_POST
def applicant_notes(request, mentor_id):
    mentor = access_applicant(request.user, mentor_id)
    form = InterviewNotesForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, mentor, notes_form=form, status=400)
    application_save_notes(mentor=mentor, by=request.user, notes=form.cleaned_data["notes"])
    messages.success(request, "Interview notes saved.")
    return redirect("applicant_detail", mentor_id=mentor.pk)


@coordinator_page
@require_POST
def applicant_decide(request, mentor_id):
    mentor = access_applicant(request.user, mentor_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, mentor, decision_form=form, status=400)
    try:
        application_decide(
            mentor=mentor,
            by=request.user,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
        )
    except PathwayError as exc:
        messages.error(request, str(exc))
        return redirect("applicant_detail", mentor_id=mentor.pk)
    messages.success(request, f"Decision recorded for {mentor.display_name}.")
    return redirect("applicant_detail", mentor_id=mentor.pk)
