# Watching Brief: every task goes through this file; the README and CI call these targets.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(PYTHON) -m uv
RUN := $(UV) run --frozen
SHARED ?= ../shared

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

.PHONY: install
install: ## install uv (via pip) when missing, then the locked Python environment
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv \
		|| $(PYTHON) -m pip install --quiet --user uv
	@$(UV) sync --frozen --quiet

.PHONY: demo
demo: install ## run the main job on the bundled example notes
	@$(RUN) brief demo

.PHONY: test
test: install lint ## run every test (lint, types, unit, golden, CLI)
	$(RUN) pytest -n auto

.PHONY: lint
lint: install ## ruff, formatting and mypy (strict on the extraction core)
	$(RUN) ruff check src tests benchmarks
	$(RUN) ruff format --check src tests benchmarks
	$(RUN) mypy src/watching_brief

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

.PHONY: bench
bench: install ## benchmarks (printed figures and ratios to their baselines)
	$(RUN) python benchmarks/bench_extract.py
