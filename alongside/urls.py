from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from alongside.accounts import session_views
from alongside.accounts import views as accounts
from alongside.coordination.urls import coordinator_patterns as coordination_coordinator
from alongside.coordination.urls import health_patterns as coordination_health
from alongside.core import views as core
from alongside.intake.urls import peer_patterns as intake_peer
from alongside.matching.urls import coordinator_patterns as matching_coordinator
from alongside.matching.urls import mentor_patterns as matching_mentor
from alongside.matching.urls import peer_patterns as matching_peer
from alongside.training.urls import coordinator_patterns as training_coordinator
from alongside.training.urls import mentor_patterns as training_mentor
from alongside.wellbeing.urls import coordinator_patterns as wellbeing_coordinator
from alongside.wellbeing.urls import mentor_patterns as wellbeing_mentor

# The Django admin's own login form would sign staff in with a password alone; this sends every
# admin sign-in through allauth's, with its two-step code, and refuses non-staff sessions.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", core.landing, name="landing"),
    path("healthz", core.healthz, name="healthz"),
    path("favicon.ico", core.favicon, name="favicon"),
    path("help/", core.help_page, name="help"),
    path("", include("alongside.notices.urls")),
    path("", include(coordination_health)),
    path("", include("alongside.safety.urls")),
    path("", include("alongside.home.urls")),
    path("peer/", include(intake_peer)),
    path("peer/", include(matching_peer)),
    path("mentor/", include(training_mentor)),
    path("mentor/", include(matching_mentor)),
    path("mentor/", include(wellbeing_mentor)),
    path("coordinator/", include(wellbeing_coordinator)),
    path("coordinator/", include(training_coordinator)),
    path("coordinator/", include(matching_coordinator)),
    path("coordinator/", include(coordination_coordinator)),
    path("partnerships/", include("alongside.partnerships.urls")),
    path("partnerships/", include("alongside.conversations.urls")),
    path("partnerships/", include("alongside.growth.urls")),
    path("staff/people/", accounts.admin_people, name="admin_people"),
    path("me/profile/", accounts.profile, name="profile"),
    path("me/consent/", accounts.consent, name="consent"),
    path("me/privacy/", include("alongside.privacy.urls")),
    path(
        "me/sessions/sign-out-everywhere/",
        session_views.sign_out_everywhere_view,
        name="sign_out_everywhere",
    ),
    path("accounts/sessions/", include("allauth.usersessions.urls")),
    path("accounts/", include("allauth.urls")),
    path("django-admin/", admin.site.urls),
]

handler500 = "alongside.core.views.server_error"
# allauth looks this name up in the root URLconf for its rate-limited answers.
handler429 = "alongside.accounts.views.rate_limited"
