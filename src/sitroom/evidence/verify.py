"""Re-hash every preserved blob and report what changed or went missing (``sitroom verify``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sitroom.evidence.blobs import BlobStore


@dataclass(frozen=True, slots=True)
class VerifyProblem:
    """One preserved source whose bytes (or WARC record) are not as acquired."""

    source_id: int
    source: str
    sha256: str
    what: str  # "raw bytes" or "WARC record"
    problem: str  # "missing" or "changed (...)"

    def __str__(self) -> str:
        return f"source {self.source_id} ({self.source}): {self.what} {self.sha256[:16]}… {self.problem}"


@dataclass(slots=True)
class VerifyReport:
    """What a verification found: how many sources and blobs were checked, and every problem."""

    sources: int = 0
    blobs: int = 0
    problems: list[VerifyProblem] = field(default_factory=list)
    unpreserved_documents: int = 0  # documents with no preserved source at all (not a failure: older data)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_evidence(repository, blobs: BlobStore, who: str, *, log: bool = True) -> VerifyReport:
    """Re-hash each preserved source's blob (and WARC record); log the outcome in its custody chain.

    ``log`` False checks without writing (a read-only look).
    """
    report = VerifyReport()
    entries = []
    for preserved in repository.evidence_sources():
        acquisition = preserved.acquisition
        report.sources += 1
        checks = [("raw bytes", acquisition.sha256)]
        if acquisition.warc_sha256:
            checks.append(("WARC record", acquisition.warc_sha256))
        found = []
        for what, sha256 in checks:
            report.blobs += 1
            problem = blobs.check(sha256)
            if problem is not None:
                found.append(VerifyProblem(preserved.source_id, acquisition.source, sha256, what, problem))
        report.problems.extend(found)
        detail = {"checked": [sha for _, sha in checks], "problems": [f"{p.what}: {p.problem}" for p in found]}
        entries.append((preserved.source_id, "verify-failed" if found else "verified", detail))
    if log and entries:
        repository.record_custody(entries, who)
    report.unpreserved_documents = repository.count_documents_without_evidence()
    return report
