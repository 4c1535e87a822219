from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from spaceedu.models import User

admin.site.site_header = _("SpaceEdu administration")
admin.site.site_title = _("SpaceEdu admin")
admin.site.index_title = _("Authoring")


@admin.register(User)
class SpaceEduUserAdmin(UserAdmin):
    list_display = ("username", "email", "first_name", "is_staff", "date_joined")
