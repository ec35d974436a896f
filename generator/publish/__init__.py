"""Stage 6: put a finished output folder in place in one step."""

from generator.publish.atomic import OutputSwap, check_output_path

__all__ = ["OutputSwap", "check_output_path"]
