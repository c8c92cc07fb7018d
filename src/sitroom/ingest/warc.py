"""WARC records of HTTP exchanges (warcio): a warcinfo record, then a request and a response per hop."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from sitroom.ingest.fetch import FetchResult, HttpExchange


def warc_bytes(result: FetchResult, *, software: str, operator: str) -> bytes:
    """Return a gzipped WARC/1.1 file of every exchange of ``result`` (redirect hops included)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="WARC/1.1")
    info = {"software": software, "operator": operator, "format": "WARC File Format 1.1",
            "description": f"sitroom fetch of {result.url}"}  # fmt: skip
    writer.write_record(writer.create_warcinfo_record("sitroom-fetch.warc.gz", info))
    for exchange in result.exchanges:
        date = exchange.at.strftime("%Y-%m-%dT%H:%M:%SZ")
        request_line = f"GET {_request_target(exchange.url)} HTTP/1.1"
        request_headers = StatusAndHeaders(request_line, exchange.request_headers, is_http_request=True)
        request = writer.create_warc_record(exchange.url, "request", payload=io.BytesIO(b""),
                                            http_headers=request_headers, warc_headers_dict={"WARC-Date": date})
        writer.write_record(request)
        writer.write_record(_response_record(writer, exchange, date, StatusAndHeaders))
    return buffer.getvalue()


def _response_record(writer, exchange: HttpExchange, date: str, status_and_headers):
    body = exchange.raw_body if exchange.raw_body is not None else exchange.body
    protocol = exchange.http_version if exchange.http_version.startswith("HTTP/") else "HTTP/1.1"
    headers = status_and_headers(f"{exchange.status} {exchange.reason}".strip(), exchange.response_headers,
                                 protocol=protocol)  # fmt: skip
    return writer.create_warc_record(exchange.url, "response", payload=io.BytesIO(body), length=len(body),
                                     http_headers=headers, warc_headers_dict={"WARC-Date": date})  # fmt: skip


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
