"""POSTing to an address an office clerk typed, without turning the server against its own network.

A webhook address is a request the server makes on someone's word, so (OWASP's SSRF rules):
- only http and https;
- no address that is loopback, private, link-local, multicast, reserved or unspecified, IPv4
  written inside IPv6 included, unless an operator allowed its network explicitly
  (REMINDER_WEBHOOK_ALLOWED_NETWORKS, for an SMS gateway inside the office network);
- names are resolved here and the connection is made to an address that passed; the address
  actually connected to is checked again, so DNS that changes between the check and the
  connection (rebinding) gains nothing;
- redirects are never followed: http.client does not follow them, and no proxy from the
  environment is used;
- one deadline for the whole attempt, not per read: a receiver dripping a byte every few
  seconds is cut off when the deadline passes.
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings


class Refused(Exception):
    """The address is not one the server may call."""


class NotSent(Exception):
    """Nothing reached the receiver in full (no connection, or the body was not all sent)."""


class NoAnswer(Exception):
    """The body was sent and no complete answer came before the deadline: outcome unknown."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


def allowed_networks() -> list:
    return [ipaddress.ip_network(net, strict=False) for net in settings.REMINDER_WEBHOOK_ALLOWED_NETWORKS]


def is_refused(address: str) -> bool:
    """True for an address the server must not call."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in net for net in allowed_networks() if net.version == ip.version):
        return False
    return not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_unspecified


def _target(url: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused("scheme")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port, path


def _addresses(host: str, port: int) -> list[tuple]:
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


def check_url(url: str) -> None:
    """At save: refuse a scheme other than http(s) and any address the name resolves to that
    is refused. A name that does not resolve now is let through: the check at send decides."""
    _, host, port, _ = _target(url)
    try:
        infos = _addresses(host, port)
    except (socket.gaierror, UnicodeError):
        return
    if any(is_refused(info[4][0]) for info in infos):
        raise Refused(host)


def _connect(host: str, port: int, deadline: float) -> socket.socket:
    try:
        infos = _addresses(host, port)
    except (socket.gaierror, UnicodeError) as exc:
        raise NotSent(f"resolve {host}: {exc}") from None
    allowed = [info for info in infos if not is_refused(info[4][0])]
    if not allowed:
        raise Refused(f"{host} -> {[info[4][0] for info in infos]}")
    last_error: Exception | None = None
    for family, kind, proto, _, address in allowed:
        sock = socket.socket(family, kind, proto)
        sock.settimeout(max(deadline - time.monotonic(), 0.001))
        try:
            sock.connect(address)
        except OSError as exc:
            sock.close()
            last_error = exc
            continue
        try:
            peer = sock.getpeername()[0]
        except OSError as exc:
            sock.close()
            last_error = exc
            continue
        if is_refused(peer):
            sock.close()
            raise Refused(f"{host} connected to {peer}")
        return sock
    raise NotSent(f"connect {host}:{port}: {last_error}")


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float) -> Answer:
    """POST `body` once. Raises Refused, NotSent (safe to retry) or NoAnswer (body sent, no answer)."""
    scheme, host, port, path = _target(url)
    deadline = time.monotonic() + timeout
    sock = _connect(host, port, deadline)
    # The watchdog ends the attempt at the deadline whatever the receiver does: a blocked read
    # or write returns at once when the socket is shut down.
    expired = threading.Event()

    def _cut():
        expired.set()
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    watchdog = threading.Timer(max(deadline - time.monotonic(), 0), _cut)
    watchdog.start()
    sent = False
    try:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        conn.sock = sock
        if scheme == "https":
            conn.sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
        conn.request("POST", path, body=body, headers=headers)
        sent = True
        response = conn.getresponse()
        return Answer(response.status, response.read(1024))
    except (OSError, http.client.HTTPException) as exc:
        detail = f"{host}:{port}: {type(exc).__name__}: {exc}" + (" (deadline)" if expired.is_set() else "")
        if sent:
            raise NoAnswer(detail) from None
        raise NotSent(detail) from None
    finally:
        watchdog.cancel()
        sock.close()
