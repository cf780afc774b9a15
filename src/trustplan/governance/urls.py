from django.urls import path

from trustplan.governance import views

app_name = "governance"

urlpatterns = [
    path("audit/", views.audit_search, name="audit"),
    path("audit/export.csv", views.audit_export, name="audit-export"),
]
