"""ASGI entry point: HTTP through Django; WebSocket routes join here as realtime features land."""

import os
import warnings

from django.core.asgi import get_asgi_application

# WhiteNoise streams static files through a synchronous iterator; Django warns once per file
# under ASGI. The files are small and the cost is a thread hop, so the warning is only noise.
warnings.filterwarnings("ignore", message="StreamingHttpResponse must consume synchronous")

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402  (needs Django set up first)

from alongside.demo.guard import refuse_demo_accounts_in_production  # noqa: E402

refuse_demo_accounts_in_production()

application = ProtocolTypeRouter({"http": django_asgi_app})
