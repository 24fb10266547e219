"""Settings and session history on the user's own machine."""
