"""Text analysis: Danish segmentation, prose extraction from Markdown and YAML, LIX."""
