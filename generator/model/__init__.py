"""Stage 3: the typed, immutable model and the per-role views derived from it."""

from generator.model.build import build_model
from generator.model.types import Project
from generator.model.views import RoleView, role_view

__all__ = ["Project", "RoleView", "build_model", "role_view"]
