import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _load_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "FIELD_ENCRYPTION_KEY"}}
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
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"
