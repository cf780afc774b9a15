from django.urls import path

from trustplan.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("accounts/roles/", views.my_roles, name="my-roles"),
]
