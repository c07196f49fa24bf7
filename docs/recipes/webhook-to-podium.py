#!/usr/bin/env python3
"""Any chat that can call a webhook, into Podium's queue: POSTed JSON becomes one line for `podium ask -`.

    webhook-to-podium.py --port 8787 | podium ask - --state /srv/event/podium.json
    curl -d '{"id": "discord-1130458", "text": "スライドはどこで見られますか", "author": "naoki", "source": "discord"}' http://127.0.0.1:8787/

The body is passed on as it is, as one line (podium names a bad one on its stderr and keeps going);
it listens on 127.0.0.1 only: put a reverse proxy in front to reach it from outside.
"""
import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            # Re-encoded on one line: a pretty-printed body would otherwise span several.
            line = json.dumps(json.loads(body), ensure_ascii=False)
        except (ValueError, UnicodeDecodeError):
            self.send_response(400)
            self.end_headers()
            self.wfile.write(b"not JSON\n")
            return
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        self.send_response(202)
        self.end_headers()

    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8787)
    port = parser.parse_args().port
    server = HTTPServer(("127.0.0.1", port), Handler)
    print(f"webhook-to-podium: listening on http://127.0.0.1:{server.server_port}/", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
