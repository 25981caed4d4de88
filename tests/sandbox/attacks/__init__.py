"""One module per attack on the grader. Each defines `answer(ctx: AttackContext) -> str`: the
model's whole answer text, and may set `EXPLANATION` (text the score explanation must contain).
Adding an attack is adding a file here."""
