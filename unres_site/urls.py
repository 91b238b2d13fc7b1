"""URL configuration of unres.

Order matters: the resolution permalinks (``/A/RES/65/123/``) are a catch-all and come last.
"""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("search/", include("search.urls")),
    path("", include("resolutions.urls")),
]
