"""The bundled synthetic demo corpus: which of its files are documents.

MANIFEST.json in the corpus folder lists every document's file; the folder's
README, the manifest itself and the security probes are not part of the demo.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from sitroom.errors import DataPackError


def demo_corpus_folder() -> Path:
    """Return the folder of the installed demo corpus."""
    return Path(str(resources.files("sitroom.data").joinpath("demo")))


def demo_corpus_files() -> list[Path]:
    """Return the demo corpus's document files, in manifest order, each once."""
    folder = demo_corpus_folder()
    manifest_path = folder / "MANIFEST.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        names = [entry["file"] for entry in manifest["documents"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DataPackError(f"{manifest_path}: demo manifest missing or invalid ({error}); reinstall sitroom") from None
    files = [folder / name for name in dict.fromkeys(names)]
    missing = [str(path) for path in files if not path.exists()]
    if missing:
        raise DataPackError(f"demo corpus files listed in {manifest_path} are missing: {', '.join(missing)}")
    return files
