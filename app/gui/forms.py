"""The order form the window shows for each target: the GUI's half of the target registry
(`app.core.targets` holds the rest; the core cannot name Qt classes). The window offers the
registered targets that have a form here, and knows nothing else about any of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.core.models.specs import field_specs
from app.core.targets import Target
from app.gui.drafts import RecentValues
from app.gui.ka_form import KaOrderForm
from app.gui.ka_quote_panel import KaQuotePanel
from app.gui.nomad_form import NomadOrderForm
from app.gui.order_form import OrderForm
from app.gui.workers import WorkerPool

if TYPE_CHECKING:
    from app.core.clients import OrderClient
    from app.core.clients.ka import KaClient
    from app.core.models import ValidationResult


@dataclass(frozen=True)
class FormServices:
    """What the window lends a target's form."""

    validate: Callable[[dict[str, Any]], ValidationResult]  # with the profile in use's settings
    recent: RecentValues
    # The client of the profile in use; raises ValueError saying what is missing. Called on
    # worker threads.
    client: Callable[[], OrderClient]
    workers: WorkerPool


def _ka_form(services: FormServices) -> OrderForm:
    form = KaOrderForm(field_specs(Target.KA), services.validate, services.recent)

    def ka_client() -> KaClient:
        # Imported here, on the worker thread that asks for a quote: the window's start needs
        # no HTTP client.
        from app.core.clients.ka import KaClient

        client = services.client()
        assert isinstance(client, KaClient)
        return client

    form.add_quote_panel(KaQuotePanel(ka_client, form.quote_request, services.workers))
    return form


def _nomad_form(services: FormServices) -> OrderForm:
    return NomadOrderForm(field_specs(Target.NOMAD), services.validate, services.recent)


FORMS: dict[Target, Callable[[FormServices], OrderForm]] = {
    Target.KA: _ka_form,
    Target.NOMAD: _nomad_form,
}


class FormSet(Mapping[Target, OrderForm]):
    """The window's forms, one per target, each built when first asked for: the form of the
    target in use before the first paint, the others behind it. Iterating names every target;
    `built` holds only the forms that exist (whose state is worth saving). ``fill`` runs once
    the new form is in `built`: loading a draft may validate it, which asks for the form."""

    def __init__(self, targets: Sequence[Target], build: Callable[[Target], OrderForm],
                 fill: Callable[[Target, OrderForm], None]) -> None:
        self._targets = tuple(targets)
        self._build = build
        self._fill = fill
        self.built: dict[Target, OrderForm] = {}

    def __getitem__(self, target: Target) -> OrderForm:
        form = self.built.get(target)
        if form is None:
            if target not in self._targets:
                raise KeyError(target)
            form = self.built[target] = self._build(target)
            self._fill(target, form)
        return form

    def __iter__(self) -> Iterator[Target]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)
