# Theo dõi kết luận: one image for the web server, the Celery worker and the beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles

WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-vie poppler-utils \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 theodoi
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY --chown=theodoi:theodoi . .
# Static files are collected into the image (outside the "var" volume, which would otherwise keep
# the files of an older image), so no CDN and no volume are needed to serve them.
RUN DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=collectstatic-only \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/var/mail /app/var/media \
 && chown -R theodoi:theodoi /app/var
USER theodoi

EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--worker-class", "sync", "--workers", "4", "--access-logfile", "-"]
