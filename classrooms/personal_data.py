"""What classrooms keep about a user, for their data export and before their account goes."""

from django.db.models import Count

from classrooms.models import Classroom, Membership


def classrooms_export(*, user) -> dict:
    """The classrooms the user belongs to and teaches, JSON-ready (2 queries)."""
    memberships = (
        Membership.objects.filter(user=user).select_related("classroom").order_by("joined_at")
    )
    taught = Classroom.objects.filter(teachers=user).order_by("pk")
    return {
        "classroom_memberships": [
            {"classroom": m.classroom.name, "joined_at": m.joined_at.isoformat()}
            for m in memberships
        ],
        "classrooms_taught": [classroom.name for classroom in taught],
    }


def orphaned_classrooms(*, user) -> list[Classroom]:
    """The classrooms the user is the only teacher of (1 query)."""
    # Counting over a fresh join: filtering on teachers=user first would count only the user.
    return list(
        Classroom.objects.filter(pk__in=Classroom.objects.filter(teachers=user).values("pk"))
        .annotate(teacher_count=Count("teachers"))
        .filter(teacher_count__lte=1)
        .order_by("name")
    )
