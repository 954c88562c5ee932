# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""The one HTTP seam of the collection.

Every REST call of every module goes through :class:`HttpClient`: one ``requests`` session
(connection reuse matters when a run makes hundreds of calls), authentication, TLS, a
per-request timeout, retries with exponential backoff and jitter, and failover across a list
of base URLs. Failures surface as :class:`ApiError`, which carries the method, URL, status
and the server's own message, and never request headers or credentials.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import random
import re
import threading
import time

try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.exceptions import NewConnectionError

    HAS_REQUESTS = True
    # The connection broke or timed out: another URL or another try may succeed.
    _BROKEN_EXCHANGE = (
        requests.exceptions.ConnectionError,
        requests.exceptions.Timeout,
        requests.exceptions.ChunkedEncodingError,
    )
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised by the sanity import test
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

# Status codes worth another try: Connect answers 409 while a rebalance is in progress or
# when no leader is known yet, and 5xx covers request time-outs and restarting workers.
DEFAULT_RETRY_STATUSES = frozenset([409, 500, 502, 503, 504])

# Connect answers 500 for two different things, both as {"error_code": 500, "message": ...}: its group
# was busy ("Request timed out", the leader could not be reached to forward the request), and it read
# the request and refused it ("The value for the 'position' key in the offset is expected to be a Long
# value"; any exception its REST layer does not map to a 4xx). Only the first changes on another try,
# so a 500 that carries a message is retried only when the message says the server was busy. A 500
# without one (a proxy's error page, a worker dying mid-answer) says nothing of the request: retried.
_BUSY_WORDS = ("timed out", "timeout", "forward", "rebalanc", "leader", "not available", "try again")

USER_AGENT = "kafkaops.connect-ansible"

# How much of a body that is not JSON an ApiError keeps: one line to diagnose, not a page dump.
_MAX_BODY_TEXT = 160

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


class ApiError(Exception):
    """An HTTP call failed: the server said no, or nobody answered.

    ``status`` is None for connection failures. ``body`` is the parsed JSON error body when
    the server sent one. ``message`` is the server's own message where it gave one.
    """

    def __init__(self, method, url, status=None, message=None, body=None, maybe_sent=False, final=False):
        self.method = method
        self.url = url
        self.status = status
        self.message = message or ""
        self.body = body
        # True when the connection broke after the request went out: the server may have acted on it.
        self.maybe_sent = maybe_sent
        # True when another try cannot help (a malformed URL or header, a missing CA file, a TLS
        # certificate the client does not trust): the retry loop stops at once.
        self.final = final
        super(ApiError, self).__init__(str(self))

    @property
    def error_code(self):
        """The service's own error code (Confluent's 40401 and the like), if it sent one."""
        if isinstance(self.body, dict):
            return self.body.get("error_code")
        return None

    def __str__(self):
        where = "%s %s" % (self.method, self.url)
        if self.status is None:
            return "%s failed: %s" % (where, self.message)
        if self.message:
            return "%s returned HTTP %s: %s" % (where, self.status, self.message)
        return "%s returned HTTP %s" % (where, self.status)

    def to_result(self):
        """Keys for ``fail_json``: what a user needs to act on the error."""
        return {"status": self.status, "url": self.url, "method": self.method, "body": self.body}


def is_refusal(error):
    """True for a 500 in which the service refused the request in its own words (a JSON body with a
    message that is not one of being busy): sending it again would get the same answer."""
    if error.status != 500 or not isinstance(error.body, dict) or not error.message:
        return False
    text = error.message.lower()
    return not any(word in text for word in _BUSY_WORDS)


def summarize_text(text, limit=_MAX_BODY_TEXT):
    """One short line for a body that is not JSON: the HTML title (what Jetty, nginx and load
    balancers put their error in), else the first line of text without markup."""
    text = text or ""
    match = _TITLE.search(text)
    if match:
        line = match.group(1)
    else:
        line = next((ln for ln in _TAG.sub(" ", text).splitlines() if ln.strip()), "")
    line = " ".join(line.split())
    return line if len(line) <= limit else line[: limit - 3] + "..."


