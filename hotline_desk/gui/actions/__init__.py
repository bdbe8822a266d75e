"""The lifecycle actions on a case: the action buttons, the registry that finds each action's
dialog, and the dialogs themselves (routing, handling, replies, supervision, callbacks,
duplicates)."""
