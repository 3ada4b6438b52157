"""Events partnerships send to the apps above it, which it must never import."""

from django.dispatch import Signal

# Sent inside the transaction that moved a partnership along its lifecycle, with
# `partnership`, `from_state` and `to_state`. Receivers schedule after-commit work with
# `transaction.on_commit`, so nothing happens if the move is rolled back.
partnership_state_changed = Signal()
