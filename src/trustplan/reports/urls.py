from django.urls import path

from trustplan.reports import views

app_name = "reports"

BOARD_PACK = "plans/<slug:slug>/boards/<slug:key>/packs/<str:code>"

urlpatterns = [
    path(f"{BOARD_PACK}/", views.pack_page, name="pack"),
    path(f"{BOARD_PACK}.<str:fmt>", views.pack_file, name="pack-file"),
    path(f"{BOARD_PACK}/publish/", views.publish, name="publish"),
    path("plans/<slug:slug>/scorecard/", views.scorecard, name="scorecard"),
    path("plans/<slug:slug>/scorecard.<str:fmt>", views.scorecard_file, name="scorecard-file"),
    path("plans/<slug:slug>/annual/<str:year>/", views.annual, name="annual"),
    path("plans/<slug:slug>/annual/<str:year>.<str:fmt>", views.annual_file, name="annual-file"),
    path("plans/<slug:slug>/plan-on-a-page.pdf", views.plan_on_a_page_pdf, name="poap-pdf"),
]
