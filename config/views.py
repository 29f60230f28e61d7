from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static


@login_not_required
def favicon(request):
    """Browsers and bookmarks ask for /favicon.ico whatever the page's <link rel="icon"> says.
    The static URL is looked up per request: in production it names the hashed file of the
    manifest, which does not exist yet when the URLs are first imported (before collectstatic)."""
    return redirect(static("img/favicon.ico"), permanent=True)
