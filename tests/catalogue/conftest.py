import io

import pytest
from django.core.management import call_command


@pytest.fixture
def catalogue(db):
    """The real catalogue, from fixtures/catalogue.json."""
    call_command("load_catalogue", "fixtures/catalogue.json", stdout=io.StringIO())
