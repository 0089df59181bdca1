"""A lab target: `python3 -m http.server 80`, plus the little the lab needs to know what arrived.

- HTTP/1.1 with keep-alive (http.server defaults to HTTP/1.0, which would close every back-leg
  connection and hide the load balancer's connection reuse).
- `X-Served-By: <name>` on every response, and the request's `X-Amzn-Trace-Id` echoed back as
  `X-Lab-Trace-Id`, so the client can record which target served it under which trace id.
- `/echo/<anything>?size=N` for GET, HEAD, POST and PUT: a JSON summary of the request it received
  (method, path, headers, body length and SHA-256), padded to at least N bytes (N <= 1 MiB).
Everything else is http.server's own static file serving from --root.
"""

import argparse
import hashlib
import json
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MAX_BODY = 8 * 1024 * 1024
MAX_PAD = 1024 * 1024


class Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "HammerheadLabTarget/1"

    def end_headers(self):
        self.send_header("X-Served-By", self.server.target_name)
        trace = self.headers.get("X-Amzn-Trace-Id")
        if trace:
            self.send_header("X-Lab-Trace-Id", trace)
        super().end_headers()

    def do_GET(self):
        if self.is_echo():
            self.echo(send_body=True)
        else:
            super().do_GET()

    def do_HEAD(self):
        if self.is_echo():
            self.echo(send_body=False)
        else:
            super().do_HEAD()

    def do_POST(self):
        if self.is_echo():
            self.echo(send_body=True)
        else:
            self.send_error(405)

    do_PUT = do_POST

    def is_echo(self):
        return urlsplit(self.path).path.startswith("/echo/")

    def echo(self, send_body):
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.send_error(413)
            return
        body = self.rfile.read(length) if length else b""
        query = parse_qs(urlsplit(self.path).query)
        size = min(int((query.get("size") or ["0"])[0]), MAX_PAD)
        summary = {
            "servedBy": self.server.target_name,
            "method": self.command,
            "path": self.path,
            "headers": [[name, value] for name, value in self.headers.items()],
            "bodyLength": len(body),
            "bodySha256": hashlib.sha256(body).hexdigest(),
        }
        text = json.dumps(summary)
        if len(text) < size:
            summary["pad"] = "." * (size - len(text) - len(', "pad": ""'))
            text = json.dumps(summary)
        payload = (text + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if send_body:
            self.wfile.write(payload)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--name", required=True)
    parser.add_argument("--bind", required=True)
    parser.add_argument("--port", type=int, default=80)
    parser.add_argument("--root", required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer((args.bind, args.port), partial(Handler, directory=args.root))
    server.daemon_threads = True
    server.target_name = args.name
    server.serve_forever()


if __name__ == "__main__":
    main()
