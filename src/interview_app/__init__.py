"""Interview Coach: practise job interviews aloud and get feedback a consultant can trust."""

__version__ = "0.1.0"
