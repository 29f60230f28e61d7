# Theo dõi kết luận: `make run` starts the product with demo data; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in reminder mail point here; it follows HOST and PORT unless set.
SITE_URL ?= http://$(HOST):$(PORT)
DEMO_PASSWORD ?= demo
# The demo province: the chasing letter's heading and place.
PROVINCE_NAME ?= Bắc Giang
PYTEST_ARGS ?=

.PHONY: run test install system-packages browser migrate demo lint bench bench-ocr bench-load clean

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Cần Python 3.11 ($(PYTHON)); đặt PYTHON=... nếu nó có tên khác."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

install: $(VENV)/.installed

# Scanned notices and photos are read by Tesseract with its Vietnamese model; pdftoppm
# (poppler-utils) turns a scanned PDF's pages into images. Without them the import says what to
# install and everything else works, so a failed install only warns.
OCR_PACKAGES := tesseract-ocr tesseract-ocr-vie poppler-utils
system-packages:
	@if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx vie \
	    || ! command -v pdftoppm >/dev/null 2>&1; then \
	  echo "Cài Tesseract (tiếng Việt) và poppler-utils từ kho Debian để đọc bản scan, ảnh chụp..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(OCR_PACKAGES) >/dev/null; } \
	    || echo "Chưa cài được $(OCR_PACKAGES): nhập bản scan sẽ báo thiếu công cụ, các phần khác vẫn chạy."; \
	fi

# The browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
# The import tests build PDFs with Vietnamese text in DejaVu Sans, and read them back by OCR.
DEJAVU := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
browser: system-packages
	@if [ ! -x /usr/bin/chromium ] || [ ! -f $(DEJAVU) ]; then \
	  echo "Cài Chromium và phông DejaVu từ kho Debian cho các kiểm thử..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	fi

migrate: install
	DEBUG=1 $(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(PY) manage.py seed_demo --password $(DEMO_PASSWORD)

# The web server and a Celery worker with beat, on the embedded defaults (SQLite, the broker and
# mail under var/). Ctrl+C stops both.
run: demo system-packages
	@echo ""
	@echo "  Theo dõi kết luận: http://$(HOST):$(PORT)/"
	@echo "  Đăng nhập (mật khẩu: $(DEMO_PASSWORD)): office (Văn phòng), leader (Lãnh đạo),"
	@echo "  soyte (Sở Y tế), soyte_truong (lãnh đạo Sở Y tế), sotttt (Sở TT&TT), lucngan (UBND huyện Lục Ngạn)"
	@echo "  Thư nhắc việc được ghi vào var/mail/"
	@echo ""
	@# Reminders of the demo notice's eve (25/06/2021), so var/mail/ shows them at once; a second
	@# run sends nothing. The beat then sweeps for today every 15 minutes.
	@DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py send_reminders --at "2021-06-25 07:00" | tail -1
	@DEBUG=1 SITE_URL=$(SITE_URL) PROVINCE_NAME="$(PROVINCE_NAME)" $(VENV)/bin/celery -A config worker --beat --loglevel=INFO --concurrency=1 \
	    --schedule=var/celerybeat-schedule > var/celery.log 2>&1 & \
	  worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  DEBUG=1 SITE_URL=$(SITE_URL) PROVINCE_NAME="$(PROVINCE_NAME)" $(PY) manage.py runserver $(HOST):$(PORT)

test: install browser
	$(PY) -m pytest $(PYTEST_ARGS)

# Style (ruff) and the architecture's contracts (import-linter, in pyproject.toml).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

bench: install
	$(PY) benchmarks/bench_reader.py

# OCR of rendered scans and photos of the seeds and the dev set (../shared/dev-notices): minutes.
bench-ocr: install browser
	$(PY) benchmarks/bench_ocr.py $(BENCH_ARGS)

# 50 people at once against gunicorn on PostgreSQL: needs DATABASE_URL, a database of its own
# (it loads 100,000 tasks into an empty one). Locust and pyinstrument come from requirements-bench.txt.
$(VENV)/.installed-bench: requirements-bench.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-bench.txt
	@touch $@

bench-load: $(VENV)/.installed-bench
	@test -n "$$DATABASE_URL" || { echo "Đặt DATABASE_URL=postgres://... (một cơ sở dữ liệu riêng cho phép đo)."; exit 1; }
	$(PY) benchmarks/bench_load.py $(BENCH_ARGS)

clean:
	rm -rf var .pytest_cache .hypothesis
