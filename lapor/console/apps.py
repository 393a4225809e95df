from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "lapor.console"
    label = "console"
    verbose_name = "Console"
