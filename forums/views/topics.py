"""Pages for good practices and discussion: thin views over selectors, services and permissions."""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from common import held_uploads
from common.http import open_stored, post_only_back_to
from common.params import parse_id
from common.ratelimit import rate_limited

from .. import permissions, selectors, services
from ..forms import (
    AdoptionForm,
    EditPostForm,
    FlagForm,
    ModerationNoteForm,
    MoveTopicForm,
    PostForm,
    ReactionForm,
    ReadUpToForm,
    SearchForm,
    TopicForm,
)


@vary_on_headers("HX-Request")
def forum_index(request, slug=None):
    category = selectors.get_category(slug=slug) if slug else None
    topics = selectors.list_topics(user=request.user, category=category, tag=request.GET.get("tag"))
    page = Paginator(topics, 25).get_page(request.GET.get("page"))
    context = {
        "category": category,
        "categories": selectors.list_categories(user=request.user),
        "page": page,
        "tags": selectors.tag_counts(user=request.user),
        "search_form": SearchForm(),
        "can_create": permissions.can_create_topic(request.user),
        "is_moderator": permissions.is_moderator(request.user),
    }
    template = "forums/topic_list.html#topic-list" if request.htmx else "forums/topic_list.html"
    return render(request, template, context)


@rate_limited("forum_post")
def topic_create(request):
    permissions.check_create_topic(request.user)
    initial = {"agency": request.GET["agency"]} if request.GET.get("agency") else None  # board: the IKU picker
    form = TopicForm(request.POST or None, request.FILES or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            topic = services.create_topic(author=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            transaction.on_commit(functools.partial(held_uploads.release, data["files"]))
            return redirect("forums:topic_detail", topic_id=topic.pk)
    if form.is_bound:
        form.keep_files()
    return render(request, "forums/topic_form.html", {"form": form})


def _topic_context(request, topic, *, page=None, adopt=False, agency_id=None):
    """The topic page for a topic from `selectors.get_topic_for_reader`; the adoption form (long choice lists)
    only when asked for (`?adopt=1`, the "We adopt this practice" button, with `agency` once one is chosen) or being
    corrected."""
    user = request.user
    can_adopt = permissions.can_adopt(user, topic) and topic.adoptable
    return {
        "topic": topic,
        "page": selectors.list_posts_page(user=user, topic=topic, page=page),
        "last_read_id": topic.last_read_id or 0,
        "adoptions": selectors.list_adoptions(topic=topic),
        "subscribed": topic.subscribed,
        "can_reply": permissions.can_reply(user, topic),
        "can_accept": permissions.can_accept_answer(user, topic),
        "can_adopt": can_adopt,
        "adoption_form": AdoptionForm(user=user, topic=topic, agency_id=agency_id) if adopt and can_adopt else None,
        "is_moderator": permissions.is_moderator(user),
        "reply_form": PostForm(),
        "move_form": MoveTopicForm(initial={"category": topic.category_id}),
    }


def _reader_topic(request, topic_id):
    return selectors.get_topic_for_reader(
        user=request.user, topic_id=topic_id, post_id=parse_id(request.GET.get("post"))
    )


@vary_on_headers("HX-Request")
def topic_detail(request, topic_id):
    topic = _reader_topic(request, topic_id)
    context = _topic_context(
        request,
        topic,
        page=request.GET.get("page"),
        adopt=bool(request.GET.get("adopt")),
        agency_id=request.GET.get("agency"),
    )
    partial = request.GET.get("partial")
    if request.htmx and partial == "adopt-responsible" and context["adoption_form"] is not None:
        # The adoption form asks for the chosen agency's staff: nothing is read, so the read marker stays.
        return render(request, "forums/topic_detail.html#adopt-responsible", context)
    last_shown = context["page"].object_list[-1].pk if context["page"].object_list else None
    services.mark_topic_read(topic=topic, user=request.user, post_id=last_shown, first_visit=topic.last_read_id is None)
    if request.htmx and partial in {"post-list", "topic-status", "adoption-list"}:
        return render(request, f"forums/topic_detail.html#{partial}", context)
    return render(request, "forums/topic_detail.html", context)


def _to_post(request, post):
    """The topic page at `post` (htmx: the browser navigates there)."""
    if request.htmx:
        return HttpResponseClientRedirect(post.get_absolute_url())
    return redirect(post.get_absolute_url())


@post_only_back_to("forums:topic_detail", "topic_id")
@rate_limited("forum_post")
def reply_create(request, topic_id):
    topic = selectors.get_topic_for_user(user=request.user, topic_id=topic_id)
    permissions.check_reply(request.user, topic)
    form = PostForm(request.POST, request.FILES)
    if form.is_valid():
        post = services.post_reply(topic=topic, author=request.user, **form.cleaned_data)
        transaction.on_commit(functools.partial(held_uploads.release, form.cleaned_data["files"]))
        if not request.htmx or request.POST.get("on_last_page") == "0":
            return _to_post(request, post)  # the new post is not on the page the form was sent from
        post = selectors.decorate_post(
            selectors.get_post_for_user(user=request.user, post_id=post.pk), user=request.user
        )
        context = {
            "topic": topic,
            "reply_form": PostForm(),
            "can_reply": True,
            "new_post": post,
            "last_read_id": post.pk,
            "can_accept": permissions.can_accept_answer(request.user, topic),
            "is_moderator": permissions.is_moderator(request.user),
        }
        return render(request, "forums/topic_detail.html#reply-form", context)
    form.keep_files()
    if not request.htmx:
        context = _topic_context(request, _reader_topic(request, topic_id)) | {"reply_form": form}
        return render(request, "forums/topic_detail.html", context, status=400)
    context = {"topic": topic, "reply_form": form, "can_reply": True, "on_last_page": request.POST.get("on_last_page")}
    return render(request, "forums/topic_detail.html#reply-form", context)


@vary_on_headers("HX-Request")
def post_fragment(request, post_id):
    """One post as the reader may see it: what live pages fetch when the post was created or changed."""
    post = selectors.get_post_for_user(user=request.user, post_id=post_id)
    selectors.decorate_post(post, user=request.user)
    services.mark_topic_read(topic=post.topic, user=request.user, post_id=post.pk)
    context = {
        "post": post,
        "topic": post.topic,
        "can_accept": permissions.can_accept_answer(request.user, post.topic),
        "is_moderator": permissions.is_moderator(request.user),
        "last_read_id": post.pk,
    }
    return render(request, "forums/topic_detail.html#post", context)


@rate_limited("forum_post")
def post_edit(request, post_id):
    post = selectors.get_post_for_user(user=request.user, post_id=post_id)
    permissions.check_edit_post(request.user, post)
    form = EditPostForm(request.POST or None, request.FILES or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        services.edit_post(post=post, editor=request.user, **form.cleaned_data)
        transaction.on_commit(functools.partial(held_uploads.release, form.cleaned_data["files"]))
        return redirect(post.get_absolute_url())
    if form.is_bound:
        form.keep_files()
    return render(request, "forums/post_form.html", {"form": form, "post": post})


def post_history(request, post_id):
    post = selectors.get_post_for_user(user=request.user, post_id=post_id)
    permissions.check_view_post(request.user, post)
    return render(request, "forums/post_history.html", {"post": post, "revisions": selectors.list_revisions(post=post)})


def _back_to_post(request, post):
    if request.htmx:
        return post_fragment(request, post.pk)
    return redirect(post.get_absolute_url())


@require_POST
def post_react(request, post_id):
    post = selectors.get_post_for_user(user=request.user, post_id=post_id)
    form = ReactionForm(request.POST)
    if form.is_valid():
        services.toggle_reaction(post=post, user=request.user, kind=form.cleaned_data["kind"])
    return _back_to_post(request, post)


@require_POST
def post_flag(request, post_id):
    post = selectors.get_post_for_user(user=request.user, post_id=post_id)
    form = FlagForm(request.POST)
    if form.is_valid():
        services.flag_post(post=post, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Thank you. A moderator will look at this post."))
    else:
        messages.error(request, _("Please say why the post should be looked at."))
    return redirect(post.get_absolute_url())


@require_POST
def post_hide(request, post_id):
    post = selectors.get_post_for_user(user=request.user, post_id=post_id)
    form = ModerationNoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    services.set_post_hidden(post=post, by=request.user, hidden=request.POST.get("hidden") == "1", note=note)
    return _back_to_post(request, post)


@require_POST
def post_accept(request, post_id):
    post = selectors.get_post_for_user(user=request.user, post_id=post_id)
    accept = request.POST.get("accept") == "1"
    services.set_accepted_answer(topic=post.topic, post=post if accept else None, by=request.user)
    return _back_to_post(request, post)


@require_POST
def topic_subscribe(request, topic_id):
    topic = selectors.get_topic_for_user(user=request.user, topic_id=topic_id)
    subscribed = services.set_subscription(topic=topic, user=request.user, subscribed=request.POST.get("on") == "1")
    if request.htmx:
        return render(request, "forums/topic_detail.html#subscribe", {"topic": topic, "subscribed": subscribed})
    return redirect("forums:topic_detail", topic_id=topic.pk)


@require_POST
def topic_read(request, topic_id):
    """A live page's reader has seen the topic up to a post that came with its event, not fetched (which marked it
    read): the page says so now and then and when it is left (static/js/live.js). Never moves the marker back, nor
    past the topic's last post."""
    topic = selectors.get_topic_for_user(user=request.user, topic_id=topic_id)
    form = ReadUpToForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Say up to which post the topic was read."))
    if topic.last_post_id_cache:
        up_to = min(form.cleaned_data["post"], topic.last_post_id_cache)
        services.mark_topic_read(topic=topic, user=request.user, post_id=up_to)
    return HttpResponse(status=204)


@require_POST
def topic_moderate(request, topic_id, action):
    topic = selectors.get_topic_for_user(user=request.user, topic_id=topic_id)
    permissions.check_moderate(request.user)
    if action not in {"lock", "unlock", "hide", "unhide", "move"}:
        raise Http404
    form = MoveTopicForm(request.POST) if action == "move" else ModerationNoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose where to move the topic."))
        return redirect("forums:topic_detail", topic_id=topic.pk)
    note, by = form.cleaned_data["note"], request.user
    if action in {"lock", "unlock"}:
        services.set_topic_locked(topic=topic, by=by, locked=action == "lock", note=note)
    elif action in {"hide", "unhide"}:
        services.set_topic_hidden(topic=topic, by=by, hidden=action == "hide", note=note)
    else:
        services.move_topic(topic=topic, by=by, category=form.cleaned_data["category"], note=note)
    return redirect("forums:topic_detail", topic_id=topic.pk)


@require_POST
def topic_adopt(request, topic_id):
    topic = selectors.get_topic_for_user(user=request.user, topic_id=topic_id)
    permissions.check_adopt(request.user, topic)
    form = AdoptionForm(request.POST, user=request.user, topic=topic)
    if form.is_valid():
        try:
            services.adopt_practice(topic=topic, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Recorded: your agency adopts this practice."))
            return redirect(reverse("forums:topic_detail", args=[topic.pk]) + "#adoption-list")
    context = _topic_context(request, _reader_topic(request, topic_id)) | {"adoption_form": form}
    return render(request, "forums/topic_detail.html", context, status=400)


def flag_queue(request):
    flags = selectors.list_open_flags(user=request.user)
    return render(request, "forums/flag_list.html", {"flags": flags})


@require_POST
def flag_resolve(request, post_id):
    post = selectors.get_post_for_user(user=request.user, post_id=post_id)
    services.resolve_flags(post=post, by=request.user, note=request.POST.get("note", ""))
    return redirect("forums:flag_queue")


def attachment_download(request, attachment_id):
    attachment = selectors.get_attachment_for_user(user=request.user, attachment_id=attachment_id)
    return FileResponse(open_stored(attachment.file), as_attachment=True, filename=attachment.original_name)


def search(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = selectors.search_posts(user=request.user, query=query)
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    template = "forums/search_results.html#results" if request.htmx else "forums/search_results.html"
    return render(request, template, {"form": form, "query": query, "page": page})
