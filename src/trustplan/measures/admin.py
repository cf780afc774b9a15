"""Django admin for indicator data. Observations are changed by importing files, which keeps
their history; here they can be read, and their revisions are read-only."""

from django.contrib import admin

from trustplan.measures.models import (
    Area,
    AreaGroupMember,
    DataImport,
    Indicator,
    Observation,
    ObservationRevision,
    Rebase,
    Target,
)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin[Indicator]):
    list_display = ["name", "key", "polarity", "value_type", "unit", "frequency"]
    list_filter = ["polarity", "frequency", "value_type"]
    search_fields = ["name", "key", "definition"]


class AreaGroupMemberInline(admin.TabularInline[AreaGroupMember, Area]):
    model = AreaGroupMember
    fk_name = "group"
    extra = 0
    autocomplete_fields = ["member"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin[Area]):
    list_display = ["name", "code", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    inlines = [AreaGroupMemberInline]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin[Observation]):
    list_display = ["indicator", "area", "period_label", "value", "status", "source"]
    list_filter = ["status", "period_kind"]
    search_fields = ["indicator__key", "area__code"]
    readonly_fields = [f.name for f in Observation._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(ObservationRevision)
class ObservationRevisionAdmin(admin.ModelAdmin[ObservationRevision]):
    list_display = ["observation", "changed_at", "changed_by", "data_import"]
    readonly_fields = ["observation", "previous", "changed_at", "changed_by", "data_import"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin[Target]):
    list_display = ["indicator", "area", "due", "value", "tolerance_kind", "tolerance", "label"]
    list_filter = ["tolerance_kind"]
    search_fields = ["indicator__key", "label"]


@admin.register(Rebase)
class RebaseAdmin(admin.ModelAdmin[Rebase]):
    list_display = ["indicator", "area", "period_start", "reason", "created_by", "created_at"]
    search_fields = ["indicator__key", "reason"]


@admin.register(DataImport)
class DataImportAdmin(admin.ModelAdmin[DataImport]):
    list_display = ["file_name", "outcome", "created_at", "created_by", "how", "is_synthetic"]
    list_filter = ["outcome", "is_synthetic"]
    readonly_fields = [f.name for f in DataImport._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
