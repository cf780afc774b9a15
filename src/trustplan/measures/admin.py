from django.contrib import admin

from trustplan.measures.models import Indicator


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin[Indicator]):
    list_display = ["name", "key", "polarity", "unit", "frequency"]
    list_filter = ["polarity", "frequency"]
    search_fields = ["name", "key", "definition"]
