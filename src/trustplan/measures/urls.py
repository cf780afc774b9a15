from django.urls import path

from trustplan.measures import views

app_name = "measures"

urlpatterns = [
    path("indicators/<slug:key>/", views.indicator_detail, name="indicator"),
    path("indicators/<slug:key>/rebases/", views.rebase_new, name="rebase-new"),
    path("data/imports/", views.import_list, name="imports"),
    path("data/imports/new/", views.import_new, name="import-new"),
    path("data/imports/<int:pk>/", views.import_detail, name="import"),
    path(
        "data/imports/<int:pk>/rejected-rows.csv",
        views.import_rejected_rows,
        name="import-rejected",
    ),
    path("data/template.<str:file_format>", views.template, name="template"),
]
