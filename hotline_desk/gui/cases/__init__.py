"""Case views: the lazy case list and its model, the detail pane with its timeline and
records, the registration form and page, the inbox, duplicates while typing, exporting a
list."""
