from django.urls import path

from alongside.growth import views

urlpatterns = [
    path("<int:partnership_id>/moving-towards/", views.growth, name="growth"),
    path("<int:partnership_id>/moving-towards/goals/", views.goal_add, name="growth_goal_add"),
    path(
        "<int:partnership_id>/moving-towards/goals/<int:goal_id>/",
        views.goal_update,
        name="growth_goal_update",
    ),
    path(
        "<int:partnership_id>/moving-towards/steps/<int:step_id>/",
        views.step_done,
        name="growth_step_done",
    ),
    path(
        "<int:partnership_id>/moving-towards/strengths/",
        views.strength_add,
        name="growth_strength_add",
    ),
    path(
        "<int:partnership_id>/moving-towards/strengths/<int:strength_id>/",
        views.strength_hide,
        name="growth_strength_hide",
    ),
]
