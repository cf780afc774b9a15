"""Signing in: two-factor authentication, throttling and lock-out, and session expiry.

See docs/security.md for the controls and the reasons for them.
"""
