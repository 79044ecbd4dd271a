"""The ladder as data: its model and file format, loading and checking it, the index and lookups
(names, requirements, levels, prerequisites, places to learn). Imports nothing above it."""
