"""Screens over the browser: pick a role, a full-page answer, the list of keys."""
