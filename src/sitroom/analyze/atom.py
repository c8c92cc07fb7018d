"""Alerts as an Atom 1.0 feed (RFC 4287), built with the standard library's XML writer."""

from __future__ import annotations

import datetime as dt
from typing import Sequence
from xml.etree import ElementTree as ET

from sitroom.analyze.alert_rules import Alert

ATOM = "http://www.w3.org/2005/Atom"


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def alert_entry(feed: ET.Element, alert: Alert, base_url: str) -> None:
    """Append one alert as an entry: a stable id, its title, time, and links to its events."""
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(entry, "id", f"tag:sitroom,2026:alert/{alert.rule_id}/{alert.key}")
    _text(entry, "title", alert.title)
    _text(entry, "updated", alert.updated.isoformat())
    _text(entry, "category", "", term=alert.kind, label=alert.rule_name)
    for event_id in alert.event_ids:
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "related", "href": f"{base_url}/events/{event_id}"})
    summary = (f"Rule {alert.rule_name} ({alert.kind}). Events: {', '.join(alert.event_ids) or 'none'}. "
               f"Documents: {', '.join(alert.doc_ids) or 'none'}.")  # fmt: skip
    _text(entry, "summary", summary)


def alerts_atom(alerts: Sequence[Alert], base_url: str, self_url: str) -> bytes:
    """Return the feed's UTF-8 XML; its updated time is the newest alert's (or the epoch when empty)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", f"{base_url}/api/v1/alerts/feed.atom")
    _text(feed, "title", "sitroom alerts")
    newest = max((a.updated for a in alerts), default=dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
    _text(feed, "updated", newest.isoformat())
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "sitroom")
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": self_url})
    for alert in alerts:
        alert_entry(feed, alert, base_url)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
