"""Send anonymous visitors to sign in when a page refuses them, instead of showing a 403; and
refuse an address no page or API operation can take."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse


class SignInWhenRefusedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, PermissionDenied) and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return None


class RefuseNulCharactersMiddleware:
    """A NUL character in the path, the query or a page's submitted form is a bad request (400).

    No id, slug, parameter or form field takes one (Django's form fields refuse it too), and
    PostgreSQL refuses any text that holds one, so a NUL that reached a query was a server error
    there (found by tests/security/test_api_fuzz.py's hostile values; tests/security/
    test_attacks.py keeps it refused). The API's bodies are left to its own schemas, which say
    what each field may hold.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        api = request.path_info.startswith("/api/")
        fields = [*request.GET.lists()]
        if request.method == "POST" and not api:
            fields += request.POST.lists()
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in fields
        ):
            said = "A web address or form may not contain a NUL character."
            if api:  # the API answers in JSON, as it always does
                return JsonResponse({"detail": said}, status=400)
            return HttpResponseBadRequest(said, content_type="text/plain")
        return self.get_response(request)
