"""Running the next meeting: the series calendar, planned themes and question sets."""
