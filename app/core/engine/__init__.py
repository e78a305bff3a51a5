"""The submission engine (Qt-free). Typical use::

    engine = SubmissionEngine(journal, lambda profile: make_client(profile, secrets))
    handle = engine.submit_batch(payloads, profile, on_progress=print)
    report = handle.wait()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.lazy import lazy_exports

if TYPE_CHECKING:
    from app.core.engine.aftersale import CancelResult, StatusResult
    from app.core.engine.batch import BatchHandle, BatchReport
    from app.core.engine.engine import ClientFactory, SubmissionEngine
    from app.core.engine.policy import RetryPolicy
    from app.core.engine.references import new_reference
    from app.core.engine.results import OrderResult, Progress, ResultStatus

# Loaded on first use (app.core.lazy): the result types are light, the engine brings the models.
__getattr__ = lazy_exports(__name__, {
    "BatchHandle": "batch",
    "BatchReport": "batch",
    "CancelResult": "aftersale",
    "StatusResult": "aftersale",
    "ClientFactory": "engine",
    "SubmissionEngine": "engine",
    "RetryPolicy": "policy",
    "new_reference": "references",
    "OrderResult": "results",
    "Progress": "results",
    "ResultStatus": "results",
})

__all__ = [
    "BatchHandle",
    "BatchReport",
    "CancelResult",
    "ClientFactory",
    "OrderResult",
    "Progress",
    "ResultStatus",
    "RetryPolicy",
    "StatusResult",
    "SubmissionEngine",
    "new_reference",
]
