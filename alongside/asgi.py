"""ASGI entry point: HTTP through Django, WebSockets through Channels (signed-in people only,
from this site's own pages only)."""

import os
import warnings

from django.core.asgi import get_asgi_application

# WhiteNoise streams static files through a synchronous iterator; Django warns once per file
# under ASGI. The files are small and the cost is a thread hop, so the warning is only noise.
warnings.filterwarnings("ignore", message="StreamingHttpResponse must consume synchronous")

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings")
django_asgi_app = get_asgi_application()

# These need Django set up first.
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from alongside.conversations.routing import websocket_urlpatterns as conversations  # noqa: E402
from alongside.coordination.routing import websocket_urlpatterns as coordination  # noqa: E402
from alongside.demo.guard import refuse_demo_accounts_in_production  # noqa: E402

refuse_demo_accounts_in_production()

from alongside.screening import screen  # noqa: E402

# The engine builds on first use (about a second and a half); do it now, at start, so the first
# person to send a message is not the one who waits.
screen("Hello", "peer")

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter([*conversations, *coordination]))
        ),
    }
)
