import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _load_settings(
    env: dict[str, str], drop: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    unset = {"SECRET_KEY", "FIELD_ENCRYPTION_KEY", *drop}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import lapor.settings as s; print(s.DEBUG, s.LANGUAGE_CODE, s.TIME_ZONE)",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_development_needs_no_configuration():
    result = _load_settings({"LAPOR_ENV": "development"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "id", "Asia/Jakarta"]


def test_production_refuses_to_start_without_a_secret_key():
    result = _load_settings({"LAPOR_ENV": "production"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_an_encryption_key():
    result = _load_settings({"LAPOR_ENV": "production", "SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEY must be set" in result.stderr


def test_production_starts_with_its_secrets():
    result = _load_settings(
        {
            "LAPOR_ENV": "production",
            "SECRET_KEY": "x" * 50,
            "FIELD_ENCRYPTION_KEY": "y" * 50,
            "ALLOWED_HOSTS": "lapor.go.id",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


PRODUCTION_SECRETS = {
    "LAPOR_ENV": "production",
    "SECRET_KEY": "x" * 50,
    "FIELD_ENCRYPTION_KEY": "y" * 50,
    "ALLOWED_HOSTS": "lapor.go.id",
}


def test_production_refuses_to_print_e_mail():
    """E-mails carry one-time codes and what officials write to reporters: production
    never falls back to printing them into the server's output (issue 9 review)."""
    for backend in (
        None,  # not set: development's console backend is no default for production
        "",
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "lapor.demo.mail.ConsoleSummaryEmailBackend",  # make run's printer
    ):
        if backend is None:
            result = _load_settings(dict(PRODUCTION_SECRETS), drop=("EMAIL_BACKEND",))
        else:
            result = _load_settings({**PRODUCTION_SECRETS, "EMAIL_BACKEND": backend})
        assert result.returncode != 0, backend
        assert "EMAIL_BACKEND must be set in production" in result.stderr, backend


def test_production_starts_with_a_sending_e_mail_backend():
    result = _load_settings(
        {**PRODUCTION_SECRETS, "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}
    )
    assert result.returncode == 0, result.stderr
