"""Admission: turn submitted payloads into journaled orders, deciding for each one whether it
is sent, resumed, reported as already done, or held back. Nothing reaches a client without passing
here.

The rules, in order:
- an order that fails the target's model is `invalid` and never journaled or sent;
- an order with the operator's reference is matched on it (in its account): already accepted ->
  reported, not sent; never created (queued, rejected, not sent, cancelled) -> queued again;
  possibly created (unknown) -> reconciled first;
- an order without one gets a generated reference, unless its content matches an earlier order of
  the same account: an unfinished earlier order with a generated reference is resumed under that
  reference (a re-run after a crash), one that may exist remotely is a suspected duplicate and is
  held back unless duplicates are allowed.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from app.core import phrases
from app.core.engine.references import new_reference
from app.core.engine.results import OrderResult, ResultStatus
from app.core.journal import (
    MAYBE_CREATED,
    DuplicateReferenceError,
    Journal,
    JournalError,
    OrderRecord,
    OrderState,
)
from app.core.models import content_fingerprint, reference_of, with_reference
from app.core.models.validation import ValidationResult, validate_orders
from app.core.outcome import FieldError
from app.core.phrases import fill
from app.core.settings import Profile

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Admitted:
    """An order to deliver: journaled, and part of this batch."""

    index: int
    order_id: int
    reference: str
    warnings: tuple[FieldError, ...] = ()  # what the check doubted, reported with the outcome
    # Claimed for sending in the transaction that journaled it (a batch's first orders, one
    # per worker): the order as claimed, its request not sent yet.
    claimed: OrderRecord | None = None
    # Journaled by this admission, not resumed: no other batch can be delivering it.
    added: bool = False


class Admission:
    def __init__(
        self,
        journal: Journal,
        profile: Profile,
        batch_id: int,
        *,
        allow_duplicates: bool,
        rng: random.Random,
        reference_factory: Callable[[random.Random], str] = new_reference,
    ) -> None:
        self._journal = journal
        self._profile = profile
        self._batch_id = batch_id
        self._allow_duplicates = allow_duplicates
        self._rng = rng
        self._new_reference = reference_factory
        self._references_seen: set[str] = set()

    def check(self, payloads: list[Any]) -> list[ValidationResult]:
        """The target's checks of ``payloads``, one result each: all at once, and outside any
        journal transaction (they need none, and other writers wait while one is open)."""
        results = validate_orders(self._profile.target, payloads,
                                  address_key=self._profile.address_key)
        for result in results:
            _ = result.wire  # written now, not on first reading inside `admit`'s transaction
        return results

    def admit(self, index: int, payload: dict[str, Any],
              checked: ValidationResult | None = None) -> Admitted | OrderResult:
        """Journal one order for sending (Admitted) or say why it is not sent (OrderResult).
        ``checked``: its result of `check`, when made already."""
        target = self._profile.target
        if checked is None:
            [checked] = self.check([payload])
        if not checked.ok or checked.wire is None:
            message = "; ".join(str(error) for error in checked.errors)
            return OrderResult(
                index,
                reference_of(target, payload) if isinstance(payload, dict) else None,
                ResultStatus.INVALID,
                message=message,
                field_errors=tuple(checked.errors),
                warnings=checked.warnings,
            )
        wire = checked.wire
        fingerprint = content_fingerprint(target, wire)
        reference = reference_of(target, wire)
        if reference:
            decision = self._admit_referenced(index, reference, wire, fingerprint)
        else:
            decision = self._admit_unreferenced(index, wire, fingerprint)
        return replace(decision, warnings=checked.warnings)

    def _admit_referenced(
        self, index: int, reference: str, wire: dict[str, Any], fingerprint: str
    ) -> Admitted | OrderResult:
        if reference in self._references_seen:
            return OrderResult(
                index, reference, ResultStatus.INVALID,
                message=fill(phrases.REFERENCE_TWICE, reference),
            )
        self._references_seen.add(reference)
        existing = self._journal.find(self._profile.target, self._profile.account, reference)
        if existing is None:
            try:
                return self._add(index, reference, wire, fingerprint, generated=False)
            except DuplicateReferenceError:
                # Another desk of the team journal journaled it a moment ago: theirs it is.
                existing = self._journal.find(self._profile.target, self._profile.account,
                                              reference)
                if existing is None:
                    raise
        return self._resume(index, existing, wire, fingerprint)

    def lock_order(self, payload: object) -> str:
        """A chunk admitted in this order of references takes its rows' locks in the same order
        on every desk of a team journal, so two desks admitting overlapping files never wait
        for each other in a circle."""
        if not isinstance(payload, dict):
            return ""
        return reference_of(self._profile.target, payload) or ""

    def _admit_unreferenced(
        self, index: int, wire: dict[str, Any], fingerprint: str
    ) -> Admitted | OrderResult:
        earlier = [
            record
            for record in self._journal.same_content(
                self._profile.target, self._profile.account, fingerprint
            )
            if record.batch_id != self._batch_id  # identical orders within one file are allowed
        ]
        resumable = next(
            (r for r in earlier if r.reference_generated and r.state is not OrderState.ACCEPTED),
            None,
        )
        if resumable is not None:
            reference = resumable.reference
            wire = with_reference(self._profile.target, wire, reference)
            return self._resume(index, resumable, wire, fingerprint)
        suspect = next((r for r in earlier if r.state in MAYBE_CREATED), None)
        if suspect is not None and not self._allow_duplicates:
            return OrderResult(
                index,
                None,
                ResultStatus.DUPLICATE,
                message=fill(phrases.SAME_CONTENT_HELD, suspect.reference, suspect.state.value),
                order_id=suspect.id,
            )
        reference = self._new_reference(self._rng)
        wire = with_reference(self._profile.target, wire, reference)
        return self._add(index, reference, wire, fingerprint, generated=True)

    def _add(
        self, index: int, reference: str, wire: dict[str, Any], fingerprint: str, *, generated: bool
    ) -> Admitted:
        record = self._journal.add_order(
            self._profile.target,
            self._profile.account,
            reference,
            _exact_json(wire),
            fingerprint,
            generated=generated,
            batch_id=self._batch_id,
            profile=self._profile.name,
        )
        return Admitted(index, record.id, reference, added=True)

    def _resume(
        self, index: int, existing: OrderRecord, wire: dict[str, Any], fingerprint: str
    ) -> Admitted | OrderResult:
        state = existing.state
        if state is OrderState.ACCEPTED:
            message = phrases.ALREADY_ACCEPTED
            differs = existing.fingerprint != fingerprint
            if differs:
                # A corrected order under a used reference: say so, or the change is lost unseen.
                message = phrases.ALREADY_ACCEPTED_DIFFERENT
            return OrderResult(
                index,
                existing.reference,
                ResultStatus.ACCEPTED,
                remote_id=existing.remote_id,
                message=message,
                order_id=existing.id,
                previously=True,
                content_differs=differs,
            )
        if state in (OrderState.UNKNOWN, OrderState.SENDING):
            # It may exist remotely as it was journaled: keep that payload, reconcile first.
            self._journal.adopt(existing.id, self._batch_id)
        else:
            try:
                self._journal.requeue(
                    existing.id,
                    batch_id=self._batch_id,
                    payload_json=_exact_json(wire),
                    fingerprint=fingerprint,
                )
            except JournalError:
                # Another desk of the team journal claimed it since it was read: decide again
                # from where it stands now.
                current = self._journal.get(existing.id)
                if current.state is state:
                    raise
                return self._resume(index, current, wire, fingerprint)
        log.info("resuming order %s (was %s)", existing.reference, state.value)
        return Admitted(index, existing.id, existing.reference)


def _exact_json(wire: dict[str, Any]) -> str:
    """The payload as journaled; the client is handed exactly this back."""
    return json.dumps(wire, ensure_ascii=False)
