"""Alongside: a peer mentorship platform for eating-disorder recovery."""