def _server_message(response):
    """The human message of an error response: Connect, Confluent and the bridge all send
    ``{"error_code": ..., "message": ...}``; anything else is cut down to one line."""
    try:
        body = response.json()
    except ValueError:
        summary = summarize_text(response.text)
        return ("non-JSON answer: %s" % summary if summary else response.reason or ""), None
    if isinstance(body, dict):
        return (body.get("message") or body.get("error") or response.reason or ""), body
    return (response.reason or ""), body


class HttpClient:
    """A small REST client over one of several equivalent base URLs.

    ``base_urls`` are tried in order; a URL that refuses or drops the connection is skipped
    and the first one that answers is used for the rest of the run (every Connect worker
    forwards to the leader, so any of them will do).
    """

    def __init__(
        self,
        base_urls,
        username=None,
        password=None,
        headers=None,
        validate_certs=True,
        ca_path=None,
        client_cert=None,
        client_key=None,
        timeout=30,
        retries=5,
        retry_delay=1.0,
        sleep=time.sleep,
        pool_size=4,
    ):
        if isinstance(base_urls, str):
            base_urls = [base_urls]
        self.base_urls = [u.rstrip("/") for u in base_urls if u]
        if not self.base_urls:
            raise ValueError("at least one base URL is required")
        self.timeout = timeout
        self.retries = max(0, int(retries))
        self.retry_delay = max(0.0, float(retry_delay))
        # Counters for results (``http_requests``, ``retries``); a lock because bulk modules
        # send from several threads over this one client.
        self.request_count = 0
        self.retry_count = 0
        self._count_lock = threading.Lock()
        self._active = 0
        self._sleep = sleep
        # Set by a service client (see ConnectClient): when the first answer of a run is not
        # JSON, the URL points at some other web server, and this message says so at once.
        self.not_this_service = None
        self._answered = False

        self.session = requests.Session()
        # Do not let ~/.netrc or proxy variables silently add credentials or hops.
        self.session.trust_env = False
        # One kept-alive connection per thread that may send at once (kafka_connectors' parallel),
        # so that parallel writes reuse connections instead of opening one per request.
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=max(1, int(pool_size)), max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        if headers:
            self.session.headers.update(dict((str(k), str(v)) for k, v in headers.items()))
        if username is not None or password is not None:
            self.session.auth = (username or "", password or "")
        if not validate_certs:
            self.session.verify = False
        elif ca_path:
            self.session.verify = ca_path
        if client_cert:
            self.session.cert = (client_cert, client_key) if client_key else client_cert

    @property
    def base_url(self):
        """The base URL currently in use."""
        return self.base_urls[self._active]

    def request(
        self,
        method,
        path,
        json_body=None,
        data=None,
        params=None,
        headers=None,
        ok=(200, 201, 202, 204),
        retry_statuses=DEFAULT_RETRY_STATUSES,
        retry=True,
        give_up=None,
    ):
        """Send one request and return the ``requests.Response`` when its status is in ``ok``.

        Connection errors move on to the next base URL, then back off and start over;
        statuses in ``retry_statuses`` back off and retry on the same URL. ``retry=False``
        is for calls that must never be sent twice (a produce whose outcome is unknown).
        ``give_up(error)`` returning true stops the retries of a retriable status whose
        message says that another try cannot help (Connect's "already exists" 409).
        Anything else raises :class:`ApiError`.
        """
        # Even with retry=False a request is tried again when it never left this host
        # (connection refused, connect timeout): only statuses and broken exchanges are final.
        attempts = self.retries + 1
        last_error = None
        for attempt in range(attempts):
            if attempt:
                self._count("retry_count")
                self._backoff(attempt)
            try:
                response = self._send_with_failover(method, path, json_body, data, params, headers, retry)
            except ApiError as exc:
                last_error = exc
                # A certificate another try cannot fix; a lost answer to a request that must not be resent.
                if exc.final or (exc.maybe_sent and not retry):
                    break
                continue
            self._check_first_answer(method, response)
            if response.status_code in ok:
                return response
            message, body = _server_message(response)
            last_error = ApiError(method, response.request.url, response.status_code, message, body)
            if (
                not retry
                or response.status_code not in retry_statuses
                or is_refusal(last_error)
                or (give_up and give_up(last_error))
            ):
                break
        else:
            if attempts > 1:
                last_error.message += " (gave up after %d attempts)" % attempts
                last_error.args = (str(last_error),)
        raise last_error

    def _send_with_failover(self, method, path, json_body, data, params, headers, resend=True):
        failures = []
        maybe_sent = False
        count = len(self.base_urls)
        for offset in range(count):
            index = (self._active + offset) % count
            url = self.base_urls[index] + path
            self._count("request_count")
            try:
                response = self.session.request(
                    method,
                    url,
                    json=json_body,
                    data=data,
                    params=params,
                    headers=headers,
                    timeout=self.timeout,
                )
            except requests.exceptions.SSLError as exc:
                # The TLS handshake failed: nothing was sent, and no retry or other URL (same
                # certificates) changes a certificate the client does not trust, or a missing client one.
                raise ApiError(method, url, None, _describe_connection_error(exc), final=True) from None
            except _BROKEN_EXCHANGE as exc:
                if not resend and not _nothing_sent(exc):
                    raise ApiError(
                        method,
                        url,
                        None,
                        "the connection failed after the request was sent (%s); it may have been processed,"
                        " so it is not sent again" % _describe_connection_error(exc),
                        maybe_sent=True,
                    ) from exc
                maybe_sent = maybe_sent or not _nothing_sent(exc)
                failures.append("%s (%s)" % (self.base_urls[index], _describe_connection_error(exc)))
                continue
            except (requests.exceptions.RequestException, OSError, ValueError) as exc:
                # Malformed URLs or headers, redirect loops, an unusable CA bundle: requests
                # raises these before or instead of an answer, and no retry changes them.
                raise ApiError(method, url, None, _describe_request_error(exc), final=True) from None
            self._active = index
            return response
        if maybe_sent:
            # Only requests that are safe to repeat get here (see docs/reliability.md), but the
            # user must still know that the server may hold the change.
            message = "no answer; the connection broke after the request was sent, so the server may have applied it: "
        else:
            message = "no server answered: "
        raise ApiError(method, self.base_url + path, None, message + "; ".join(failures), maybe_sent=maybe_sent)

    def _check_first_answer(self, method, response):
        if self._answered:
            return
        self._answered = True
        if self.not_this_service and response.content and not _is_json(response):
            raise ApiError(
                method,
                response.request.url,
                response.status_code,
                "%s (it answered: %s)" % (self.not_this_service, summarize_text(response.text) or response.reason),
                final=True,
            )

    def _count(self, counter):
        with self._count_lock:
            setattr(self, counter, getattr(self, counter) + 1)

    def _backoff(self, attempt):
        # Full jitter keeps several Ansible forks from retrying in lock step.
        ceiling = self.retry_delay * (2 ** (attempt - 1))
        self._sleep(min(30.0, ceiling) * (0.5 + random.random() / 2))

    # Conveniences: the JSON body of a call, or None when the server sent none.
    def get_json(self, path, params=None, ok=(200,), **kwargs):
        return decode_json(self.request("GET", path, params=params, ok=ok, **kwargs))

    def send_json(self, method, path, body=None, ok=(200, 201, 202, 204), **kwargs):
        return decode_json(self.request(method, path, json_body=body, ok=ok, **kwargs))


