"""Alert rules an analyst defines, and the alerts they fire, each with the events and documents
that fired it.

Kinds (parameters in brackets, all optional):
- ``unconfirmed-claim`` [province, days]: a claim published in the last ``days`` days
  (default 7) about an event no source confirms.
- ``contradicted-claim`` [province, days]: a claimed event that a source denies.
- ``former-security-killings`` [province, days]: detentions and killings of former security
  personnel dated in the last ``days`` days (default 7: "this week").
- ``surge`` [province, days]: a significant weekly surge (docs/surges.md) in a week that ends
  within the last ``days`` days (default 28).
Rules are stored (and audited) by the repository; evaluation is a pure read, so the Atom feed
and ``sitroom alerts`` never write. The window ends at ``as_of`` (default: today, UTC).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable

from sitroom.analyze.report_settings import ReportSettings, load_report_settings
from sitroom.analyze.situation import is_former_security
from sitroom.errors import InputError
from sitroom.models import Event
from sitroom.store.filters import EventFilter
from sitroom.store.publish_records import AlertRuleRecord, ClaimRecord

RULE_KINDS = {
    "unconfirmed-claim": 7, "contradicted-claim": 7, "former-security-killings": 7, "surge": 28,
}  # kind -> default window in days  # fmt: skip
RULE_PARAMS = {"province": str, "days": int}


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert: the rule that fired, what it is about and the events and documents behind it."""

    rule_name: str
    rule_id: int
    kind: str
    key: str  # stable within the rule: an event id, or province and week for a surge
    title: str
    updated: dt.datetime  # the latest publication or event day behind the alert (UTC midnight)
    event_ids: tuple[str, ...]
    doc_ids: tuple[str, ...]


def validate_rule(kind: str, params: dict[str, Any]) -> dict[str, Any]:
    """Return the checked parameters of a rule; InputError naming the bad kind or parameter."""
    if kind not in RULE_KINDS:
        raise InputError("--kind", f"unknown alert rule kind {kind!r}; expected one of: {', '.join(RULE_KINDS)}")
    clean: dict[str, Any] = {}
    for name, value in params.items():
        if value is None:
            continue
        if name not in RULE_PARAMS or not isinstance(value, RULE_PARAMS[name]):
            raise InputError(f"--{name}", f"not a parameter of {kind} rules (allowed: province text, days number)")
        if name == "days" and not 1 <= value <= 3660:
            raise InputError("--days", f"{value} is out of range; give 1 to 3660 days")
        clean[name] = value.strip() if isinstance(value, str) else value
    return clean


def _window(rule: AlertRuleRecord, as_of: dt.date) -> tuple[dt.date, dt.date]:
    days = rule.params.get("days", RULE_KINDS[rule.kind])
    return as_of - dt.timedelta(days=days - 1), as_of


def _in_province(event: Event, province: str | None) -> bool:
    if not province:
        return True
    wanted = province.casefold()
    return wanted in ((event.coded.admin1 or "").casefold(), (event.coded.admin1_code or "").casefold())


def _moment(day: dt.date | None) -> dt.datetime:
    day = day or dt.date.min
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


@dataclass(slots=True)
class AlertInputs:
    """What every rule reads, loaded once: events by id, claims by event, publication days."""

    events: dict[str, Event]
    claims: dict[str, list[ClaimRecord]]
    published: dict[str, dt.date | None]
    settings: ReportSettings


def load_inputs(repository) -> AlertInputs:
    """Read the events, the claims ledger and the documents' publication days once."""
    events = {e.event_id: e for e in repository.list_events(EventFilter(limit=None))}
    claims: dict[str, list[ClaimRecord]] = defaultdict(list)
    for record in repository.claim_records():
        claims[record.event_id].append(record)
    briefs = repository.document_briefs(r.doc_id for rows in claims.values() for r in rows)
    published = {doc_id: brief.published or dt.date.fromisoformat(brief.stored_at[:10])
                 for doc_id, brief in briefs.items()}  # fmt: skip
    return AlertInputs(events, dict(claims), published, load_report_settings())


