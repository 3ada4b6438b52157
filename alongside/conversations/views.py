from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from alongside.accounts.access import consent_required
from alongside.conversations.access import access_conversation
from alongside.conversations.forms import HELP_TEXT, MessageForm
from alongside.conversations.retention import (
    RetentionRefused,
    conversation_keep,
    deletion_date,
    retention_of,
)
from alongside.conversations.screening import coach, marked
from alongside.conversations.selectors import history_page, messages_after, statuses_of_mine
from alongside.conversations.services import (
    MessageRefused,
    coach_categories_count,
    message_send,
    messages_mark_read,
)
from alongside.core.forms import int_or_none
from alongside.intake.selectors import avoid_topics_for_mentor
from alongside.partnerships.access import PartnershipView
from alongside.partnerships.agreement import agreement_for
from alongside.safety.selectors import crisis_resources_for, has_open_escalation

POLL_SECONDS = 5


# After a send whose words suggest crisis risk, the next page shows the sender a card: the
# peer sees crisis lines and who is told; a mentor sees the same lines, for themselves.
_CARD_KEY = "crisis_card_partnership"


def _card_context(request, access, *, just_sent_crisis: bool = False) -> dict:
    shown = just_sent_crisis or request.session.pop(_CARD_KEY, None) == access.partnership.pk
    mentor_guidance = not access.is_peer and has_open_escalation(access.partnership.pk)
    if not (shown or mentor_guidance):
        return {}
    region = access.partnership.peer.region if access.is_peer else request.user.region
    return {
        "crisis_card": shown and access.is_peer,
        "self_care_card": shown and not access.is_peer,
        "mentor_guidance": mentor_guidance,
        "resources": crisis_resources_for(region),
    }


def _retention_context(request, access) -> dict:
    due = deletion_date(access.partnership)
    if due is None:
        return {}
    row = retention_of(access.partnership)
    kept_by = row.kept_by_id if row else None
    return {
        "due": due,
        "deleted": bool(row and row.deleted_at),
        "kept_by_me": kept_by == request.user.pk,
        "kept_by_other": kept_by is not None and kept_by != request.user.pk,
    }


def _page_context(request, access, form):
    page = history_page(access, before=int_or_none(request.GET.get("before")))
    newest = page.messages[-1].pk if page.messages else 0
    return {
        **_card_context(request, access),
        "retention": _retention_context(request, access),
        "agreement": agreement_for(
            PartnershipView(access.partnership, member=True, is_peer=access.is_peer)
        ),
        "is_peer": access.is_peer,
        "access": access,
        "partnership": access.partnership,
        "page": page,
        "newest_id": newest,
        "form": form,
        "help_text": HELP_TEXT,
        "poll_seconds": POLL_SECONDS,
    }


@login_required
@consent_required
@require_GET
def conversation(request, partnership_id):
    """The conversation: newest messages (older pages by cursor) and, while open, the form."""
    access = access_conversation(request.user, partnership_id)
    context = _page_context(request, access, MessageForm.fresh())
    if context["newest_id"] and "before" not in request.GET:
        messages_mark_read(access=access, reader=request.user, up_to_id=context["newest_id"])
    return render(request, "conversations/conversation.html", context)


@login_required
@consent_required
@require_POST
def send(request, partnership_id):
    """Send one message. Works as a plain form post (JavaScript off) and through htmx."""
    access = access_conversation(request.user, partnership_id)
    form = MessageForm(request.POST)
    error, crisis = "", False
    if not form.is_valid():
        error = "This message could not be sent; please reload the page."
    else:
        try:
            sent = message_send(
                access=access,
                sender=request.user,
                body=form.cleaned_data["body"],
                client_id=form.cleaned_data["client_id"],
            )
            crisis = sent.crisis != "none"
        except MessageRefused as exc:
            error = str(exc)
    if request.headers.get("HX-Request") == "true":
        return _htmx_after_send(request, access, form, error, crisis)
    if crisis:
        request.session[_CARD_KEY] = access.partnership.pk
    if error:
        flash.error(request, error)
        context = _page_context(request, access, form)
        return render(request, "conversations/conversation.html", context, status=400)
    return redirect("conversation", partnership_id=access.partnership.pk)


def _htmx_after_send(request, access, form, error, crisis=False):
    if error:
        context = {"form": form, "error": error, "access": access, "help_text": HELP_TEXT}
        return render(request, "conversations/_compose.html", context, status=400)
    after = int_or_none(request.POST.get("after")) or 0
    context = {
        "access": access,
        "new_messages": messages_after(access, after=after),
        "form": MessageForm.fresh(),
        "help_text": HELP_TEXT,
        **(_card_context(request, access, just_sent_crisis=True) if crisis else {}),
    }
    return render(request, "conversations/_sent.html", context)


@login_required
@consent_required
@require_GET
def poll(request, partnership_id):
    """What is new since the page's newest message (the fallback when no socket is open)."""
    access = access_conversation(request.user, partnership_id)
    new = messages_after(access, after=int_or_none(request.GET.get("after")) or 0)
    if new:
        messages_mark_read(access=access, reader=request.user, up_to_id=new[-1].pk)
    mine = [int_or_none(i) for i in request.GET.getlist("mine")][-20:]
    context = {
        "access": access,
        "new_messages": new,
        "statuses": statuses_of_mine(access, request.user, [i for i in mine if i]),
    }
    return render(request, "conversations/_poll.html", context)


@login_required
@consent_required
@require_POST
def coach_notes(request, partnership_id):
    """The language coach on the mentor's draft, as they type. Advice only: never stored with
    the message, never logged; only this month's anonymous count per category is kept."""
    access = access_conversation(request.user, partnership_id)
    if access.is_peer:  # peers are never coached
        return render(request, "conversations/_coach.html", {"notes": []})
    text = request.POST.get("body", "")
    notes = coach(text, avoid_topics_for_mentor(access.partnership.peer))
    if notes:
        coach_categories_count(categories={note.category for note in notes})
    context = {"notes": notes, "segments": marked(text, notes)}
    return render(request, "conversations/_coach.html", context)


@login_required
@consent_required
@require_POST
def keep(request, partnership_id):
    """Keep a closed partnership's conversation past its retention period, or stop keeping it."""
    access = access_conversation(request.user, partnership_id)
    wanted = request.POST.get("keep")
    if wanted not in ("0", "1"):
        flash.error(request, "That choice was not understood; nothing was changed.")
    else:
        try:
            conversation_keep(partnership=access.partnership, by=request.user, keep=wanted == "1")
        except RetentionRefused as exc:
            flash.error(request, str(exc))
        else:
            flash.success(
                request,
                "This conversation will be kept."
                if wanted == "1"
                else "This conversation is no longer kept past its retention period.",
            )
    return redirect("conversation", partnership_id=access.partnership.pk)
