"""The ways out. Each module offers a class with the ``Transport`` protocol of ``base``.

A transport knows nothing of campaigns or the database; only entry points
build one (``build_transport``).
"""