def _claim_alerts(rule: AlertRuleRecord, inputs: AlertInputs, as_of: dt.date, contradicted: bool) -> list[Alert]:
    start, end = _window(rule, as_of)
    alerts = []
    for event_id, rows in inputs.claims.items():
        event = inputs.events.get(event_id)
        if event is None or not _in_province(event, rule.params.get("province")):
            continue
        claims = [r for r in rows if r.stance == "claimed" and start <= (inputs.published.get(r.doc_id) or end) <= end]
        denials = [r for r in rows if r.stance == "denied"]
        confirmed = any(r.stance == "confirmed" for r in rows) or event.status == "confirmed"
        if not claims or (contradicted and not denials) or (not contradicted and confirmed):
            continue
        fired = claims + (denials if contradicted else [])
        who = ", ".join(sorted({r.claimant for r in claims if r.claimant})) or "a party"
        what = "claim contradicted by a denial" if contradicted else "unconfirmed claim"
        kind = event.coded.sub_event_type or event.coded.event_type
        title = f"{what}: {who}, {kind} in {event.coded.admin1 or 'unknown province'} on {event.coded.event_date}"
        latest = max((inputs.published.get(r.doc_id) for r in fired if inputs.published.get(r.doc_id)), default=None)
        alerts.append(Alert(rule.name, rule.rule_id, rule.kind, event_id, title, _moment(latest), (event_id,),
                            tuple(dict.fromkeys(r.doc_id for r in fired))))  # fmt: skip
    return alerts


def _former_security_alerts(rule: AlertRuleRecord, inputs: AlertInputs, as_of: dt.date) -> list[Alert]:
    start, end = _window(rule, as_of)
    alerts = []
    for event in inputs.events.values():
        day = event.coded.event_date
        if day is None or not start <= day <= end or not _in_province(event, rule.params.get("province")):
            continue
        if not is_former_security(event, inputs.settings):
            continue
        title = (f"former security personnel: {event.coded.sub_event_type or event.coded.event_type} in "
                 f"{event.coded.admin1 or 'unknown province'} on {day} (killed {event.fatalities_best or 0}, "
                 f"detained {event.detained_best or 0})")  # fmt: skip
        alerts.append(Alert(rule.name, rule.rule_id, rule.kind, event.event_id, title, _moment(day),
                            (event.event_id,), tuple(dict.fromkeys(s.doc_id for s in event.sources))))  # fmt: skip
    return alerts


def _surge_alerts(rule: AlertRuleRecord, inputs: AlertInputs, as_of: dt.date, repository) -> list[Alert]:
    from sitroom.analyze.surges import surge_report_for_store, week_start

    start, end = _window(rule, as_of)
    alerts = []
    for surge in surge_report_for_store(repository, since=start - dt.timedelta(days=6), until=end)["surges"]:
        week = dt.date.fromisoformat(surge["week"])
        province = rule.params.get("province")
        if province and province.casefold() not in (surge["province"].casefold(), surge["province_name"].casefold()):
            continue
        events = [e for e in inputs.events.values() if e.coded.event_date and week_start(e.coded.event_date) == week
                  and (e.coded.admin1_code or e.coded.admin1) == surge["province"]]  # fmt: skip
        title = (f"surge: {surge['count']} events in {surge['province_name']} in the week of {surge['week']} "
                 f"(baseline {surge['baseline_mean']:.2f} a week, p = {surge['p_value']:.1e})")  # fmt: skip
        alerts.append(Alert(rule.name, rule.rule_id, rule.kind, f"{surge['province']}:{surge['week']}", title,
                            _moment(week + dt.timedelta(days=6)), tuple(e.event_id for e in events),
                            tuple(dict.fromkeys(s.doc_id for e in events for s in e.sources))))  # fmt: skip
    return alerts


def evaluate_rules(repository, as_of: dt.date | None = None, rules: list[AlertRuleRecord] | None = None) -> list[Alert]:
    """Return the alerts every enabled rule fires for the window ending ``as_of``, newest first."""
    as_of = as_of or dt.datetime.now(dt.timezone.utc).date()
    rules = [r for r in (rules if rules is not None else repository.list_alert_rules()) if r.enabled]
    if not rules:
        return []
    inputs = load_inputs(repository)
    kinds: dict[str, Callable[[AlertRuleRecord], list[Alert]]] = {
        "unconfirmed-claim": lambda rule: _claim_alerts(rule, inputs, as_of, contradicted=False),
        "contradicted-claim": lambda rule: _claim_alerts(rule, inputs, as_of, contradicted=True),
        "former-security-killings": lambda rule: _former_security_alerts(rule, inputs, as_of),
        "surge": lambda rule: _surge_alerts(rule, inputs, as_of, repository),
    }
    found = [alert for rule in rules for alert in kinds[rule.kind](rule)]
    return sorted(found, key=lambda a: (a.updated, a.rule_name, a.key), reverse=True)


def alert_to_dict(alert: Alert) -> dict[str, Any]:
    """Return an alert as JSON-ready data."""
    return {"rule": alert.rule_name, "rule_id": alert.rule_id, "kind": alert.kind, "key": alert.key,
            "title": alert.title, "updated": alert.updated.isoformat(), "event_ids": list(alert.event_ids),
            "doc_ids": list(alert.doc_ids)}  # fmt: skip
