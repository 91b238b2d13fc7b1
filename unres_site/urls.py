"""URL configuration of unres.

Order matters: the resolution permalinks (``/A/RES/65/123/``) are a catch-all and come last.
A refused query-string value (``resolutions.params.BadParameter``) is a 400 in the site layout.
"""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("search/", include("search.urls")),
    path("", include("resolutions.urls")),
]

handler400 = "resolutions.views.bad_request"
