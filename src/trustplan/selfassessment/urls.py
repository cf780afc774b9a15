from django.urls import path

from trustplan.selfassessment import views

app_name = "selfassessment"
ROUNDS = "plans/<slug:slug>/self-assessments/"
ROUND = f"{ROUNDS}<int:pk>/"

urlpatterns = [
    path(ROUNDS, views.round_list, name="rounds"),
    path(f"{ROUNDS}compare/", views.compare, name="compare"),
    path(ROUND, views.round_detail, name="round"),
    path(f"{ROUND}invite/", views.invite, name="invite"),
    path(f"{ROUND}close/", views.close_scoring, name="close"),
    path(f"{ROUND}score/", views.score, name="score"),
    path(f"{ROUND}moderate/", views.moderate, name="moderate"),
    path(f"{ROUND}findings/", views.add_finding, name="add-finding"),
    path(f"{ROUND}findings/<int:finding>/remove/", views.remove_finding, name="remove-finding"),
    path(f"{ROUND}findings/<int:finding>/action/", views.finding_action, name="finding-action"),
    path(f"{ROUND}complete/", views.complete, name="complete"),
]
