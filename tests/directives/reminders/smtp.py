"""A minimal SMTP server on 127.0.0.1 for the fault tests: it accepts every message, keeps it, and
runs `on_message` after the message is in and before it answers 250 (where a fault is injected)."""

import socketserver
import threading


class _Session(socketserver.StreamRequestHandler):
    def _say(self, line: str):
        self.wfile.write(f"{line}\r\n".encode())
        self.wfile.flush()

    def handle(self):
        self._say("220 test ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.decode("ascii", "replace").strip().split(" ", 1)[0].upper()
            if verb == "DATA":
                self._say("354 end with .")
                chunks = []
                for data in iter(self.rfile.readline, b""):
                    if data in (b".\r\n", b".\n"):
                        break
                    chunks.append(data)
                self.server.messages.append(b"".join(chunks))
                self.server.on_message()
                self._say("250 queued")
            elif verb == "QUIT":
                self._say("221 bye")
                return
            else:
                self._say("250 ok")


class SmtpServer:
    def __init__(self, on_message=lambda: None):
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Session)
        self.server.daemon_threads = True
        self.server.messages, self.server.on_message = [], on_message
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def messages(self) -> list[bytes]:
        return self.server.messages

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
