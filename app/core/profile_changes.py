"""What the journal allows when a profile is edited, renamed or removed.

The journal keys every order's reference on its profile's name, so a profile that has sent
orders must keep meaning the same account: it keeps its target, a move to another address is
only made knowingly, and it is not removed while its orders are unsettled. The window and the
command line word these facts for their readers; the rules live here.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.journal import HistoryFilter, Journal, OrderState
from app.core.settings import Profile


@dataclass(frozen=True)
class ProfileChange:
    journaled: int  # orders the journal holds under the profile as it was
    in_flight: int  # of those, queued or being sent right now
    target_changed: bool
    destination_changed: bool  # another environment, URL, store or stage
    renamed: bool

    @property
    def target_locked(self) -> bool:
        """Refused: the references belong to the profile's API."""
        return bool(self.journaled) and self.target_changed

    @property
    def rename_waits(self) -> bool:
        """Refused for now: orders being sent would be journaled under the old name."""
        return self.renamed and self.in_flight > 0

    @property
    def moves_sent_orders(self) -> bool:
        """Allowed knowingly: accepted references stay with the profile at its new address."""
        return bool(self.journaled) and self.destination_changed


def assess_change(journal: Journal, old: Profile, new: Profile) -> ProfileChange:
    unsettled = journal.unsettled(old.name)
    return ProfileChange(
        journaled=journal.count(HistoryFilter(target=old.target, profile=old.name)),
        in_flight=unsettled.get(OrderState.QUEUED, 0) + unsettled.get(OrderState.SENDING, 0),
        target_changed=new.target is not old.target,
        destination_changed=new.destination != old.destination,
        renamed=new.name != old.name,
    )


def unsettled_orders(journal: Journal, name: str) -> int:
    """Queued, sending or unknown orders of a profile: while there are any, removing it would
    leave them with nobody to reconcile them."""
    return sum(journal.unsettled(name).values())
