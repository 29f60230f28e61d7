"""/api/: the REST API (v1), its OpenAPI schema and docs; /api-keys/: the office's key page.

Mounted from config/urls.py with one include. API views authenticate by key or session
themselves, so the site's login-required middleware lets them through and a request without
credentials gets a JSON 401 instead of the login page.
"""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from directives.api import keys, views, writes


class IdConverter:
    """A row id: 1 to 18 digits. Anything else (a negative number, a number past what the database
    holds) matches no URL of the API instead of reaching a query."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")


def _open(view_class, **kwargs):
    return login_not_required(view_class.as_view(**kwargs))


# The docs draw their icons from data: URLs, and ReDoc styles itself by inserting <style> elements
# and searches in a worker made from a blob:. These two pages alone may do so: they show the
# schema, which is public, and nothing of the data.
_docs_policy = csp_update({"img-src": ["data:"]})
_redoc_policy = csp_update({"img-src": ["data:"], "style-src": [UNSAFE_INLINE], "worker-src": ["blob:"]})
_swagger = _docs_policy(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="directives/api/swagger_ui.html")
)
_redoc = _redoc_policy(SpectacularRedocView.as_view(url_name="api:schema", template_name="directives/api/redoc.html"))


v1 = [
    path("documents/", _open(writes.DocumentListView), name="document-list"),
    path("documents/<id:pk>/", _open(views.DocumentDetailView), name="document-detail"),
    path("tasks/", _open(views.TaskListView), name="task-list"),
    path("tasks/<id:pk>/", _open(views.TaskDetailView), name="task-detail"),
    path("tasks/<id:pk>/history/", _open(views.TaskHistoryView), name="task-history"),
    path("tasks/<id:pk>/reports/", _open(writes.TaskReportsView), name="task-reports"),
    path("tasks/<id:pk>/completion/", _open(writes.TaskCompletionView), name="task-completion"),
    path("tasks/<id:pk>/extensions/", _open(writes.TaskExtensionsView), name="task-extensions"),
    path("tasks/<id:pk>/verify/", _open(writes.TaskVerifyView), name="task-verify"),
    path("tasks/<id:pk>/return/", _open(writes.TaskReturnView), name="task-return"),
    path("extensions/<id:pk>/decision/", _open(writes.ExtensionDecisionView), name="extension-decision"),
    path("attachments/<id:pk>/", _open(views.AttachmentDownloadView), name="attachment-download"),
    path("agencies/", _open(views.AgencyListView), name="agency-list"),
    path("dashboard/", _open(views.DashboardView), name="dashboard"),
]

api = [
    path("v1/", include(v1)),
    path("schema/", _open(SpectacularAPIView), name="schema"),
    # The split view serves Swagger UI's start-up script as a file (?script): no inline script.
    path("docs/", login_not_required(_swagger), name="docs"),
    path("redoc/", login_not_required(_redoc), name="redoc"),
]

urlpatterns = [
    path("api/", include((api, "api"))),
    path("api-keys/", keys.api_key_list, name="api_key_list"),
    path("api-keys/<id:pk>/revoke/", keys.api_key_revoke_view, name="api_key_revoke"),
]
