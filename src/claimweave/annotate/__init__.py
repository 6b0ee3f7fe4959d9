"""Annotate: mentions of actors, places, dates, quantities and weapons.

Every finder takes ``(text, base=0, ...)`` and returns mentions whose offsets are
``base + index into text``, sorted by start, non-overlapping within one kind.
"""
