#!/usr/bin/env python3
"""Load on the real `podium serve`, from this second process, on 127.0.0.1 only, bounded in
count and time.

    load_test.py PODIUM_BINARY STATE_FILE [--report]

1. 100 people send 20 questions each at once: every one gets its 201 and lands exactly once.
2. One fast sender with the default rate limit is held back (429 with Retry-After).
3. kill -9 during the load: no acknowledged question is lost.
Prints the figures (questions a second, p50/p99 latency).
"""
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

PODIUM, STATE = sys.argv[1], sys.argv[2]
failures = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message, flush=True)
    if not condition:
        failures.append(message)


def serve(*extra):
    process = subprocess.Popen([PODIUM, "serve", "--state", STATE, "--listen", "127.0.0.1:0"] + list(extra),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        process.kill()
        raise SystemExit("podium serve did not print its URL: %r" % line)
    return int(match.group(1)), process


def texts_on_disk():
    with open(STATE, encoding="utf-8") as f:
        return [q["text"] for q in json.load(f)["questions"]]


class Person(threading.Thread):
    def __init__(self, port, index, count, prefix, stop=None):
        super().__init__(daemon=True)
        self.port, self.index, self.count, self.prefix, self.stop = port, index, count, prefix, stop
        self.cookie = "podium_id=%032x" % (0xABC0000 + index)
        self.acknowledged, self.latencies, self.statuses = [], [], []

    def run(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        n = 0
        while n < self.count and not (self.stop and self.stop.is_set()):
            text = "%s person %d question %d" % (self.prefix, self.index, n)
            body = json.dumps({"text": text, "author": "p%d" % self.index})
            started = time.perf_counter()
            try:
                connection.request("POST", "/api/questions", body, {
                    "Content-Type": "application/json", "Origin": "http://127.0.0.1:%d" % self.port,
                    "Cookie": self.cookie})
                response = connection.getresponse()
                response.read()
            except Exception:
                self.statuses.append(0)
                break
            self.latencies.append(time.perf_counter() - started)
            self.statuses.append(response.status)
            if response.status == 201:
                self.acknowledged.append(text)
            n += 1
        connection.close()


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] if values else 0


def main():
    # 1. 100 people x 20 questions.
    port, server = serve("--questions-per-minute", "1000", "--address-questions-per-minute", "1000000")
    before = len(texts_on_disk())
    people = [Person(port, i, 20, "load") for i in range(100)]
    started = time.perf_counter()
    for p in people:
        p.start()
    for p in people:
        p.join(60)
    elapsed = time.perf_counter() - started
    acknowledged = [t for p in people for t in p.acknowledged]
    latencies = [l for p in people for l in p.latencies]
    check(len(acknowledged) == 2000, "all 2000 questions got their 201 (%d)" % len(acknowledged))
    on_disk = texts_on_disk()
    landed = [t for t in on_disk if t.startswith("load person ")]
    check(len(landed) == 2000 and len(set(landed)) == 2000, "all 2000 landed exactly once (%d, %d distinct)" % (len(landed), len(set(landed))))
    check(len(on_disk) == before + 2000, "nothing else was added")
    print("figures: 100 people x 20 questions on a state of %d: %.0f accepted/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms"
          % (before, 2000 / elapsed, percentile(latencies, 0.5) * 1000, percentile(latencies, 0.99) * 1000, max(latencies) * 1000), flush=True)
    server.send_signal(signal.SIGTERM)
    check(server.wait(10) == 0, "the server stops cleanly after the load")

    # 2. The rate limit holds one fast sender back.
    port, server = serve()
    fast = Person(port, 999, 12, "fast")
    fast.run()
    check(fast.statuses.count(201) == 5 and fast.statuses.count(429) == 7,
          "with the default 5 a minute, one fast sender gets 5 in and then 429s: %s" % fast.statuses)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("POST", "/api/questions", json.dumps({"text": "one more"}), {
        "Content-Type": "application/json", "Origin": "http://127.0.0.1:%d" % port, "Cookie": fast.cookie})
    response = connection.getresponse()
    response.read()
    check(response.status == 429 and (response.getheader("Retry-After") or "").isdigit(), "429 says when to retry")
    server.send_signal(signal.SIGTERM)
    server.wait(10)

    # 3. kill -9 in the middle of the load: every acknowledged question is on disk.
    port, server = serve("--questions-per-minute", "100000", "--address-questions-per-minute", "1000000")
    stop = threading.Event()
    people = [Person(port, i, 10000, "kill") for i in range(50)]
    for p in people:
        p.start()
    time.sleep(1.5)
    server.send_signal(signal.SIGKILL)
    server.wait(10)
    stop.set()
    for p in people:
        p.join(20)
    acknowledged = [t for p in people for t in p.acknowledged]
    on_disk = set(texts_on_disk())
    lost = [t for t in acknowledged if t not in on_disk]
    check(len(acknowledged) > 100, "the load was running when the server was killed (%d acknowledged)" % len(acknowledged))
    check(not lost, "kill -9 lost no acknowledged question (%d lost of %d)" % (len(lost), len(acknowledged)))


try:
    main()
except SystemExit:
    raise
except Exception as error:
    import traceback
    traceback.print_exc()
    failures.append(repr(error))
print("%d failed" % len(failures))
sys.exit(1 if failures else 0)
