"""Unbound forms rendered once per process, keyed by everything their HTML is made of.

Crispy renders each option of a select or checkbox list through a template: the teacher's
dashboard spent about a third of its time drawing the same empty forms (a checkbox per student,
an option per lesson and quiz). An unbound form's HTML depends only on its class, fields,
choices, initial values, prefix and the active language, so that is the key: a renamed
student, a new lesson or another language is a new key and shows at once. A bound form (one
with the learner's or teacher's input and its errors) is never cached.
"""

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from threading import Lock

from django import forms
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import get_language

# A handful of forms per classroom; a few hundred classrooms' worth stays small (~10 KB each).
RENDERED_FORMS = 512

_rendered: OrderedDict[str, SafeString] = OrderedDict()
_lock = Lock()


def _plain(value) -> object:
    """The value with lazy translations turned into text, so that equal forms give equal keys."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return tuple(_plain(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((str(key), _plain(item)) for key, item in value.items()))
    return value


def form_key(form: forms.BaseForm, part: str = "") -> str:
    """What an unbound form's HTML is made of, as a digest."""
    fields = [
        (
            name,
            type(field).__name__,
            type(field.widget).__name__,
            field.label,
            field.help_text,
            field.required,
            field.disabled,
            field.initial,
            field.widget.attrs,
            getattr(field, "choices", None),
        )
        for name, field in form.fields.items()
    ]
    described = (
        type(form).__module__,
        type(form).__qualname__,
        part,
        get_language(),
        form.prefix,
        form.auto_id,
        form.initial,
        fields,
    )
    return hashlib.blake2b(repr(_plain(described)).encode(), digest_size=16).hexdigest()


def rendered_once(
    form: forms.BaseForm, render: Callable[[], SafeString], part: str = ""
) -> SafeString:
    """``render()``'s HTML for this form, from the cache when an equal form was drawn before."""
    if form.is_bound:
        return render()
    key = form_key(form, part)
    with _lock:
        html = _rendered.get(key)
        if html is not None:
            _rendered.move_to_end(key)
            return html
    html = render()
    with _lock:
        _rendered[key] = html
        while len(_rendered) > RENDERED_FORMS:
            _rendered.popitem(last=False)
    return html


def clear() -> None:
    """Forget every rendered form (tests)."""
    with _lock:
        _rendered.clear()
