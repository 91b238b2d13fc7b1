"""Browse and resolution page URLs.

* ``/`` home; ``/resolutions/`` browse (``session``, ``year``, ``language``, ``committee``,
  ``subject``, ``adoption_type``, ``sort=date|symbol``, ``page``); ``/sessions/``,
  ``/sessions/65/``;
* ``/A/RES/65/123/`` a resolution (``?lang=zh|en``, ``?view=parallel``, ``?cited_page=N``),
  ``/A/RES/65/123.json`` its export; ``/drafts/<slug>/`` and ``.json`` a draft without symbol;
* ``/export/citations.csv`` every citation; ``/i18n/setlang/`` the interface language.

The last pattern is a catch-all for resolution permalinks and the short forms that redirect
to them (``/65/123``, ``/a/res/65/123``); it must stay last.
"""

from django.urls import include, path, re_path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("resolutions/", views.browse, name="browse"),
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/<int:session>/", views.session_detail, name="session"),
    path("drafts/<slug:slug>/", views.draft, name="draft"),
    path("drafts/<slug:slug>.json", views.draft_json, name="draft-json"),
    path("export/citations.csv", views.citations_csv, name="citations-csv"),
    re_path(r"^(?P<raw>.+)$", views.by_symbol, name="symbol"),
]
