"""Who enters the orders a journal records: the operator and the desk (computer), shown in the
history of a team journal, and the holder of the leases a sending process takes there."""

from __future__ import annotations

import getpass
import os
import socket
import uuid
from dataclasses import dataclass, field

OPERATOR_ENV = "ORDER_DESK_OPERATOR"
DESK_ENV = "ORDER_DESK_DESK_NAME"


@dataclass(frozen=True)
class DeskIdentity:
    operator: str  # the operator's name (their login unless set)
    desk: str  # the computer's name unless set
    # This process, among every desk's: a lease it holds names it, so a restarted desk never
    # mistakes the leases of its previous life (which must expire) for its own.
    holder: str = field(default_factory=lambda: uuid.uuid4().hex)


def this_desk() -> DeskIdentity:
    """``ORDER_DESK_OPERATOR`` and ``ORDER_DESK_DESK_NAME`` if set, else the login and host."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (some containers)
        login = ""
    operator = os.environ.get(OPERATOR_ENV) or login
    desk = os.environ.get(DESK_ENV) or socket.gethostname()
    return DeskIdentity(operator, desk)
