"""How an answer is built (structure) and how it is said (expression), with evidence."""
