"""The demo generator (``hotline-desk demo``): demo users for every role and N realistic
cases over the last year, in every stage, bulk-inserted with their timelines. Not a use
case of the desk; it only ever fills a database made for it."""
