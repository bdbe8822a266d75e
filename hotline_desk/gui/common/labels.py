"""Former home of the display helpers, now ``gui/common/words.py``; kept only because
``shell/main_window.py`` (being rewritten by the lifecycle-actions work) still imports from here.
Import ``hotline_desk.gui.common.words`` in new code; delete this module with that rewrite."""

from __future__ import annotations

from hotline_desk.gui.common.words import label, roles_text

__all__ = ["label", "roles_text"]
