from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from spaceedu.models import User


class SignupForm(UserCreationForm):
    """Sign-up for learners: only these fields are ever read from the post."""

    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Used only to reset your password."),
    )

    class Meta:
        model = User
        fields = ("username", "first_name", "email")
        labels = {"first_name": _("First name (shown to your teachers)")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = False
