from django.urls import path

from . import views

app_name = "bench"

urlpatterns = [
    path("bench/bare/", views.bare, name="bare"),
    path("bench/bare-signed-in/", views.bare_signed_in, name="bare_signed_in"),
]
