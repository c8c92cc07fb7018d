"""Propaganda and claim volume, and actor profiles with sources, on the demo corpus and the API."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pyarrow.parquet as parquet
import pytest
from fastapi.testclient import TestClient

from sitroom.analyze.report_settings import load_report_settings
from sitroom.analyze.volume import GroupFinder, group_weekly_posts, volume_for_store
from sitroom.api import create_app
from sitroom.config import Settings
from sitroom.errors import DataPackError
from sitroom.gazetteer.actors import load_actor_dictionary
from sitroom.gazetteer.profiles import parse_profiles, profile_for, script_of
from sitroom.store import open_repository

NRF = "National Resistance Front"


def test_every_post_counts_per_channel_group_and_week(demo_db: Path) -> None:
    with open_repository(demo_db) as repository:
        channels, claims = volume_for_store(repository, None, None)
        dated = [d for d in repository.list_documents(limit=1000) if d.published is not None]
    channel = next(c for c in channels if c.publisher.startswith("National Resistance Front of Afghanistan"))
    assert channel.group == NRF and channel.source_kind == "claim"
    assert channel.documents == 10 and channel.with_events < channel.documents  # posts without an event count too
    assert sum(channel.weeks.values()) == 10 and all(week.weekday() == 0 for week in channel.weeks)
    weekly = group_weekly_posts(channels)
    assert sum(weekly[NRF].values()) == sum(c.documents for c in channels if c.group == NRF)
    assert len(dated) == sum(c.documents for c in channels)  # every dated document is a post of its publisher
    nrf = next(g for g in claims if g.group == NRF)
    assert nrf.claims == 13 and nrf.events == 7 and nrf.posts >= 10  # a roundup repeats the earlier Dara claim
    assert 0 < nrf.share(nrf.confirmed) < nrf.share(nrf.independently_reported) <= 1


def test_volume_of_a_period_leaves_other_weeks_out(demo_db: Path) -> None:
    with open_repository(demo_db) as repository:
        channels, _ = volume_for_store(repository, dt.date(2023, 6, 1), dt.date(2023, 6, 30))
    weeks = {week for channel in channels for week in channel.weeks}
    assert weeks and all(dt.date(2023, 5, 29) <= week <= dt.date(2023, 6, 26) for week in weeks)


def test_group_finder_reads_names_and_acronyms() -> None:
    finder = GroupFinder(load_actor_dictionary(), load_report_settings())
    assert finder.group_of("Islamic State Khorasan Province (ISKP) - Amaq-style release") == "Islamic State Khorasan Province"
    assert finder.group_of("Afghanistan Freedom Front (AFF), military commission") == "Afghanistan Freedom Front"
    assert finder.group_of("Kabul Evening Wire") is None


SOURCED_PROFILE = """{"schema": "sitroom.actor-profiles/1",
  "sources": {"report": {"title": "A report", "publisher": "A publisher", "date": "2024-01-05",
                         "url": "https://example.org/report"},
              "stored": {"title": "A stored document", "publisher": "A wire", "date": "2024-02", "document_id": "doc:abc"}},
  "profiles": [{"actor_id": "nrf",
    "leaders": [{"name": "A. Leader", "role": "leader", "from": "2021-08", "until": null, "source": "report"}],
    "bases": [{"place": "Panjshir", "inside": true, "from": null, "until": null, "source": "report"},
              {"place": "Tajikistan", "inside": false, "from": "2021-09", "until": null, "source": "stored"}],
    "strength": [{"low": 100, "high": 300, "as_of": "2024", "source": "stored", "verified": false, "note": "n"}],
    "alliances": [{"with": "supreme_resistance_council", "kind": "member", "from": "2021-10", "until": null,
                   "source": "report"}]}]}"""


def test_profiles_hold_sourced_leaders_bases_strength_alliances_and_scripts() -> None:
    profile = parse_profiles(SOURCED_PROFILE, "p.json", load_actor_dictionary())["nrf"]
    assert profile.name == NRF and profile.leaders[0].fields["name"] == "A. Leader"
    assert profile.leaders[0].source.url == "https://example.org/report" and profile.leaders[0].start == "2021-08"
    assert [base.fields["inside"] for base in profile.bases] == [True, False]
    estimate = profile.strength[0]
    assert (estimate.low, estimate.high, estimate.as_of, estimate.verified) == (100, 300, "2024", False)
    assert estimate.source.document_id == "doc:abc"
    assert profile.alliances[0].fields["with"] == "Supreme Council of National Resistance"
    assert profile.alliances[0].fields["actor_id"] == "supreme_resistance_council"
    packaged = profile_for("NRF")  # the packaged file holds no statement yet, only names and roles
    assert packaged is not None and packaged.name == NRF and not packaged.leaders and not packaged.strength
    assert set(packaged.aliases_by_script) == {"Latin", "Arabic"}
    assert all(script_of(name) == "Arabic" for name in packaged.aliases_by_script["Arabic"])
    assert packaged.roles[0]["category"] == "rebel group"
    assert profile_for("Kabul Evening Wire") is None


def test_profile_file_errors_name_the_problem() -> None:
    dictionary = load_actor_dictionary()
    good = ('{"schema": "sitroom.actor-profiles/1", "sources": {"s": {"title": "t", "publisher": "p", "date": "2024",'
            ' "url": "https://example.org/t"}}, "profiles": [%s]}')
    with pytest.raises(DataPackError, match="not in the actor dictionary"):
        parse_profiles(good % '{"actor_id": "nobody"}', "p.json", dictionary)
    with pytest.raises(DataPackError, match="source 'x'"):
        parse_profiles(good % '{"actor_id": "nrf", "leaders": [{"name": "a", "role": "b", "source": "x"}]}', "p.json",
                       dictionary)  # fmt: skip
    with pytest.raises(DataPackError, match="low 9 must be between"):
        parse_profiles(good % '{"actor_id": "nrf", "strength": [{"low": 9, "high": 3, "source": "s"}]}', "p.json",
                       dictionary)  # fmt: skip
    with pytest.raises(DataPackError, match="YYYY"):
        parse_profiles(good % '{"actor_id": "nrf", "bases": [{"place": "a", "inside": true, "from": "May", "source": "s"}]}',
                       "p.json", dictionary)  # fmt: skip


def test_api_volume_profile_and_exports(demo_db: Path) -> None:
    with TestClient(create_app(Settings(db_path=demo_db))) as client:
        volume = client.get("/api/v1/volume", params={"group": NRF}).json()
        profile = client.get("/api/v1/actor-profiles/National Resistance Front")
        missing = client.get("/api/v1/actor-profiles/Kabul Evening Wire")
        ucdp = client.get("/api/v1/exports/events.ucdp.csv")
        table = parquet.read_table(io.BytesIO(client.get("/api/v1/exports/events.parquet").content))
        acled = client.get("/api/v1/exports/events.csv").text
    assert volume["claims"][0]["group"] == NRF and volume["claims"][0]["claims"] == 13
    assert all(channel["group"] == NRF for channel in volume["channels"])
    assert profile.status_code == 200 and profile.json()["name"] == NRF and profile.json()["strength"] == []
    assert missing.status_code == 404
    assert ucdp.text.startswith("id,year,type_of_violence") and len(ucdp.text.splitlines()) == 25
    assert table.num_rows == 24
    assert acled.startswith("event_id_cnty,") and len(acled.splitlines()) == 25


def test_api_acled_export_keeps_imported_ids(acled_only_db: Path) -> None:
    with TestClient(create_app(Settings(db_path=acled_only_db))) as client:
        acled = client.get("/api/v1/exports/events.csv").text
    assert "AFG-DEMO-0005," in acled  # the API's ACLED export keeps imported ids too
