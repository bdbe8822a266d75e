"""``hotline-desk screenshots``: every main view and dialog rendered offscreen to PNG as the
demo users see them (``helpers`` is the public API the capability modules use)."""
