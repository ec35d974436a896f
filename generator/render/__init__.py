"""Stage 4: render the model to Markdown pages and per-role MkDocs configs with Jinja2 templates."""
