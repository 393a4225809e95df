from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "lapor.deadlines"
    label = "deadlines"
