"""Probe: the world and clock races of the hardening issue, counted (not timed).

Runs against a fresh in-process sandbox on TIKTOK_SANDBOX_DB (default: a SQLite file) and prints
each race's outcome counts, for the closing note's before/after figures. Not part of `make bench`
(it measures correctness, not speed).
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sandbox.client import Sandbox  # noqa: E402


def parallel(n, fn):
    barrier = threading.Barrier(n)

    def run(i):
        barrier.wait()
        return fn(i)

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


def main() -> None:
    db = os.environ.get("TIKTOK_SANDBOX_DB") or f"sqlite:///{tempfile.mkdtemp()}/probe.db"
    sb = Sandbox.local(db=db, ticker=False)
    cp = f"{sb.url}/_sandbox/v1"
    try:
        wid = f"dup-{secrets.token_hex(3)}"
        codes = parallel(20, lambda _i: httpx.post(f"{cp}/worlds", json={"id": wid},
                                                   timeout=60).status_code)
        print("20 parallel creates of one id:", dict(Counter(codes)))
        httpx.delete(f"{cp}/worlds/{wid}")

        world = sb.create_world("del", frozen=True)
        codes = parallel(10, lambda _i: httpx.delete(f"{cp}/worlds/{world.id}",
                                                     timeout=60).status_code)
        print("10 parallel deletes of one world:", dict(Counter(codes)))

        world = sb.create_world("adv", frozen=True)
        before = httpx.get(f"{cp}/worlds/{world.id}/clock").json()["now"]
        codes = parallel(10, lambda _i: httpx.post(f"{cp}/worlds/{world.id}/clock",
                                                   json={"advance": "PT6H"},
                                                   timeout=60).status_code)
        after = httpx.get(f"{cp}/worlds/{world.id}/clock").json()["now"]
        print("10 parallel advances PT6H:", dict(Counter(codes)), before, "->", after)

        wid = f"race-{secrets.token_hex(3)}"
        httpx.post(f"{cp}/worlds", json={"id": wid, "frozen": True})
        statuses: list[int] = []
        enough, stop = threading.Event(), threading.Event()

        def writer(i):
            with httpx.Client(timeout=60) as http:
                while not stop.is_set():
                    statuses.append(http.post(f"{cp}/worlds/{wid}/shops",
                                              json={"name": f"S{i}"}).status_code)
                    if statuses.count(201) >= 8:
                        enough.set()

        with ThreadPoolExecutor(max_workers=6) as pool:
            futures = [pool.submit(writer, i) for i in range(6)]
            enough.wait(60)
            deleted = httpx.delete(f"{cp}/worlds/{wid}", timeout=60).status_code
            for _ in range(30):  # let the writers run on against the deleted world
                statuses.append(httpx.post(f"{cp}/worlds/{wid}/shops",
                                           json={"name": "late"}).status_code)
            stop.set()
            for f in futures:
                f.result()
        httpx.post(f"{cp}/worlds", json={"id": wid})
        leftover = len(httpx.get(f"{cp}/worlds/{wid}/shops").json().get("shops", []))
        print(f"delete racing 6 shop writers: delete {deleted}, writers {dict(Counter(statuses))},"
              f" shops seen by a re-created world: {leftover}")
    finally:
        sb.stop()


if __name__ == "__main__":
    main()
