"""HTTP on the QGIS network stack: the user's proxy, SSL and authentication settings apply.

One small client for both services the plugin talks to (data.gouv.fr's API, IGN's download service):

- every request goes through ``QgsNetworkAccessManager`` (the per-thread instance, so it works in a
  ``QgsTask``, in a Processing algorithm and under ``qgis_process``);
- only ``http`` and ``https`` addresses are fetched, redirections included (a redirection to a
  local file is refused with its own message);
- a timeout counts the seconds **without a byte**, and a transfer that averages less than a
  minimum rate over that many seconds (a slow drip) is cut too; a listing larger than a cap is
  refused;
- 429 / 423 ("slow down") and 5xx are retried a bounded number of times, waiting what the server
  asks (``Retry-After``, else ``X-RateLimit-Reset``), else an exponential back-off, never longer
  than ``max_wait``; nothing else is retried (offline, DNS failure: a clear message at once);
- downloads are written to a temporary file and renamed when complete (``files.replacing``): a
  canceled, failed or truncated download (fewer bytes than ``Content-Length``) leaves no file
  behind, and a dead run's temporary file is removed by the next download into that folder;
- a download is bounded (:class:`Budget`): never more than its declared size and a margin, never
  more than the disk's free space but a reserve (checked before it starts and at every chunk), and
  an overall deadline of ``2 × timeout + size / deadline_rate`` (a steady drip above the minimum
  rate ends too);
- an exception inside a Qt slot (a full disk while writing, a failing progress callback) is caught
  there, the transfer aborted, and the exception raised once the event loop is left: it never
  reaches Qt (which aborts the process);
- every error is a :class:`NetworkError` whose message is translated and says what to do.
"""

from __future__ import annotations

import email.utils
import errno
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Callable, NamedTuple, Optional
from urllib.parse import urlencode, urlsplit

from qgis.core import QgsApplication, QgsNetworkAccessManager
from qgis.PyQt.QtCore import QEventLoop, QTimer, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..core import settings
from ..core.errors import Canceled
from ..core.i18n import tr
from ..core.masking import masked
from ..storage import files

__all__ = [
    "WEB_SCHEMES",
    "Canceled",
    "Client",
    "Downloaded",
    "NetworkError",
    "Progress",
    "check_url",
    "retry_delay",
    "should_retry",
    "with_query",
]


class Downloaded(NamedTuple):
    """A file ``Client.download_cached`` put in place: its path, and whether an identical earlier
    download was reused instead of fetched again."""

    path: Path
    reused: bool


class NetworkError(Exception):
    """A request that failed; ``str()`` is a translated message for the user.

    ``kind`` is one of: dns, offline, refused, timeout, slow, too_big, scheme, proxy, ssl, http,
    truncated, io, oversized (more than declared), disk_full, deadline."""

    def __init__(self, message: str, kind: str, url: str = "", status: int | None = None):
        super().__init__(message)
        self.kind, self.url, self.status = kind, url, status


def _canceled(url: str) -> Canceled:
    """The user's cancel of a request to ``url``: ``errors.Canceled``, with its ``url``."""
    error = Canceled(tr("Canceled."))
    error.url = url
    return error


@dataclass
class Response:
    url: str  # the final URL, after redirections
    status: int
    headers: dict[str, str]  # lower-case names
    content: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise NetworkError(
                tr(
                    "{host} did not answer in JSON (HTTP {status}). Check the service "
                    "address in the plugin settings."
                ).format(host=_host(self.url), status=self.status),
                "http",
                self.url,
                self.status,
            ) from None


def should_retry(status: int) -> bool:
    """429 Too Many Requests and 423 Locked mean "slow down"; 5xx are (often) passing failures."""
    return status in (423, 429) or (500 <= status < 600 and status != 501)


def retry_delay(
    headers: dict[str, str], attempt: int, backoff: float, max_wait: float, now: float | None = None
) -> float:
    """Seconds to wait before attempt ``attempt + 1`` (``attempt`` counts from 0).

    ``Retry-After`` (seconds or an HTTP date) first, then ``X-RateLimit-Reset`` (a Unix time, or
    seconds when small), else ``backoff × 2^attempt``; always between 0 and ``max_wait``."""
    now = time.time() if now is None else now
    delay: float | None = None
    retry_after = headers.get("retry-after", "").strip()
    if retry_after:
        try:
            delay = float(retry_after)
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(retry_after)
                delay = when.timestamp() - now
            except (TypeError, ValueError, IndexError):
                delay = None
    if delay is None and headers.get("x-ratelimit-reset", "").strip():
        try:
            reset = float(headers["x-ratelimit-reset"])
            delay = reset - now if reset > 1e9 else reset
        except ValueError:
            delay = None
    if delay is None:
        delay = backoff * (2**attempt)
    return max(0.0, min(delay, max_wait))


