"""WSGI entry point, served by waitress through `trustplan serve`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustplan.config.settings")
application = get_wsgi_application()
