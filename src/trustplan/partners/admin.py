from django.contrib import admin

from trustplan.partners.models import Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "key"]
    list_filter = ["kind"]
    search_fields = ["name", "key"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    list_display = ["name", "job_title", "organisation", "user"]
    list_filter = ["organisation"]
    search_fields = ["name", "job_title"]
    autocomplete_fields = ["organisation", "user"]
