"""Qt canvas: items, scene, canvas, tiles and the render path."""
