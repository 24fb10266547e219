"""The self-contained HTML feedback report."""
