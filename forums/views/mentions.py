"""The people an author may mention, for the editor's @-autocomplete (board)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import selectors


@require_GET
def mention_suggestions(request):
    """A listbox fragment of people matching ?q= by name or NIP (nothing under two characters)."""
    people = selectors.people_to_mention(user=request.user, query=request.GET.get("q", ""))
    return render(request, "forums/_mention_options.html", {"people": people})
