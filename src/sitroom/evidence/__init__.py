"""sitroom evidence stage: every source's raw bytes kept, content-addressed, with its chain of custody.

Public API: :class:`BlobStore` (the SHA-256 addressed folder), :class:`EvidenceKeeper`
(preserve a file or a download and link documents to it), :func:`verify_evidence`.
"""

from sitroom.evidence.blobs import BlobStore
from sitroom.evidence.keeper import EvidenceKeeper, tool_version
from sitroom.evidence.verify import VerifyProblem, VerifyReport, verify_evidence

__all__ = ["BlobStore", "EvidenceKeeper", "VerifyProblem", "VerifyReport", "tool_version", "verify_evidence"]
