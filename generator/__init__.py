"""journeys: role-based learning journeys from YAML to static MkDocs sites."""

__version__ = "0.1.0"
