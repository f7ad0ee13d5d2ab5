# Watching Brief: every task goes through this file; the README and CI call these targets.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(PYTHON) -m uv
RUN := $(UV) run --frozen
SHARED ?= ../shared
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

.PHONY: install
install: ## install uv (via pip) when missing, then the locked environment, byte-compiled
## (byte-compiled ahead: with PYTHONDONTWRITEBYTECODE set, every start would compile again)
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv \
		|| $(PYTHON) -m pip install --quiet --user uv
	@$(UV) sync --frozen --quiet --compile-bytecode
	@$(RUN) python -m compileall -q src >/dev/null
	@npm ci --no-audit --no-fund --silent --ignore-scripts
	@npm run build --silent

.PHONY: system-deps
system-deps: ## Debian packages: DejaVu fonts and Pango/HarfBuzz for the generated PDFs (WeasyPrint) (root, or sudo)
	@missing=""; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	for lib in libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0 \
		libharfbuzz-subset.so.0:libharfbuzz-subset0; do \
		ldconfig -p 2>/dev/null | grep -q "$${lib%%:*}" || missing="$$missing $${lib#*:}"; done; \
	[ -z "$$missing" ] || { \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; }

.PHONY: browser-deps
browser-deps: system-deps ## Debian's chromium for the browser tests, and Java for the Nu HTML Checker (root, or sudo)
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	[ -z "$$missing" ] || { \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; }

.PHONY: office-deps
office-deps: system-deps ## Debian packages that write and read the test PDFs: LibreOffice, OCRmyPDF with Tesseract, poppler (root, or sudo)
	@missing=""; \
	for pair in soffice:libreoffice-writer-nogui ocrmypdf:ocrmypdf tesseract:tesseract-ocr \
		pdftoppm:poppler-utils; do \
		command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	[ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] \
		|| [ -f /usr/share/tesseract-ocr/4.00/tessdata/eng.traineddata ] \
		|| missing="$$missing tesseract-ocr-eng"; \
	[ -z "$$missing" ] || { \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; }

.PHONY: demo
demo: install system-deps ## run the main job on the bundled example notes
	@$(RUN) brief demo

.PHONY: test
test: install browser-deps office-deps lint ## run every test: lint, types, migrations, all layers (browser too) on SQLite, tracker on PostgreSQL
	$(RUN) pytest -n auto
	$(MAKE) --no-print-directory test-postgres

.PHONY: browser
browser: install browser-deps ## only the browser journeys (Playwright driving Debian's chromium)
	$(RUN) pytest tests/browser

.PHONY: test-postgres
test-postgres: install ## the tracker and CLI tests against the PostgreSQL server (POSTGRES_URL)
	DATABASE_URL=$(POSTGRES_URL) $(RUN) pytest -n auto tests/tracker

.PHONY: lint
lint: install ## ruff, formatting and mypy (strict on the extraction core)
	$(RUN) ruff check src tests benchmarks
	$(RUN) ruff format --check src tests benchmarks
	BRIEF_TESTING=1 $(RUN) mypy src/watching_brief
	BRIEF_TESTING=1 BRIEF_DATA_DIR=$$(mktemp -d) $(RUN) python manage.py makemigrations --check --dry-run

.PHONY: fix
fix: install ## apply ruff's fixes and formatting
	$(RUN) ruff check --fix src tests benchmarks
	$(RUN) ruff format src tests benchmarks

.PHONY: golden
golden: install ## score the extractor against every gold file
	$(PYTHON) $(SHARED)/tools/score_extraction.py --gold $(SHARED)/corpus/seeds \
		--cmd "$(RUN) brief extract {input} --format json" -v
	$(PYTHON) $(SHARED)/tools/score_extraction.py --gold tests/fixtures/documents \
		--cmd "$(RUN) brief extract {input} --format json" -v
	$(PYTHON) $(SHARED)/tools/score_extraction.py --gold examples \
		--cmd "$(RUN) brief extract {input} --format json" -v
	$(PYTHON) $(SHARED)/tools/score_extraction.py --gold $(SHARED)/corpus/real \
		--cmd "$(RUN) brief extract {input} --format json" -v
	$(PYTHON) $(SHARED)/tools/score_extraction.py --gold $(SHARED)/corpus/real-files \
		--cmd "$(RUN) brief extract {input} --format json" -v

.PHONY: bench-deps
bench-deps: system-deps ## Debian's wrk, the load generator of the web and scale benchmarks
	@command -v wrk >/dev/null 2>&1 || { \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk >/dev/null; }

.PHONY: bench
bench: install bench-deps ## benchmarks (printed figures and ratios to their baselines)
	$(RUN) python benchmarks/bench_extract.py
	$(RUN) python benchmarks/bench_pdf.py
	$(RUN) python benchmarks/bench_ingest.py
	$(RUN) python benchmarks/bench_web.py
	$(RUN) python benchmarks/bench_pack.py

.PHONY: bench-scale
bench-scale: install bench-deps ## the archive-scale benchmark (5,000 meetings on PostgreSQL and SQLite; long)
	$(RUN) python benchmarks/bench_scale.py
