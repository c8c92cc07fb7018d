"""One Settings object: defaults, then a TOML file, then SITROOM_* environment, then CLI flags.

Settings are passed in explicitly; nothing reads the environment at import time.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import unquote, urlsplit

from sitroom.errors import ConfigError

DEFAULT_DB_PATH = Path("sitroom.db")
DEFAULT_CONFIG_FILE = Path("sitroom.toml")
ENV_PREFIX = "SITROOM_"


@dataclass(frozen=True)
class Settings:
    """Everything a sitroom run can be configured with."""

    db_path: Path = DEFAULT_DB_PATH
    country_pack: str = "af"  # gazetteer / actor data pack
    conventions: str = "default"  # vague-quantity conventions ("several" = ?), data/numbers/conventions.json
    max_file_bytes: int = 50 * 1024 * 1024  # larger inputs are refused with a reason
    host: str = "127.0.0.1"
    port: int = 8765
    analyst: str = field(default_factory=lambda: os.environ.get("USER", "analyst"))
    # Content-addressed evidence store; "" = "<db name>-evidence" beside a SQLite file, and for a
    # PostgreSQL URL "<user data dir>/sitroom/evidence/<host>-<port>/<db>-evidence" (server_evidence_path).
    evidence_dir: str = ""
    ocr_languages: str = "eng+fas+pus"  # tesseract languages for scanned PDFs (those installed are used)
    fetch_timeout_seconds: int = 30  # connect/read timeout and whole-download deadline per URL
    fetch_max_bytes: int = 50 * 1024 * 1024  # larger downloads are stopped and refused
    fetch_max_redirects: int = 10
    fetch_host_interval_ms: int = 1000  # at least this long between two requests to one host
    user_agent: str = "sitroom/0.1 (+conflict monitoring; respects robots.txt)"
    watch_interval_seconds: int = 900  # pause between two rounds of `sitroom watch`

    # Team server (docs/review.md). The session key: this setting, else one generated once and kept in the store.
    session_secret: str = ""
    session_hours: int = 12
    login_window_minutes: int = 15  # failed logins counted over this window
    login_failures_per_account: int = 5
    login_failures_per_address: int = 20

    def evidence_path(self) -> Path | None:
        """Return the evidence store's folder, or None for an in-memory database with none set."""
        if self.evidence_dir:
            return Path(self.evidence_dir)
        if str(self.db_path) in (":memory:", ""):
            return None
        if is_database_url(self.db_path):
            return server_evidence_path(str(self.db_path))
        db_path = Path(self.db_path)
        return db_path.with_name(f"{db_path.stem}-evidence")

    def with_overrides(self, **overrides: Any) -> "Settings":
        """Return a copy with the given non-None values replaced."""
        changes = {key: value for key, value in overrides.items() if value is not None}
        return replace(self, **_coerce(changes)) if changes else self


DATABASE_URL_SCHEMES = ("postgresql://", "postgres://")
DEFAULT_POSTGRES_PORT = 5432


def is_database_url(value: object) -> bool:
    """Return True if ``value`` is a database server URL (kept as text, not made a Path)."""
    return str(value).startswith(DATABASE_URL_SCHEMES)


def server_evidence_path(url: str) -> Path:
    """Return the default evidence folder of a PostgreSQL store: the user's data folder, never the URL.

    ``<user data dir>/sitroom/evidence/<host>-<port>/<database>-evidence`` (platformdirs: on Linux
    ``$XDG_DATA_HOME``, else ``~/.local/share``). The host defaults to localhost, the port to 5432
    and the database to the URL's user name (else "postgres"); ConfigError for an invalid port.
    """
    import platformdirs

    parts = urlsplit(url)
    try:
        port = parts.port or DEFAULT_POSTGRES_PORT
    except ValueError:
        raise ConfigError(f"database URL {database_label(url)} has an invalid port") from None
    host = _path_safe(parts.hostname or "localhost")
    database = _path_safe(unquote(parts.path.lstrip("/")) or unquote(parts.username or "") or "postgres")
    return platformdirs.user_data_path("sitroom", appauthor=False) / "evidence" / f"{host}-{port}" / f"{database}-evidence"


def _path_safe(name: str) -> str:
    """Return ``name`` with every character a folder name should not hold (``/``, ``:``, ``\\``...) as ``_``."""
    cleaned = re.sub(r"[^\w.-]", "_", name)
    return cleaned if cleaned.strip(".") else "_"


def database_label(value: object) -> str:
    """Return a database path or URL for messages: a URL's password replaced by ***."""
    text = str(value)
    if not is_database_url(text):
        return text
    scheme, rest = text.split("://", 1)
    credentials, at, host = rest.rpartition("@")
    if at and ":" in credentials:
        credentials = credentials.split(":", 1)[0] + ":***"
    return f"{scheme}://{credentials}{at}{host}"


def _coerce(values: Mapping[str, Any]) -> dict[str, Any]:
    """Convert raw values (strings from env or TOML) to each field's type."""
    types = {f.name: f.type for f in fields(Settings)}
    coerced: dict[str, Any] = {}
    for key, value in values.items():
        if key not in types:
            known = ", ".join(sorted(types))
            raise ConfigError(f"unknown setting {key!r}; known settings: {known}")
        kind = types[key]
        try:
            if kind == "Path" and is_database_url(value):
                coerced[key] = str(value)  # db_path may be a PostgreSQL URL; Path() would mangle its //
            elif kind == "Path":
                coerced[key] = Path(value)
            elif kind == "int":
                coerced[key] = int(value)
            else:
                coerced[key] = value
        except (TypeError, ValueError):
            raise ConfigError(f"setting {key!r} has invalid value {value!r} (expected {kind})") from None
    return coerced


def _from_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error}); fix or remove the file") from None
    return dict(data.get("sitroom", data))


def _from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    for name in known:
        key = ENV_PREFIX + name.upper()
        if key in environ:
            values[name] = environ[key]
    if "SITROOM_DB" in environ:
        values["db_path"] = environ["SITROOM_DB"]
    return values


def load_settings(
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    **cli_overrides: Any,
) -> Settings:
    """Build Settings from a TOML file, the environment and CLI flags, in that order."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    file_path = config_file or Path(environ.get("SITROOM_CONFIG", DEFAULT_CONFIG_FILE))
    if file_path.exists():
        values.update(_from_file(file_path))
    elif config_file is not None:
        raise ConfigError(f"config file {config_file} does not exist")
    values.update(_from_environment(environ))
    values.update({key: value for key, value in cli_overrides.items() if value is not None})
    return Settings(**_coerce(values))
