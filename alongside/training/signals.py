"""Events training sends to the apps above it, which it must never import."""

from django.dispatch import Signal

# Sent inside the transaction that approved or reinstated a mentor, with `mentor`.
# Receivers schedule after-commit work with `transaction.on_commit`.
mentor_approved = Signal()