_NOT_JSON = object()


def _json_of(response):
    """The decoded JSON body, or ``_NOT_JSON``; decoded once however often asked, since the
    first answer is checked for JSON before it is read, and a listing of thousands of
    connectors is megabytes of it."""
    decoded = getattr(response, "_kafkaops_json", _NOT_JSON)
    if decoded is _NOT_JSON:
        try:
            decoded = response.json()
        except ValueError:
            return _NOT_JSON
        response._kafkaops_json = decoded
    return decoded


def _is_json(response):
    return _json_of(response) is not _NOT_JSON


def decode_json(response):
    """The JSON body of a successful response, None when it has none, :class:`ApiError` when
    it is not JSON (an HTML page from a proxy or a wrong URL): every body is read through here,
    so no caller meets a raw ``ValueError``."""
    if response.status_code == 204 or not response.content:
        return None
    decoded = _json_of(response)
    if decoded is _NOT_JSON:
        raise ApiError(
            response.request.method,
            response.request.url,
            response.status_code,
            "expected a JSON body, got: %s" % summarize_text(response.text),
        )
    return decoded


def _describe_request_error(exc):
    """A one-line reason for an exception requests raised without an HTTP answer."""
    errors = requests.exceptions
    if isinstance(exc, errors.TooManyRedirects):
        return "too many redirects (%s)" % str(exc)[:120]
    if isinstance(exc, errors.InvalidHeader) or (isinstance(exc, ValueError) and "header" in str(exc).lower()):
        # requests and http.client quote the offending value, which may be a token: leave it out.
        return "a header name or value is not valid in HTTP (line breaks, leading spaces or non-printable characters)"
    if isinstance(exc, (errors.MissingSchema, errors.InvalidSchema, errors.InvalidURL)):
        return "not a valid URL: %s" % str(exc)[:160]
    if isinstance(exc, (errors.ContentDecodingError, errors.ChunkedEncodingError)):
        return "the answer could not be read: %s" % str(exc)[:160]
    if isinstance(exc, OSError) and "certificate" in str(exc).lower():
        return "TLS set-up failed: %s" % str(exc)[:200]
    return "%s: %s" % (type(exc).__name__, str(exc)[:200])


