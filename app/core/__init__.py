"""The Qt-free core: models, clients, journal, engine, import, settings and secrets."""
