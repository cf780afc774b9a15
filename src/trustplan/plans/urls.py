from django.urls import path

from trustplan.plans import views

app_name = "plans"

urlpatterns = [
    path("<slug:slug>/", views.plan_home, name="plan"),
    path("<slug:slug>/plan-on-a-page/", views.plan_on_a_page, name="plan-on-a-page"),
    path("<slug:slug>/spine/", views.spine, name="spine"),
    path("<slug:slug>/plan.yaml", views.export_yaml, name="export"),
    path("<slug:slug>/visibility/", views.set_visibility, name="visibility"),
    path("<slug:slug>/priorities/<str:number>/", views.priority_detail, name="priority"),
    path("<slug:slug>/priorities/<str:number>/edit/", views.priority_edit, name="priority-edit"),
    path("<slug:slug>/boards/<slug:key>/", views.board_detail, name="board"),
]
