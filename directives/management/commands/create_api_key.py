"""Issue an API key from the command line: `python manage.py create_api_key USER --name NAME`.

Prints the key once on stdout (only its hash is stored), so a script can capture it.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from directives.api.auth import api_key_create


class Command(BaseCommand):
    help = "Cấp khóa API cho một tài khoản; in khóa ra một lần duy nhất."

    def add_arguments(self, parser):
        parser.add_argument("username", help="tên đăng nhập của tài khoản gắn với khóa")
        parser.add_argument("--name", default="", help="tên hệ thống dùng khóa (mặc định: 'Khóa của USER')")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        if not user.is_active:
            raise CommandError(f"Tài khoản “{username}” đã bị khóa.")
        _key, raw = api_key_create(user=user, name=name or f"Khóa của {username}", actor=None)
        self.stdout.write(raw)
