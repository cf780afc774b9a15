from django.urls import path

from trustplan.delivery import views

app_name = "delivery"
DELIVERY = "plans/<slug:slug>/priorities/<str:number>/delivery/"

urlpatterns = [
    path("updates/", views.my_updates, name="my-updates"),
    path("updates/actions/<int:pk>/", views.action_update, name="action-update"),
    path("updates/commentary/<int:pk>/", views.commentary_update, name="commentary"),
    path("plans/<slug:slug>/quarters/", views.quarters, name="quarters"),
    path("plans/<slug:slug>/quarters/<str:code>/", views.quarter_detail, name="quarter"),
    path("plans/<slug:slug>/quarters/<str:code>/close/", views.close_quarter, name="close"),
    path("plans/<slug:slug>/ownership/", views.ownership_view, name="ownership"),
    path(DELIVERY, views.delivery_plan, name="delivery-plan"),
    path(f"{DELIVERY}actions/new/", views.edit_action, name="action-new"),
    path(f"{DELIVERY}actions/<int:pk>/", views.edit_action, name="action-edit"),
    path(f"{DELIVERY}risks/new/", views.edit_risk, name="risk-new"),
    path(f"{DELIVERY}risks/<int:pk>/", views.edit_risk, name="risk-edit"),
]
