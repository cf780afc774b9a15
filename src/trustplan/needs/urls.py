from django.urls import path

from trustplan.needs import views

app_name = "needs"
NEEDS = "plans/<slug:slug>/needs/"

urlpatterns = [
    path(NEEDS, views.needs_list, name="list"),
    path(f"{NEEDS}<int:pk>/", views.needs_detail, name="detail"),
    path(f"{NEEDS}<int:pk>/edit/", views.needs_edit, name="edit"),
    path(f"{NEEDS}<int:pk>/approve/", views.needs_approve, name="approve"),
    path(f"{NEEDS}<int:pk>.<str:fmt>", views.needs_file, name="file"),
]
