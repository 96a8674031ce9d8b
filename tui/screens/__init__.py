"""Screens of the app, one per module."""

__all__: list[str] = []
