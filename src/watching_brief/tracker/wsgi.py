"""WSGI entry point for app servers."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "watching_brief.tracker.settings")
application = get_wsgi_application()
