"""Events intake sends to the apps above it."""

from django.dispatch import Signal

# Sent after a peer's intake is saved, with `peer` and `changed` (the set of field names whose
# value changed). Partnerships records agreement changes from it for the peer to see.
intake_changed = Signal()
