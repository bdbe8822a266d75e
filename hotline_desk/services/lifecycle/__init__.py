"""Moving a case through its lifecycle: the one transition pipeline every action runs
through, the facts its rules read, routing and returns, the section's handling, the reply
and its approval, reply templates."""
