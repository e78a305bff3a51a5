"""The two fulfilment APIs and the environments a profile can point at."""

from __future__ import annotations

from enum import StrEnum


class Target(StrEnum):
    KA = "ka"
    NOMAD = "nomad"

    @property
    def label(self) -> str:
        return {"ka": "KA", "nomad": "Nomad"}[self.value]


class Environment(StrEnum):
    SANDBOX = "sandbox"
    TEST = "test"
    PRODUCTION = "production"


# The field that carries the operator's own order reference (the idempotency key) per target.
REFERENCE_FIELD: dict[Target, str] = {
    Target.KA: "customOrderId",
    Target.NOMAD: "clientOrderRef",
}
