"""The assessment wizard's logic, free of Textual and of the database: which steps and
questions an assessment asks, in what order, and what the answers trigger."""
