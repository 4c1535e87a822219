"""The `<id:...>` path converter every app's URLs use for database ids (SECURITY 16).

Registered once, in LessonsConfig.ready(): lessons is the ground floor that every app
stands on, and converters are one name space for the whole site.
"""

from django.urls.converters import IntConverter

# BigAutoField ids are signed 64-bit integers.
LARGEST_ID = 2**63 - 1


class IdConverter(IntConverter):
    """A whole number that can be a row's id; a larger one does not match, so the URL is 404.

    Without it, a 20-digit id reaches the query, and SQLite refuses a number that does not
    fit its integers with an OverflowError: a 500.
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST_ID:
            raise ValueError(f"{value} is larger than any id")
        return number
