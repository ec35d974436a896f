"""Stage 1: read the project from disk into position-carrying YAML nodes and texts."""

from generator.load.nodes import Mapping, Node, Scalar, Sequence
from generator.load.project import RawProject, SourceDoc, TextFile, load_project

__all__ = ["Mapping", "Node", "RawProject", "Scalar", "Sequence", "SourceDoc", "TextFile", "load_project"]
