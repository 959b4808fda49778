"""Content parts: each loads its folder, hands texts to the gate and renders pages.

A part is a module with `load(project) -> (state, findings)`, `texts(state) -> [Text]`,
`render(state, output, context)` and `owns(path, project) -> bool` (for `check PATH`).
"""
