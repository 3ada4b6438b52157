import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings")
application = get_wsgi_application()

from alongside.demo.guard import refuse_demo_accounts_in_production  # noqa: E402

refuse_demo_accounts_in_production()
