"""200 WebSocket clients in 100 partnerships: every message delivered, and how fast.

Each partnership's peer and mentor hold a real WebSocket to the ASGI application (uvicorn, in
this process, on a loopback port). Messages are sent through the send service, one after
another across all partnerships, and each is timed from the send to its arrival on the other
member's socket. Then a coordinator holds the escalation queue open while peers send urgent
messages, each timed to the queue's "changed" event (target: under 2 s).

Runs once on the in-memory channel layer and once on Redis (skipped, and said so, when
BENCH_REDIS_URL, default the local server, does not answer). Prints a table and writes
bench/results/sockets.json; exits non-zero when a message is lost or a target is missed.
"""

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = 100
MESSAGES_PER_PAIR = 5
TARGET_P99_MS = 200.0
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def child() -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    pairs = _pairs()
    coordinator_cookie = _coordinator_cookie()
    from alongside.asgi import application  # imported here: importing it reads the database

    return asyncio.run(_measure(application, pairs, coordinator_cookie))


def _pairs():
    import uuid

    from django.test import Client

    from alongside.accounts.models import User
    from alongside.accounts.services import role_grant
    from alongside.conversations.access import access_conversation
    from alongside.partnerships.services import partnership_start

    pairs = []
    for n in range(PAIRS):
        peer = User.objects.create_user(f"p{n}@bench.test", None, display_name=f"P{n}")
        mentor = User.objects.create_user(f"m{n}@bench.test", None, display_name=f"M{n}")
        role_grant(user=peer, role="peer", by=None, reason="bench")
        role_grant(user=mentor, role="mentor", by=None, reason="bench")
        partnership = partnership_start(peer=peer, mentor=mentor, by=mentor)
        cookies = []
        for person in (peer, mentor):
            client = Client()
            client.force_login(person)
            cookies.append(client.cookies["sessionid"].value)
        pairs.append((partnership.pk, access_conversation(peer, partnership.pk), peer, cookies))
    del uuid
    return pairs


def _coordinator_cookie() -> str:
    from django.test import Client

    from alongside.accounts.models import User
    from alongside.accounts.services import role_grant
    from alongside.accounts.two_step import mark_two_step

    coordinator = User.objects.create_user("c@bench.test", None, display_name="C")
    role_grant(user=coordinator, role="coordinator", by=None, reason="bench")
    client = Client()
    client.force_login(coordinator)
    session = client.session
    mark_two_step(session, coordinator)
    session.save()
    return client.cookies["sessionid"].value


async def _measure(application, pairs, coordinator_cookie) -> dict:
    import time
    import uuid

    import uvicorn
    import websockets
    from channels.db import database_sync_to_async
    from django.conf import settings

    from alongside.conversations.services import message_send

    server = uvicorn.Server(uvicorn.Config(application, host="127.0.0.1", port=0,
                                           log_level="warning", lifespan="off"))  # fmt: skip
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    sockets = []
    for partnership_id, _, _, cookies in pairs:
        pair_sockets = []
        for cookie in cookies:
            pair_sockets.append(await websockets.connect(
                f"ws://127.0.0.1:{port}/ws/partnerships/{partnership_id}/",
                additional_headers={"Cookie": f"sessionid={cookie}",
                                    "Origin": f"http://127.0.0.1:{port}"},
            ))  # fmt: skip
        sockets.append(pair_sockets)
    send = database_sync_to_async(message_send)
    latencies, lost = [], 0
    for _round in range(MESSAGES_PER_PAIR):
        for (_, access, peer, _), (peer_socket, mentor_socket) in zip(pairs, sockets, strict=True):
            start = time.perf_counter()
            sent = await send(access=access, sender=peer, body="hello", client_id=uuid.uuid4())
            try:
                while True:  # the mentor's socket: skip anything that is not this message
                    event = json.loads(await asyncio.wait_for(mentor_socket.recv(), 5))
                    if event.get("type") == "message" and event["id"] == sent.message.pk:
                        break
            except TimeoutError:
                lost += 1
                continue
            latencies.append((time.perf_counter() - start) * 1000)
            while True:  # drain the sender's own copy
                event = json.loads(await asyncio.wait_for(peer_socket.recv(), 5))
                if event.get("type") == "message":
                    break
    queue = await websockets.connect(
        f"ws://127.0.0.1:{port}/ws/coordinator/escalations/",
        additional_headers={"Cookie": f"sessionid={coordinator_cookie}",
                            "Origin": f"http://127.0.0.1:{port}"},
    )  # fmt: skip
    to_queue = []
    for _, access, peer, _ in pairs[:20]:
        start = time.perf_counter()
        await send(access=access, sender=peer, body="I am going to kill myself tonight",
                   client_id=uuid.uuid4())  # fmt: skip
        await asyncio.wait_for(queue.recv(), 5)
        to_queue.append((time.perf_counter() - start) * 1000)
    await queue.close()
    for pair_sockets in sockets:
        for socket in pair_sockets:
            await socket.close()
    server.should_exit = True
    await task
    layer = settings.CHANNEL_LAYERS["default"]["BACKEND"].rsplit(".", 1)[-1]
    return {
        "layer": layer,
        "clients": 2 * len(pairs),
        "sent": len(pairs) * MESSAGES_PER_PAIR,
        "delivered": len(latencies),
        "lost": lost,
        "p50_ms": round(statistics.median(latencies), 2) if latencies else None,
        "p99_ms": round(statistics.quantiles(latencies, n=100)[98], 2) if latencies else None,
        "urgent_to_queue_max_ms": round(max(to_queue), 2),
    }


def _run(extra_env: dict) -> dict | None:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings",
               "DATABASE_URL": f"sqlite:///{folder}/sockets.sqlite3", **extra_env}  # fmt: skip
        if "REDIS_URL" not in extra_env:
            env.pop("REDIS_URL", None)
        result = subprocess.run([sys.executable, __file__, "--child"], env=env, cwd=ROOT,
                                capture_output=True, text=True)  # fmt: skip
    if result.returncode != 0:
        print(result.stderr[-3000:], file=sys.stderr)
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def _redis_answers() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001 (any failure: report and skip Redis)
        print(f"Redis skipped: {exc}")
        return False
    return True


def main() -> int:
    runs = [_run({})]
    if _redis_answers():
        runs.append(_run({"REDIS_URL": REDIS}))
    results = [r for r in runs if r]
    print(f"{'layer':<22} {'clients':>7} {'sent':>5} {'delivered':>9} {'p50 ms':>8} {'p99 ms':>8}")
    ok = len(results) == len(runs)
    for r in results:
        print(f"{r['layer']:<22} {r['clients']:>7} {r['sent']:>5} {r['delivered']:>9} "
              f"{r['p50_ms']:>8} {r['p99_ms']:>8}")  # fmt: skip
        met = r["lost"] == 0 and r["p99_ms"] is not None and r["p99_ms"] < TARGET_P99_MS
        print(f"{r['layer']}: {'meets' if met else 'MISSES'} every message delivered, "
              f"p99 under {TARGET_P99_MS:.0f} ms")  # fmt: skip
        queue_met = r["urgent_to_queue_max_ms"] < 2000
        print(
            f"{r['layer']}: urgent message to the coordinator's queue, slowest of 20: "
            f"{r['urgent_to_queue_max_ms']} ms ({'meets' if queue_met else 'MISSES'} 2 s)"
        )
        met = met and queue_met
        ok = ok and met
    out = ROOT / "bench" / "results" / "sockets.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"target_p99_ms": TARGET_P99_MS, "results": results}, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(child()))
        sys.exit(0)
    sys.exit(main())
