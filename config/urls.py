from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from agencies import accounts

# A static page for every unhandled error; 503 with Retry-After when the database is the cause (config/errors.py).
handler500 = "config.errors.server_error"

admin.site.site_header = "Kinerja"
admin.site.site_title = "Kinerja"

urlpatterns = [
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/password/reset/", login_not_required(accounts.PasswordResetView.as_view()), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        login_not_required(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        login_not_required(accounts.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        login_not_required(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("i18n/catalog.js", login_not_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("", include("agencies.urls")),
    path("", include("workflow.urls")),
    path("", include("forums.urls")),
    path("", include("reports.urls")),
    path("", include("surveys.urls")),  # --- surveys ---
    path("", include("development.urls")),  # capacity development
    path("", include("feedback.urls")),  # --- feedback ---
    path("", include("evaluation.urls")),  # --- evaluation ---
    path("", include("reminders.urls")),  # reminders
    path("", include("api.urls")),  # REST API and its schema
]

if settings.KINERJA_BENCH_VIEWS:  # a bare view for the benchmark's throughput baseline (bench/)
    urlpatterns.append(path("", include("bench.urls")))
