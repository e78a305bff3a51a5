"""What the journal allows when a profile is edited or removed.

Orders are keyed on the account they went to (app.core.accounts), not on a profile's name, so a
rename or a second profile for the same account is always safe. What needs care is a profile
leaving its account (another URL, store, stage or target): orders accepted there do not guard the
new account (the same file sent again is created there, as it should be for another account), and
orders whose outcome is still open there need a profile that reaches the account to be settled.
The window and the command line word these facts for their readers; the rules live here.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.journal import HistoryFilter, Journal
from app.core.settings import Profile, Settings


@dataclass(frozen=True)
class ProfileChange:
    journaled: int  # orders the journal holds for the account the profile reached
    unsettled: int  # of those, queued, being sent or unknown
    account_changed: bool
    others_reach_old_account: bool  # another profile still reaches the old account

    @property
    def strands_orders(self) -> bool:
        """Refused: open orders of the old account would be left with no profile to settle
        them."""
        return self.account_changed and self.unsettled > 0 and not self.others_reach_old_account

    @property
    def leaves_sent_orders(self) -> bool:
        """Asked first: the new account knows nothing of the orders sent to the old one."""
        return self.account_changed and self.journaled > 0


def assess_change(journal: Journal, settings: Settings, old: Profile,
                  new: Profile) -> ProfileChange:
    return ProfileChange(
        journaled=journal.count(HistoryFilter(target=old.target, account=old.account)),
        unsettled=sum(journal.unsettled(old.target, old.account).values()),
        account_changed=(new.target, new.account) != (old.target, old.account),
        others_reach_old_account=_others_reach(settings, old),
    )


def unsettled_orders(journal: Journal, settings: Settings, name: str) -> int:
    """Queued, sending or unknown orders that removing profile ``name`` would leave with no
    profile to settle them (0 when another profile reaches the same account)."""
    profile = settings.profiles[name]
    if _others_reach(settings, profile):
        return 0
    return sum(journal.unsettled(profile.target, profile.account).values())


def _others_reach(settings: Settings, profile: Profile) -> bool:
    return any(other.name != profile.name and other.target is profile.target
               and other.account == profile.account for other in settings.profiles.values())
