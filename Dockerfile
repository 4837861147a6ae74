# Safehold web, worker and beat image. Build: docker build -t safehold .
# The same image runs gunicorn (default), `celery -A config worker` and `celery -A config beat`.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's native libraries (Pango, HarfBuzz, JPEG) and a font for the PDF reports.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libjpeg62-turbo fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# Static files are collected at build time with the production storage (hashed, compressed).
# The key below only exists for this build step; the running container must be given its own.
RUN DEBUG=0 SECRET_KEY=build-time-only-not-a-secret python manage.py collectstatic --noinput

# Run as an unprivileged user; it owns only var/ (media uploads, beat schedule).
RUN useradd --system --create-home --home-dir /home/safehold --uid 10001 safehold \
    && mkdir -p /app/var/media \
    && chown -R safehold:safehold /app/var
USER safehold

ENV DEBUG=0
EXPOSE 8000

CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
