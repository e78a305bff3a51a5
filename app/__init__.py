"""Order Desk: order entry and reliable submission to the KA and Nomad fulfilment APIs."""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("order-desk")
except metadata.PackageNotFoundError:  # frozen build without dist-info, or a bare source tree
    __version__ = "0.1.0"