def with_query(url: str, params: dict[str, Any] | None) -> str:
    if not params:
        return url
    query = urlencode({k: v for k, v in params.items() if v is not None and v != ""})
    return f"{url}{'&' if '?' in url else '?'}{query}" if query else url


def _host(url: str) -> str:
    """The host (and port) of ``url``, never its user name nor password."""
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return host or masked(url)


WEB_SCHEMES = ("http", "https")
# Told the percentage done of a download (0 to 100); None: nobody is told.
Progress = Optional[Callable[[float], None]]


def check_url(url: str) -> str:
    """``url`` when it is an http or https address; NetworkError (kind ``scheme``) otherwise: the
    plugin never reads a local file (``file://``) or another scheme on a server's word."""
    scheme = urlsplit(url or "").scheme.lower()
    if scheme not in WEB_SCHEMES:
        raise NetworkError(
            tr(
                "Refused: “{url}” is not a web address (http or https); the plugin reads "
                "no local file or other scheme from a service."
            ).format(url=masked(url)),
            "scheme",
            url,
        )
    return url


MARGIN_BYTES = 1_000_000  # a declared size may be a little stale: + 10 %, at least 1 MB
RESERVE_BYTES = 50_000_000  # left free on the disk (at most 5 % of it)


@dataclass
class Budget:
    """What one download may take: ``cap`` bytes at most (the declared size and a margin; None:
    not declared), ``room`` bytes of ``folder``'s disk (its free space but a reserve), and
    ``declared``."""

    folder: Path
    declared: int | None
    cap: int | None
    room: int

    @classmethod
    def for_folder(cls, folder: Path, declared: int | None = None) -> Budget:
        usage = shutil.disk_usage(folder)
        reserve = min(RESERVE_BYTES, usage.total // 20)
        cap = declared + max(declared // 10, MARGIN_BYTES) if declared is not None else None
        return cls(Path(folder), declared, cap, max(0, usage.free - reserve))

    def deadline(self, size: int | None, timeout: float) -> float:
        """Seconds the whole transfer may last: ``2 × timeout + size / deadline_rate``, the size
        being the announced one, else the declared one, else the room on the disk (the most it
        could write)."""
        known = (
            size
            if size is not None
            else (self.declared if self.declared is not None else self.room)
        )
        return 2 * timeout + known / settings.deadline_rate()


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f}"


def _no_room(url: str, budget: Budget, needed: int | None) -> NetworkError:
    if needed is None:
        text = tr(
            "The disk of {folder} is full ({free} MB left free): the download from "
            "{host} was stopped and nothing was kept. Free some space or choose another "
            "folder."
        )
    else:
        text = tr(
            "Not enough space in {folder} for the download from {host}: {needed} MB "
            "needed, {free} MB free. Nothing was kept: free some space or choose another "
            "folder."
        )
    return _failed(
        "disk_full", url, text, folder=budget.folder, free=_mb(budget.room), needed=_mb(needed or 0)
    )


def _oversized(url: str, budget: Budget, received: int) -> NetworkError:
    text = tr(
        "{host} sends more than the file's declared size ({declared} bytes; {received} "
        "bytes at least): stopped, nothing was kept. The file does not match its "
        "description: report it to its publisher."
    )
    return _failed("oversized", url, text, declared=budget.declared, received=received)


_OFFLINE = (
    QNetworkReply.NetworkError.NetworkSessionFailedError,
    QNetworkReply.NetworkError.TemporaryNetworkFailureError,
    QNetworkReply.NetworkError.BackgroundRequestNotAllowedError,
    QNetworkReply.NetworkError.UnknownNetworkError,
)
_PROXY = (
    QNetworkReply.NetworkError.ProxyConnectionRefusedError,
    QNetworkReply.NetworkError.ProxyConnectionClosedError,
    QNetworkReply.NetworkError.ProxyNotFoundError,
    QNetworkReply.NetworkError.ProxyTimeoutError,
    QNetworkReply.NetworkError.ProxyAuthenticationRequiredError,
    QNetworkReply.NetworkError.UnknownProxyError,
)


def _failed(kind: str, url: str, message: str, status: int | None = None, **values) -> NetworkError:
    """A NetworkError of ``kind``: ``message`` (translated) formatted with {host} and ``values``."""
    return NetworkError(message.format(host=_host(url), **values), kind, url, status)


def _transport_error(reply: QNetworkReply, url: str, timeout: float) -> NetworkError:
    """The error of a request that got no HTTP answer, in words a user can act on."""
    code = reply.error()
    detail = reply.errorString()
    if code == QNetworkReply.NetworkError.HostNotFoundError:
        return _failed(
            "dns",
            url,
            tr(
                "The server {host} cannot be found (DNS): check your Internet "
                "connection, the proxy in "
                "QGIS's options, or the address in the plugin settings."
            ),
        )
    if code == QNetworkReply.NetworkError.TimeoutError:
        return _stopped("timeout", url, seconds=f"{timeout:g}")
    if code in (
        QNetworkReply.NetworkError.ConnectionRefusedError,
        QNetworkReply.NetworkError.RemoteHostClosedError,
    ):
        text = tr(
            "The server {host} refused or closed the connection ({detail}). It may be "
            "down: try again later."
        )
        return _failed("refused", url, text, detail=detail)
    if code in _PROXY:
        text = tr(
            "The proxy refused the request to {host} ({detail}). Check the proxy in "
            "QGIS's options (Network)."
        )
        return _failed("proxy", url, text, detail=detail)
    if code == QNetworkReply.NetworkError.SslHandshakeFailedError:
        return _failed(
            "ssl", url, tr("The secure connection to {host} failed ({detail})."), detail=detail
        )
    if code in _OFFLINE:
        return _failed(
            "offline",
            url,
            tr("No network connection ({detail}). Check that this computer is online."),
            detail=detail,
        )
    return _failed(
        "offline",
        url,
        tr("The request to {host} failed: {detail}. Check your Internet connection."),
        detail=detail,
    )


def _stopped(kind: str, url: str, status: int | None = None, **values) -> NetworkError:
    """A request the plugin stopped or refused itself: no answer in time ('timeout'), a drip
    ('slow'), a listing too large ('too_big'), a redirect off the web ('scheme')."""
    texts = {
        "timeout": tr(
            "No answer from {host} for {seconds} s: the service is slow or unreachable. "
            "Try again later, or raise the timeout in the plugin settings."
        ),
        "slow": tr(
            "{host} sends too slowly (less than {rate} bytes/s over {seconds} s): "
            "stopped, nothing was kept. Try again later (the minimum rate is QGIS's "
            "advanced setting ocsge/network/min_rate)."
        ),
        "too_big": tr(
            "The answer of {host} is larger than {size} MB, more than a listing can be: "
            "refused. Check the service address in the plugin settings (the cap is "
            "QGIS's advanced setting ocsge/network/max_listing_mb)."
        ),
        "scheme": tr(
            "{host} redirected to “{target}”, a local file or another address that is "
            "not on the web: refused, nothing was read."
        ),
    }
    return _failed(kind, url, texts[kind], status, **values)


def _http_error(response: Response, attempts: int) -> NetworkError:
    host = _host(response.url)
    message = ""
    try:
        payload = json.loads(response.content.decode("utf-8"))
        if isinstance(payload, dict):
            message = str(payload.get("message") or payload.get("detail") or "")
    except (UnicodeDecodeError, ValueError):
        pass
    if response.status in (423, 429):
        text = tr(
            "{host} still asks to slow down (HTTP {status}) after {attempts} attempts. "
            "Try again in a few minutes."
        )
    elif response.status >= 500:
        text = tr("{host} is failing (HTTP {status}) after {attempts} attempts. Try again later.")
    elif response.status == 404:
        text = tr("Not found on {host} (HTTP 404): {url}")
    else:
        text = tr("{host} refused the request (HTTP {status}): {url}")
    text = text.format(
        host=host, status=response.status, attempts=attempts, url=masked(response.url)
    )
    if message:
        text += " — " + message
    return NetworkError(text, "http", response.url, response.status)


class Client:
    """GET requests and downloads with timeouts, bounded retries and cancel.

    ``is_canceled`` is polled while waiting (a QgsTask's or a QgsFeedback's ``isCanceled``);
    ``log`` receives a line when the client waits before retrying. Values left ``None`` come from
    the plugin settings."""

    def __init__(
        self,
        timeout: float | None = None,
        retries: int | None = None,
        backoff: float | None = None,
        max_wait: float | None = None,
        authcfg: str | None = None,
        is_canceled: Callable[[], bool] | None = None,
        log: Callable[[str], None] | None = None,
    ):
        self.timeout = settings.timeout() if timeout is None else timeout
        self.retries = settings.retries() if retries is None else retries
        self.backoff = settings.backoff() if backoff is None else backoff
        self.max_wait = settings.max_wait() if max_wait is None else max_wait
        self.authcfg = settings.authcfg() if authcfg is None else authcfg
        self.min_rate = settings.min_rate()
        self.max_body = settings.max_listing_bytes()
        self.is_canceled = is_canceled or (lambda: False)
        self.log = log or (lambda message: None)

    # ------------------------------------------------------------------------------ public

    def get(self, url: str, params: dict[str, Any] | None = None, accept: str = "*/*") -> Response:
        """The body of ``url`` (2xx), after retries; raises NetworkError otherwise."""
        url = with_query(url, params)
        response = self._with_retries(url, lambda: self._attempt(url, None, None, accept))
        return response

    def get_json(self, url: str, params: dict[str, Any] | None = None) -> Any:
        return self.get(url, params, accept="application/json").json()

    def download(
        self,
        url: str,
        target: str | Path,
        progress: Progress = None,
        declared: int | None = None,
    ) -> Path:
        """Download ``url`` to ``target`` (a path the caller built with ``files.safe_join``): all
        of it, or nothing (no partial file is ever left, a previous file is kept on failure). At
        most ``declared`` bytes and a margin when the size is declared (data.gouv.fr's
        ``filesize``), never more than the disk's free space, within a deadline proportional to
        the size (:class:`Budget`)."""
        check_url(url)
        target = Path(target)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            budget = Budget.for_folder(target.parent, declared)
            if declared is not None and declared > budget.room:
                raise _no_room(url, budget, declared)
            with files.replacing(target) as part:

                def attempt() -> Response:
                    with part.open("wb") as sink:
                        return self._attempt(url, sink, progress, "*/*", budget)

                self._with_retries(url, attempt)
        except OSError as error:
            if error.errno == errno.ENOSPC:
                raise _no_room(url, Budget.for_folder(target.parent, declared), None) from None
            raise NetworkError(
                tr("Cannot write {path}: {detail}").format(
                    path=target, detail=error.strerror or error
                ),
                "io",
                url,
            ) from None
        return target

    def download_cached(
        self,
        url: str,
        target: str | Path,
        stamp: str = "",
        progress: Progress = None,
        declared: int | None = None,
    ) -> Downloaded:
        """Download unless ``target`` is already there with the same ``stamp`` (a version: date,
        checksum…)."""
        target = Path(target)
        stamp_file = target.with_name(f".{target.name}.stamp")
        stamp = stamp or url
        if (
            target.is_file()
            and stamp_file.is_file()
            and stamp_file.read_text(encoding="utf-8") == stamp
        ):
            return Downloaded(target, True)
        if stamp_file.exists():
            stamp_file.unlink()
        self.download(url, target, progress, declared)
        with files.replacing(stamp_file) as part:
            part.write_text(stamp, encoding="utf-8")
        return Downloaded(target, False)

    # ----------------------------------------------------------------------------- inside

    def _with_retries(self, url: str, attempt: Callable[[], Response]) -> Response:
        for number in range(self.retries + 1):
            response = attempt()
            if 200 <= response.status < 300:
                return response
            if not should_retry(response.status) or number == self.retries:
                raise _http_error(response, number + 1)
            delay = retry_delay(response.headers, number, self.backoff, self.max_wait)
            self.log(
                tr(
                    "{host} answered HTTP {status}: new attempt in {seconds} s ({number}/{total})."
                ).format(
                    host=_host(url),
                    status=response.status,
                    seconds=f"{delay:.1f}",
                    number=number + 1,
                    total=self.retries,
                )
            )
            self._sleep(delay, url)
        raise AssertionError("unreachable")  # pragma: no cover

    def _sleep(self, seconds: float, url: str) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if self.is_canceled():
                raise _canceled(url)
            time.sleep(min(0.05, left))

    def _request(self, url: str, accept: str) -> QNetworkRequest:
        """A GET of ``url``: safe redirects only, never from QGIS's cache, the authentication
        applied."""
        request = QNetworkRequest(QUrl(url))
        request.setAttribute(
            QNetworkRequest.Attribute.RedirectPolicyAttribute,
            QNetworkRequest.RedirectPolicy.NoLessSafeRedirectPolicy,
        )
        request.setAttribute(
            QNetworkRequest.Attribute.CacheLoadControlAttribute,
            QNetworkRequest.CacheLoadControl.AlwaysNetwork,
        )
        request.setAttribute(QNetworkRequest.Attribute.CacheSaveControlAttribute, False)
        request.setRawHeader(b"Accept", accept.encode())
        if self.authcfg:
            QgsApplication.authManager().updateNetworkRequest(request, self.authcfg)
        return request

    def _response(
        self,
        reply: QNetworkReply,
        url: str,
        sink: BinaryIO | None,
        state: dict,
        body: bytes,
        budget: Budget | None,
    ) -> Response:
        """The finished reply as a Response, or the error that ended it (an exception caught in a
        slot, cancel, time-out, a drip, the deadline, more than declared, a full disk, too big,
        transport, an unsafe redirect, a cut-off download)."""
        code = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        final_url = reply.url().toString() or url
        if state["error"] is not None:
            raise state[
                "error"
            ]  # out of the slot now: the caller turns it into the algorithm's error
        if state["canceled"]:
            raise _canceled(url)
        if state["over"]:
            raise _oversized(url, budget, state["over"])
        if state["full"]:
            raise _no_room(url, budget, state["size"])
        if state["timed_out"]:
            raise _stopped("timeout", url, seconds=f"{self.timeout:g}")
        if state["slow"]:
            raise _stopped("slow", url, rate=f"{self.min_rate:g}", seconds=f"{self.timeout:g}")
        if state["late"]:
            text = tr(
                "The download from {host} did not end within {seconds} s (the deadline "
                "for {size} MB at {rate} bytes/s on average): stopped, nothing was kept. "
                "Try again later (the rate is QGIS's advanced setting "
                "ocsge/network/deadline_rate)."
            )
            raise _failed(
                "deadline",
                url,
                text,
                seconds=f"{state['deadline']:.0f}",
                size=_mb(state["size"] if state["size"] is not None else budget.room),
                rate=f"{settings.deadline_rate():g}",
            )
        if state["too_big"]:
            raise _stopped("too_big", url, size=f"{self.max_body / 1e6:g}")
        if code is None:
            raise _transport_error(reply, url, self.timeout)
        headers = {
            bytes(name).decode("latin-1").lower(): bytes(value).decode("latin-1")
            for name, value in reply.rawHeaderPairs()
        }
        if 300 <= code < 400 and headers.get("location"):
            target = QUrl(url).resolved(QUrl(headers["location"])).toString()
            if urlsplit(target).scheme.lower() not in WEB_SCHEMES:
                raise _stopped("scheme", url, code, target=masked(target))
        if sink is not None and 200 <= code < 300:
            expected = headers.get("content-length", "")
            short = expected.isdigit() and state["written"] < int(expected)
            if short or reply.error() != QNetworkReply.NetworkError.NoError:
                raise NetworkError(
                    tr(
                        "The download from {host} was cut off ({received} of {expected} "
                        "bytes). Nothing was kept: "
                        "try again."
                    ).format(host=_host(url), received=state["written"], expected=expected or "?"),
                    "truncated",
                    url,
                    code,
                )
        return Response(final_url, int(code), headers, body)

    def _attempt(
        self,
        url: str,
        sink: BinaryIO | None,
        progress: Progress,
        accept: str,
        budget: Budget | None = None,
    ) -> Response:
        """One request. With ``sink``, a 2xx body is streamed into it within ``budget``; other
        bodies are kept."""
        if self.is_canceled():
            raise _canceled(url)
        check_url(url)
        reply = QgsNetworkAccessManager.instance().get(self._request(url, accept))
        transfer = _Transfer(self, reply, sink, progress, budget)
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(50)
        timer.timeout.connect(transfer.guarded(transfer.tick))
        reply.readyRead.connect(transfer.guarded(transfer.read))
        reply.downloadProgress.connect(transfer.guarded(transfer.on_progress))
        reply.finished.connect(loop.quit)
        timer.start()
        if not reply.isFinished():
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        timer.stop()
        try:
            state = transfer.state
            if state["error"] is None and not (state["over"] or state["full"]):
                transfer.guarded(transfer.read)()
            return self._response(reply, url, sink, state, bytes(transfer.body), budget)
        finally:
            reply.deleteLater()


class _Transfer:
    """The slots of one request (read, progress, tick), each run through :meth:`guarded`: what
    they found (time-out, drip, deadline, more than declared, a full disk, an exception) is in
    ``state``."""

    def __init__(
        self,
        client: Client,
        reply: QNetworkReply,
        sink: BinaryIO | None,
        progress,
        budget: Budget | None,
    ):
        self.client, self.reply, self.sink, self.progress, self.budget = (
            client,
            reply,
            sink,
            progress,
            budget,
        )
        self.body = bytearray()
        self.start = time.monotonic()
        self.state = {
            "written": 0, "last": self.start, "canceled": False, "timed_out": False, "slow": False,
            "too_big": False, "late": False, "over": 0, "full": False, "error": None, "size": None,
            "deadline": None,
        }  # fmt: skip
        self.window = {
            "start": None,
            "bytes": 0,
        }  # the rate is measured from the first byte (a server may think first)

    def status(self) -> int | None:
        return self.reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)

    def stop(self, key: str, value=True) -> None:
        self.state[key] = value
        self.reply.abort()

    def guarded(self, slot: Callable) -> Callable:
        """``slot`` for Qt: an exception is kept for after the loop and ends the transfer (raised
        inside a Qt slot, it would abort the process)."""

        def run(*args) -> None:
            if self.state["error"] is not None:
                return
            try:
                slot(*args)
            except BaseException as error:  # noqa: BLE001 - every one: raised again out of the slot
                self.state["error"] = error
                self.reply.abort()

        return run

    def within_budget(self, data: bytes) -> bool:
        """Whether ``data`` may be written: the announced size first, then every chunk."""
        state, budget = self.state, self.budget
        if state["deadline"] is None:
            length = self.reply.header(QNetworkRequest.KnownHeaders.ContentLengthHeader)
            state["size"] = (
                int(length) if length is not None and int(length) >= 0 else budget.declared
            )
            state["deadline"] = budget.deadline(state["size"], self.client.timeout)
            if budget.cap is not None and state["size"] is not None and state["size"] > budget.cap:
                self.stop("over", state["size"])
                return False
            if (
                state["size"] is not None and state["size"] > budget.room
            ):  # announced: refused before a byte
                self.stop("full")
                return False
        after = state["written"] + len(data)
        if budget.cap is not None and after > budget.cap:
            self.stop("over", after)
        elif after > budget.room:
            self.stop("full")
        return not (state["over"] or state["full"])

    def read(self) -> None:
        state = self.state
        state["last"] = time.monotonic()
        if not self.reply.isOpen():
            return
        data = bytes(self.reply.readAll())
        if not data:
            return
        if self.window["start"] is None:
            self.window["start"] = time.monotonic()
        self.window["bytes"] += len(data)
        code = self.status()
        if self.sink is not None and code is not None and 200 <= code < 300:
            if self.budget is not None and not self.within_budget(data):
                return
            self.sink.write(data)
            state["written"] += len(data)
        else:
            self.body.extend(data)
            if len(self.body) > self.client.max_body:
                self.stop("too_big")

    def on_progress(self, received: int, total: int) -> None:
        self.state["last"] = time.monotonic()
        if (
            self.progress is not None
            and total > 0
            and self.sink is not None
            and (self.status() or 0) < 300
        ):
            self.progress(min(100.0, 100.0 * received / total))

    def tick(self) -> None:
        if self.reply.isFinished():
            return
        now, state, window, client = time.monotonic(), self.state, self.window, self.client
        if client.is_canceled():
            self.stop("canceled")
        elif now - state["last"] > client.timeout:
            self.stop("timed_out")
        elif window["start"] is not None and (elapsed := now - window["start"]) >= client.timeout:
            if (
                window["bytes"] < client.min_rate * elapsed
            ):  # a drip: moving, but too slowly to finish
                self.stop("slow")
            window["start"], window["bytes"] = time.monotonic(), 0
        if (
            not self.reply.isFinished()
            and state["deadline"] is not None
            and now - self.start > state["deadline"]
        ):
            self.stop("late")  # moving fast enough at every moment, but not ending in time
