"""Stage 6: put a finished output folder in place in one step; put parts built apart together."""

from generator.publish.atomic import OutputSwap, check_output_path
from generator.publish.parts import collect_parts, copy_sites, plan_chunks

__all__ = ["OutputSwap", "check_output_path", "collect_parts", "copy_sites", "plan_chunks"]
