"""The local REST server (``mentalens serve``) and its web page: FastAPI + uvicorn, optional extra
``mentalens[server]``. Importing this package imports nothing heavy; ``server.app`` needs fastapi.

    from mentalens.server.app import create_app
    from mentalens.server.settings import Settings
    app = create_app(Settings(port=8765))
"""
