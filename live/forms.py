"""The live quiz's forms: the host's options, the PIN, a guest's nickname."""

from django import forms
from django.utils.translation import gettext_lazy as _

from live.models import LiveSession
from live.services import NAME_MAX, PIN_LENGTH, SECONDS_CHOICES


class SessionForm(forms.Form):
    scoring = forms.ChoiceField(
        label=_("Scoring"),
        choices=LiveSession.Scoring.choices,
        initial=LiveSession.Scoring.ACCURACY,
        widget=forms.RadioSelect,
    )
    seconds = forms.TypedChoiceField(
        label=_("Time per question"),
        choices=[(s, _("%(s)d seconds") % {"s": s}) for s in SECONDS_CHOICES],
        coerce=int,
        initial=30,
    )
    approval_required = forms.BooleanField(
        label=_("Let guests in only when I approve them"), required=False
    )


class PinForm(forms.Form):
    pin = forms.CharField(
        label=_("PIN"),
        max_length=PIN_LENGTH + 4,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "live-pin-input"}
        ),
    )

    def clean_pin(self) -> str:
        pin = "".join(self.cleaned_data["pin"].split())
        if len(pin) != PIN_LENGTH or not pin.isascii() or not pin.isdigit():
            raise forms.ValidationError(
                _("A PIN has %(n)d digits.") % {"n": PIN_LENGTH}, code="format"
            )
        return pin


class NicknameForm(forms.Form):
    name = forms.CharField(
        label=_("Nickname"),
        max_length=NAME_MAX,
        help_text=_("Shown on the screen with “guest”. Not your full name."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
