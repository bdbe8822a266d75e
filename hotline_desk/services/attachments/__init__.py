"""Files kept with a case (附件): what a file may be (``content``), and adding, listing, opening,
saving and withdrawing them (``files``)."""
