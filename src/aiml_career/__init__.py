"""aiml-career: explore the AI/ML career ladder from the command line."""

__version__ = "0.1.0"
