from django import forms
from django.utils.translation import gettext_lazy as _

from lessons.models import Lesson


class LessonAdminForm(forms.ModelForm):
    """Edit a lesson's paragraphs as plain text, one blank line between paragraphs."""

    paragraphs_text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100}),
        help_text=_("Leave one blank line between paragraphs."),
    )
    key_ideas_text = forms.CharField(
        label=_("Key ideas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 100}),
        help_text=_(
            "One short sentence a line, shown as plain text in the lesson's “Key ideas” box. "
            "Leave empty to let the next article import fill it."
        ),
    )

    class Meta:
        model = Lesson
        fields = ("course", "slug", "position", "title", "subtitle", "is_published")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paragraphs_text"].initial = "\n\n".join(self.instance.paragraphs or [])
        self.fields["key_ideas_text"].initial = "\n".join(self.instance.key_ideas or [])

    def clean_paragraphs_text(self) -> list[str]:
        text = self.cleaned_data["paragraphs_text"].replace("\r\n", "\n")
        paragraphs = [" ".join(block.split()) for block in text.split("\n\n")]
        paragraphs = [paragraph for paragraph in paragraphs if paragraph]
        if not paragraphs:
            raise forms.ValidationError(_("A lesson needs at least one paragraph."))
        return paragraphs

    def clean_key_ideas_text(self) -> list[str]:
        lines = self.cleaned_data["key_ideas_text"].splitlines()
        return [" ".join(line.split()) for line in lines if line.strip()]

    def save(self, commit: bool = True) -> Lesson:
        self.instance.paragraphs = self.cleaned_data["paragraphs_text"]
        self.instance.key_ideas = self.cleaned_data["key_ideas_text"]
        return super().save(commit=commit)
