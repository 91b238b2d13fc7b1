"""Admin for every model of the archive."""

from django.contrib import admin

from . import models


class TextInline(admin.TabularInline):
    model = models.ResolutionText
    fields = ["language", "title", "source_name", "source_format", "checksum"]
    readonly_fields = fields
    extra = 0
    show_change_link = True


@admin.register(models.Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    list_display = ["key", "symbol", "is_draft", "session", "adopted", "meeting", "adoption_type"]
    list_filter = ["is_draft", "session", "adoption_type"]
    search_fields = ["key", "symbol", "texts__title"]
    inlines = [TextInline]
    filter_horizontal = ["subjects"]


@admin.register(models.ResolutionText)
class ResolutionTextAdmin(admin.ModelAdmin):
    list_display = ["resolution", "language", "title", "source_name", "ingested"]
    list_filter = ["language", "source_format"]
    search_fields = ["resolution__symbol", "title", "source_name"]
    raw_id_fields = ["resolution"]


@admin.register(models.Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ["text", "position", "kind", "number", "lead"]
    list_filter = ["kind", "text__language"]
    search_fields = ["body", "lead"]
    raw_id_fields = ["text", "footnotes"]


@admin.register(models.Subparagraph)
class SubparagraphAdmin(admin.ModelAdmin):
    list_display = ["clause", "label", "depth"]
    raw_id_fields = ["clause"]


@admin.register(models.Footnote)
class FootnoteAdmin(admin.ModelAdmin):
    list_display = ["text", "marker", "body"]
    raw_id_fields = ["text"]


@admin.register(models.Annex)
class AnnexAdmin(admin.ModelAdmin):
    list_display = ["text", "position", "title"]
    raw_id_fields = ["text"]


@admin.register(models.Reference)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["text", "symbol", "kind", "cited_in", "target"]
    list_filter = ["kind"]
    search_fields = ["symbol"]
    raw_id_fields = ["text", "clause", "footnote", "target"]


@admin.register(models.Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["term", "vocabulary"]
    list_filter = ["vocabulary"]
    search_fields = ["term"]


@admin.register(models.MemberState)
class MemberStateAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(models.Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["resolution", "state", "choice"]
    list_filter = ["choice"]
    raw_id_fields = ["resolution", "state"]


@admin.register(models.Sponsorship)
class SponsorshipAdmin(admin.ModelAdmin):
    list_display = ["resolution", "name", "additional"]
    raw_id_fields = ["resolution", "state"]
