"""CSV for spreadsheets: the one writer every export uses (SECURITY 28).

It lives in quizzes, the lowest app with a CSV export (the statistics report); classrooms
(the gradebook) sits above and imports it.
"""

import csv
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

# A text cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell a spreadsheet shows as written: formula-looking text gets a leading quote.

    Numbers pass as they are (a negative number is not a formula); None is an empty cell;
    anything else, lazy translations included, is text.
    """
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a stream."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """The rows as CSV lines, every cell through csv_cell.

    The first line starts with a byte-order mark, which tells spreadsheets (Excel above all)
    that the file is UTF-8.
    """
    writer = csv.writer(_Echo())
    prefix = "\ufeff"
    for row in rows:
        yield prefix + writer.writerow([csv_cell(cell) for cell in row])
        prefix = ""


def csv_response(
    rows: Iterable[Iterable[object]], *, filename: str, stream: bool = False
) -> HttpResponse | StreamingHttpResponse:
    """A CSV download; stream=True sends the rows as they are produced."""
    content_type = "text/csv; charset=utf-8"
    if stream:
        response = StreamingHttpResponse(csv_lines(rows), content_type=content_type)
    else:
        response = HttpResponse("".join(csv_lines(rows)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
