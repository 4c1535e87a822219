from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import Agency


class MissionFilterForm(forms.Form):
    agency = forms.SlugField(label=_("Agency"), required=False)
    decade = forms.IntegerField(label=_("Decade"), required=False, min_value=1900, max_value=2200)

    def clean_decade(self):
        decade = self.cleaned_data["decade"]
        if decade is not None and decade % 10:
            raise forms.ValidationError(_("A decade is a year ending in 0, such as 1990."))
        return decade


class AgencyFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Agency.Kind.choices]
    )
    decade = forms.IntegerField(label=_("Decade"), required=False, min_value=1900, max_value=2200)

    clean_decade = MissionFilterForm.clean_decade
