"""The left navigation: which item is the current page.

Sections nest (the queues live under /tasks/), so the longest matching prefix wins and exactly one
item is marked; the inbox is the home page itself.
"""

SECTIONS = (
    ("/dashboard/", "dashboard"),
    ("/my-directives/", "my_directives"),
    ("/notices/", "notices"),
    ("/tasks/verification/", "verification"),
    ("/tasks/extensions/", "extensions"),
    ("/tasks/", "tasks"),
    ("/my-tasks/", "my_tasks"),
    ("/meetings/", "meetings"),
    ("/agencies/", "agencies"),
    ("/reminders/", "reminders"),
    ("/working-days/", "working_days"),
    ("/accounts/lockouts/", "lockouts"),
    ("/accounts/users/", "accounts"),
    ("/api-keys/", "api_keys"),
)


def current_section(path: str) -> str:
    if path == "/":
        return "inbox"
    matches = [(len(prefix), name) for prefix, name in SECTIONS if path.startswith(prefix)]
    return max(matches)[1] if matches else ""


def navigation(request):
    return {"nav_current": current_section(request.path)}
