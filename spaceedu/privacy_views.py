"""The account page, the learner's data download and account deletion."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from classrooms.personal_data import orphaned_classrooms
from spaceedu.privacy import AccountDeletionRefused, account_data, account_delete
from spaceedu.throttles import password_check


class AccountDeleteForm(forms.Form):
    """Deleting an account asks for its password: a borrowed, signed-in laptop is not enough."""

    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


@never_cache
@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/account_home.html")


@require_http_methods(["GET", "POST"])
@never_cache
@login_required
def account_data_view(request: HttpRequest) -> HttpResponse:
    """The page with the download button; POST (or ?download=1) sends the JSON file."""
    if request.method == "GET" and request.GET.get("download") != "1":
        return render(request, "registration/account_data.html")
    data = {
        "exported_at": timezone.now().isoformat(),
        "site": "SpaceEdu",
        **account_data(user=request.user),
    }
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"spaceedu-data-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
@never_cache
@login_required
@password_check
def account_delete_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = AccountDeleteForm(request.POST or None, user=user)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=user)
        except AccountDeletionRefused as error:
            refusal = str(error)
        else:
            logout(request)
            messages.success(
                request,
                _("Your account and all your data have been deleted. Goodbye, and thank you!"),
            )
            return redirect("home")
    context = {"form": form, "orphaned": orphaned_classrooms(user=user), "refusal": refusal}
    return render(request, "registration/account_delete.html", context)
