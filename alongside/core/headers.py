"""Response headers for private pages: nothing a signed-in person saw stays in a cache, and
signing out asks the browser to forget this site's stored data."""

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver
from django.utils.cache import add_never_cache_headers

CLEAR_SITE_DATA = '"cache", "cookies", "storage"'


class PrivatePageHeadersMiddleware:
    """`Cache-Control: no-store` on every response to a signed-in person (including the
    response that signs them out), and `Clear-Site-Data` on a sign-out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = request.user.is_authenticated  # before the view: sign-out answers count
        response = self.get_response(request)
        if signed_in or request.user.is_authenticated:
            add_never_cache_headers(response)
        if getattr(request, "alongside_signed_out", False):
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response


@receiver(user_logged_out)
def _remember_sign_out(sender, request, user, **kwargs):
    # Every sign-out passes here: the sign-out button, session limits, "sign out everywhere".
    if request is not None:
        request.alongside_signed_out = True
