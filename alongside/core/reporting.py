"""Error reports that carry no private content.

An error on a page someone was filling in would otherwise mail the admins (and show on the
debug page) every form field, query parameter, cookie and local variable: the peer's intake
answers, a mentor's reflection, a decline reason. These classes keep the report's shape (where
it failed, which fields there were) and replace every value. The exception message itself is
still shown, so code must not put private text into exception messages.
"""

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

# Request metadata useful for debugging and free of anything a person typed.
_META_SHOWN = frozenset(
    {"REQUEST_METHOD", "PATH_INFO", "SERVER_NAME", "SERVER_PORT", "CONTENT_TYPE",
     "CONTENT_LENGTH", "HTTP_HOST", "HTTP_USER_AGENT", "HTTP_ACCEPT", "HTTP_X_REQUEST_ID"}
)  # fmt: skip


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """Hide every POST value, local variable, cookie and request header value, always."""

    def is_active(self, request) -> bool:
        return True  # in development too: the developer's terminal is not the place either

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]

    def get_safe_cookies(self, request):
        return dict.fromkeys(getattr(request, "COOKIES", {}), self.cleansed_substitute)

    def get_safe_request_meta(self, request):
        meta = getattr(request, "META", {})
        return {k: v if k in _META_SHOWN else self.cleansed_substitute for k, v in meta.items()}


class PrivateExceptionReporter(ExceptionReporter):
    """Also hide query parameters, uploaded file names and the person's display name."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        hidden = self.filter.cleansed_substitute
        if self.request is not None:
            data["request_GET_items"] = [(name, hidden) for name in self.request.GET]
            data["request_FILES_items"] = [(name, hidden) for name in self.request.FILES]
            data["request_insecure_uri"] = self.request.path
            user = getattr(self.request, "user", None)
            data["user_str"] = f"user #{user.pk}" if getattr(user, "pk", None) else "anonymous"
        return data
