"""The fulfilment APIs an order can go to, and the environments a profile can point at.

Each API target is described once, by a `TargetSpec` registered here: its model, its client, its
credentials, its documented defaults, which profile settings name its account, its import
synonyms. The rest of the app asks the spec (``target.spec``) instead of naming a target, so
adding one means writing its model, its client and its spec (plus, for the window, a form in
`app.gui.forms`). The built-in specs, KA and Nomad, are `app.core.targets.ka.SPEC` and
`app.core.targets.nomad.SPEC`, registered on first use; `register` adds another.

`Target` is the target's id, a ``str`` ("ka", "nomad"): that is what the journal, settings and
command line store and compare. ``Target("ka")`` gives the one `Target.KA` object (so ``is``
works) and raises ValueError for an id nobody registered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from app.core.clients.base import OrderClient
    from app.core.importing.synonyms import Concept
    from app.core.models.base import WireModel
    from app.core.models.summary import Summariser
    from app.core.models.validation import ValidationResult
    from app.core.settings import Profile


class Environment(StrEnum):
    SANDBOX = "sandbox"
    TEST = "test"
    PRODUCTION = "production"


class Target(str):
    """A registered target's id. Compares, hashes and serialises as the id itself."""

    KA: ClassVar[Target]
    NOMAD: ClassVar[Target]

    def __new__(cls, value: str) -> Target:
        if isinstance(value, Target):
            return value
        if value not in _registry():
            known = ", ".join(_registry())
            raise ValueError(f"{value!r} is not a known target (known: {known})")
        return _interned(value)

    def __reduce__(self) -> tuple[Any, ...]:
        return Target, (str(self),)

    def __repr__(self) -> str:
        return f"Target({str(self)!r})"

    @property
    def value(self) -> str:
        """The id as a plain string (as stored in the journal and settings)."""
        return str(self)

    @property
    def spec(self) -> TargetSpec:
        try:
            return _registry()[str(self)]
        except KeyError:
            raise ValueError(f"target {str(self)!r} is no longer registered") from None

    @property
    def label(self) -> str:
        return self.spec.label


_INSTANCES: dict[str, Target] = {}


def _interned(value: str) -> Target:
    """The one Target object for ``value`` (created without the registry check)."""
    if value not in _INSTANCES:
        _INSTANCES[value] = str.__new__(Target, value)
    return _INSTANCES[value]


Target.KA = _interned("ka")
Target.NOMAD = _interned("nomad")


@dataclass(frozen=True)
class Credential:
    """One secret a target's client needs. It is kept in the OS keyring under the profile's name
    and ``name``; ``env_var`` wins over the keyring (automation); ``sandbox_default`` is what the
    built-in simulator expects, presented only to it."""

    name: str
    env_var: str
    sandbox_default: str | None = None


# (profile, its secrets by credential name, the URL to use) -> the client. Secrets are checked
# present before it is called; it raises ValueError naming any other setting that is missing.
ClientFactory = Callable[["Profile", Mapping[str, "str | None"], str], "OrderClient"]
# (the payloads as fresh dicts, strict, KA address key, already tidied) -> a result for each;
# see `validate_orders`.
Validator = Callable[[list[dict[str, Any]], bool, str, bool], "list[ValidationResult]"]


@dataclass(frozen=True, kw_only=True)
class TargetSpec:
    """Everything about one API target that the rest of the app must not hard-code."""

    id: str  # "ka": what the journal, settings and command line store
    label: str  # "KA": what an operator reads
    reference_field: str  # the wire field carrying the operator's reference (idempotency key)
    # The order model (field rules, field specs for forms and imports): the class, or a function
    # returning it, so that registering a target does not build its pydantic models (see
    # `order_model`).
    model: type[WireModel] | Callable[[], type[WireModel]]
    client: ClientFactory
    credentials: tuple[Credential, ...]
    # The whole local check, when it is more than the model's (KA's two address keys, province
    # warnings); None: the model alone decides (`app.core.models.validation.check_models`).
    validate: Validator | None = None
    # Documented hosts per environment (a sandbox profile has none: the simulator, or a URL).
    base_urls: Mapping[Environment, str] = field(default_factory=dict)
    # Documented request limit, applied to any server but the built-in simulator (None: none).
    rate_limit: float | None = None
    burst: int = 1
    # How long after an uncertain send the API's order query can be trusted to list the order
    # (`Profile.lookup_settle_seconds`); the built-in simulator needs no wait.
    lookup_settle: float
    # Profile settings that, with the base URL, name the account the orders are kept in.
    account_fields: tuple[str, ...] = ()
    # The target-specific profile settings it uses ("store", "stage", "address_key").
    profile_settings: tuple[str, ...] = ()
    # Header words of spreadsheet exports, mapped onto this target's fields by their leaf names.
    synonyms: tuple[Concept, ...]
    # Reads a journaled payload for the history's columns and order view (recipient, country,
    # address, lines); None: the history shows none of these for the target.
    summarise: Summariser | None = None
    # Fields the API leaves optional that an order the operator enters needs (a delivery's
    # street, city...): marked required in forms and the import mapping, checked by `validate`.
    needed_for_delivery: tuple[str, ...] = ()

    @property
    def target(self) -> Target:
        return _interned(self.id)

    def order_model(self) -> type[WireModel]:
        """The order model class, loaded now if the spec gave a function for it."""
        model = self.model
        if isinstance(model, type):
            return model
        return model()


_SPECS: dict[str, TargetSpec] = {}
_builtins_loaded = False


def _registry() -> dict[str, TargetSpec]:
    global _builtins_loaded
    if not _builtins_loaded:
        # Imported on first use, not at the top: the specs name models and clients, which
        # import this module.
        from app.core.targets import ka, nomad

        _SPECS.update({spec.id: spec for spec in (ka.SPEC, nomad.SPEC)})
        _builtins_loaded = True
    return _SPECS


def register(spec: TargetSpec) -> Target:
    """Add a target (or replace the spec of the same id); returns its `Target`."""
    _registry()[spec.id] = spec
    return _interned(spec.id)


def unregister(target: str) -> None:
    """Remove a target (tests that registered one of their own)."""
    _registry().pop(str(target), None)


def registered_targets() -> tuple[Target, ...]:
    """Every registered target, the built-in ones first."""
    return tuple(_interned(value) for value in _registry())
