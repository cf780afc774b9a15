from django.urls import path

from trustplan.hub import views

app_name = "hub"

urlpatterns = [
    path("", views.work_list, name="work-list"),
    path("localities/<int:pk>/", views.work_list, name="locality"),
    path("families/<str:family_id>/", views.family, name="family"),
    path("families/<str:family_id>/purpose/", views.family_purpose, name="family-purpose"),
    path("people/<str:person_id>/", views.person, name="person"),
    path("people/<str:person_id>/purpose/", views.person_purpose, name="person-purpose"),
    path("review/", views.review_queue, name="review"),
    path("review/<int:pk>/", views.review_pair, name="review-pair"),
    path("review/<int:pk>/purpose/", views.review_pair_purpose, name="review-pair-purpose"),
]