def check_tls_files(ca_path=None, client_cert=None, client_key=None):
    """The first problem with the TLS files a task names, as a message, or None.

    requests only opens them when a request is sent, and then raises a bare OSError; checking
    first turns that into a message that names the option and the file.
    """
    for option, path, may_be_dir in (
        ("ca_path", ca_path, True),
        ("client_cert", client_cert, False),
        ("client_key", client_key, False),
    ):
        if not path:
            continue
        if not os.path.exists(path):
            return "%s: %s does not exist" % (option, path)
        if os.path.isdir(path) and not may_be_dir:
            return "%s: %s is a directory; give a PEM file" % (option, path)
        if not os.access(path, os.R_OK):
            return "%s: %s cannot be read (check its permissions)" % (option, path)
    return None


def _nothing_sent(exc):
    """True when a connection error happened before the request was written, so that
    sending it again (or to another URL) cannot duplicate it."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, NewConnectionError)


def _describe_connection_error(exc):
    """A one-line reason without the nested urllib3 repr soup."""
    text = str(exc)
    for marker in (
        "Connection refused",
        "Name or service not known",
        "timed out",
        "Connection reset",
        "Connection broken",
    ):
        if marker in text:
            return marker.lower()
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS error: %s" % _tls_reason(text)
    return text[:200]


# OpenSSL's own words sit deep inside the urllib3 wrapper text: "[SSL: CERTIFICATE_VERIFY_FAILED]
# certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1000)".
_TLS_REASON = re.compile(r"\[SSL: [A-Z0-9_]+\] ([^()'\"]+?)\s*\(_ssl\.c")
_TLS_ALERT = re.compile(r"\[SSL: ([A-Z0-9_]+)\]")


def _tls_reason(text):
    """The TLS failure in OpenSSL's words, with a hint for the usual causes; whole, not cut midway."""
    match = _TLS_REASON.search(text) or _TLS_ALERT.search(text)
    reason = match.group(1).strip().lower().replace("_", " ") if match else text[:200]
    if "certificate verify failed" in reason:
        reason += " (give the server's CA with ca_path, or validate_certs: false to skip the check)"
    elif any(word in reason for word in ("certificate required", "bad certificate", "handshake failure")):
        reason += " (the server may require a client certificate: client_cert and client_key)"
    return reason
