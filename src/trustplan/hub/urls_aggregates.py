"""The hub's aggregate pages, under /hub/: hotspots, their downloads, and outcomes."""

from django.urls import path

from trustplan.hub import views_aggregates as views

app_name = "hub_aggregates"

urlpatterns = [
    path("hotspots/", views.hotspots, name="hotspots"),
    path("hotspots.<str:file_format>", views.hotspots_download, name="hotspots-download"),
    path("outcomes/", views.outcomes, name="outcomes"),
]
