"""The submission engine (Qt-free). Typical use::

    engine = SubmissionEngine(journal, lambda profile: make_client(profile, secrets))
    handle = engine.submit_batch(payloads, profile, on_progress=print)
    report = handle.wait()
"""

from __future__ import annotations

from app.core.engine.batch import BatchHandle, BatchReport
from app.core.engine.engine import ClientFactory, SubmissionEngine
from app.core.engine.policy import RetryPolicy
from app.core.engine.references import new_reference
from app.core.engine.results import OrderResult, Progress, ResultStatus

__all__ = [
    "BatchHandle",
    "BatchReport",
    "ClientFactory",
    "OrderResult",
    "Progress",
    "ResultStatus",
    "RetryPolicy",
    "SubmissionEngine",
    "new_reference",
]
