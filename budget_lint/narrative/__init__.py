"""The narrative (情况说明) read as claims: what it states about each quantity, figure by figure, with the
line each figure starts on. ``claims.read_narrative`` reads them; ``quantities.Quantities`` groups them by
quantity for the checks."""
