"""The indicator data and needs assessment fixtures, for the upload checks of those pages."""

from tests.measures.conftest import kpi_data  # noqa: F401 - a fixture, used by name
from tests.needs.conftest import needs_data  # noqa: F401 - a fixture, used by name
