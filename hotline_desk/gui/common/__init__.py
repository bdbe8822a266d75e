"""What every window and page shares: the change bus, the background task runner, shared
widgets and form parts, labels in the UI language, error dialogs."""
