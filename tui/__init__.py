"""The crossread terminal app (textual); ``tui.app.run_app`` is the entry point."""

__all__: list[str] = []
