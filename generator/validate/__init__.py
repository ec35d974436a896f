"""Stage 2: validation. Every error in the project, at once, with its file, line and column."""

from generator.validate.validator import ValidProject, iter_markdown, validate

__all__ = ["ValidProject", "iter_markdown", "validate"]
