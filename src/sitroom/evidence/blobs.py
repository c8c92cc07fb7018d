"""A content-addressed folder of blobs: the bytes with SHA-256 ``h`` live at ``sha256/h[:2]/h[2:4]/h``.

Writing is atomic (temporary file, fsync, rename) and idempotent: the same bytes are kept
once however often they arrive. Files are made read-only, so an accidental edit needs intent.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from sitroom.errors import StoreError

_HEX = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1024 * 1024


def sha256_of_file(path: Path) -> str:
    """Return the hex SHA-256 of the file at ``path``, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


class BlobStore:
    """The evidence folder: put bytes in, get a path back by their SHA-256."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        """Return where the blob with this hex SHA-256 lives; StoreError for a malformed hash."""
        if not _HEX.match(sha256 or ""):
            raise StoreError(f"{sha256!r} is not a SHA-256 hex digest (64 lower-case hex digits)")
        return self.root / "sha256" / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        """Keep ``data`` (once) and return its hex SHA-256; StoreError if the folder cannot be written."""
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha256)
        if target.exists() and target.stat().st_size == len(data):
            return sha256
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o444)
            os.replace(temporary, target)
        except OSError as error:
            raise StoreError(f"evidence store {self.root}: cannot write blob {sha256}: {error}") from error
        return sha256

    def read(self, sha256: str) -> bytes:
        """Return the blob's bytes; StoreError naming the hash when it is missing."""
        path = self.path_for(sha256)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise StoreError(f"evidence store {self.root}: blob {sha256} is missing (run `sitroom verify`)") from None

    def check(self, sha256: str) -> str | None:
        """Return None if the blob is present and intact, else "missing" or "changed (now <hash>)"."""
        path = self.path_for(sha256)
        if not path.is_file():
            return "missing"
        actual = sha256_of_file(path)
        return None if actual == sha256 else f"changed (its bytes now hash to {actual})"
