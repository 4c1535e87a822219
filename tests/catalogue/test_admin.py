"""Teachers edit the catalogue in the admin; its lists run a fixed number of queries."""

import pytest
from django.contrib.auth.models import Group

from spaceedu.roles import TEACHERS_GROUP
from tests.catalogue.factories import grow_catalogue

pytestmark = pytest.mark.django_db


def test_the_teachers_group_may_edit_the_catalogue(db):
    codenames = set(
        Group.objects.get(name=TEACHERS_GROUP).permissions.values_list("codename", flat=True)
    )
    assert {"add_mission", "change_mission", "change_agency", "add_partnership"} <= codenames
    assert "delete_agency" not in codenames  # partnerships point at it


@pytest.mark.parametrize("model", ["agency", "mission", "partnership"])
def test_a_teacher_opens_each_admin_page(client, teacher, catalogue, model):
    client.force_login(teacher)
    assert client.get(f"/admin/catalogue/{model}/").status_code == 200
    assert client.get(f"/admin/catalogue/{model}/add/").status_code == 200


def test_a_teacher_edits_a_mission_with_its_partners(client, teacher, catalogue):
    from catalogue.models import Mission

    client.force_login(teacher)
    mission = Mission.objects.get(slug="voyager")
    response = client.get(f"/admin/catalogue/mission/{mission.pk}/change/")
    assert response.status_code == 200
    assert b"Built and run by NASA" in response.content


def test_a_student_cannot_reach_the_catalogue_admin(client, student, catalogue):
    client.force_login(student)
    assert client.get("/admin/catalogue/mission/").status_code == 302


@pytest.mark.parametrize("size", [0, 20])
@pytest.mark.parametrize("model", ["agency", "mission", "partnership"])
def test_admin_lists_run_a_fixed_number_of_queries(
    client, teacher, catalogue, django_assert_max_num_queries, size, model
):
    grow_catalogue(size)
    client.force_login(teacher)
    client.get(f"/admin/catalogue/{model}/")
    with django_assert_max_num_queries(12):
        assert client.get(f"/admin/catalogue/{model}/").status_code == 200
