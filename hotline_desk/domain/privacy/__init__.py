"""Personal data in free text (issue 15): what it is (``findings``) and where (``detector``)."""
