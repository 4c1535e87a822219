"""Drop the cached terms when a teacher edits the catalogue; lesson bodies follow by version."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalogue.models import Agency, Mission, Partnership
from catalogue.terms import forget_terms


@receiver([post_save, post_delete], sender=Agency)
@receiver([post_save, post_delete], sender=Mission)
@receiver([post_save, post_delete], sender=Partnership)
def forget_catalogue_terms(sender, **kwargs) -> None:
    forget_terms()
