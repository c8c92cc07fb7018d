"""Settings: defaults, TOML file, environment and CLI flags, in that order; clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.config import load_settings
from sitroom.errors import ConfigError


def test_later_sources_win(tmp_path):
    config = tmp_path / "sitroom.toml"
    config.write_text('[sitroom]\ndb_path = "from-file.db"\nport = 9000\n', encoding="utf-8")
    from_file = load_settings(config_file=config, environ={})
    assert from_file.db_path == Path("from-file.db") and from_file.port == 9000
    from_env = load_settings(config_file=config, environ={"SITROOM_DB": "env.db"})
    assert from_env.db_path == Path("env.db") and from_env.port == 9000
    from_flag = load_settings(config_file=config, environ={"SITROOM_DB": "env.db"}, db_path=Path("flag.db"))
    assert from_flag.db_path == Path("flag.db")


def test_default_database_is_in_the_working_directory():
    assert load_settings(environ={}, config_file=None).db_path == Path("sitroom.db")


def test_bad_values_name_the_setting(tmp_path):
    with pytest.raises(ConfigError, match="port"):
        load_settings(environ={"SITROOM_PORT": "eighty"})
    config = tmp_path / "bad.toml"
    config.write_text("colour = 'blue'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="colour"):
        load_settings(config_file=config, environ={})
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(config_file=tmp_path / "nope.toml", environ={})


def test_a_postgresql_url_stays_a_url_and_its_password_is_never_shown() -> None:
    from sitroom.config import database_label, load_settings

    url = "postgresql://analyst:s3cret@db.example:5432/sitroom"
    settings = load_settings(db_path=url)
    assert settings.db_path == url  # a Path would have turned // into /
    assert database_label(url) == "postgresql://analyst:***@db.example:5432/sitroom"
    assert database_label("postgresql://analyst@db/sitroom") == "postgresql://analyst@db/sitroom"
    assert database_label("data/sitroom.db") == "data/sitroom.db"


def test_a_postgresql_store_keeps_its_evidence_in_the_user_data_folder(tmp_path, monkeypatch) -> None:
    from sitroom.config import Settings

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    monkeypatch.chdir(tmp_path)
    settings = Settings(db_path="postgresql://analyst:s3cret@db.example:6543/monitor")
    expected = tmp_path / "data-home" / "sitroom" / "evidence" / "db.example-6543" / "monitor-evidence"
    assert settings.evidence_path() == expected
    # libpq's defaults: localhost, port 5432; nothing of the URL (no "postgresql:") in the path.
    assert Settings(db_path="postgresql:///team").evidence_path().parent.name == "localhost-5432"
    assert "postgresql:" not in str(Settings(db_path="postgres://[::1]/x").evidence_path())
    chosen = Settings(db_path="postgresql://analyst@127.0.0.1/sitroom", evidence_dir=str(tmp_path / "vault"))
    assert chosen.evidence_path() == tmp_path / "vault"
    assert not any(tmp_path.glob("postgres*"))  # nothing made in the working folder


def test_a_postgresql_url_with_a_bad_port_is_refused() -> None:
    from sitroom.config import Settings

    with pytest.raises(ConfigError, match="invalid port"):
        Settings(db_path="postgresql://db.example:notaport/x").evidence_path()
