"""Throttling shared by every app: the client's address and per-account, per-address limits.

It sits below all the apps (they may all import it; it imports none of them), so a view in
any layer limits requests the same way and sees the same client address as django-axes.
"""
