"""Webhook receivers for the tests: real HTTP servers on 127.0.0.1, in threads, each POST kept.

`behaviour` says how the receiver answers: "ok" (200), a status code, "redirect" (302 to
`location`), "slow" (reads the body, answers after `delay` seconds) or "drip" (reads the body,
then answers one byte every `delay` seconds).
"""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append(({k.lower(): v for k, v in self.headers.items()}, body, time.monotonic()))
        behaviour = self.server.behaviour
        try:
            if behaviour == "redirect":
                self.send_response(302)
                self.send_header("Location", self.server.location)
                self.end_headers()
            elif behaviour == "slow":
                time.sleep(self.server.delay)
                self.send_response(200)
                self.end_headers()
            elif behaviour == "drip":
                for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok":
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(self.server.delay)
            else:
                self.send_response(200 if behaviour == "ok" else int(behaviour))
                self.end_headers()
                self.wfile.write(b"ok")
        except OSError:
            pass  # the sender gave up and closed: what the test wants to see

    def log_message(self, *args):
        pass


class Receiver:
    def __init__(self, behaviour="ok", *, delay: float = 0.0, location: str = ""):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
        self.server.daemon_threads = True
        self.server.received, self.server.behaviour = [], behaviour
        self.server.delay, self.server.location = delay, location
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def received(self):
        return self.server.received

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
