# sitroom: the two set-up commands are `make run` (main job) and `make test` (tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= sitroom.db

.PHONY: run test install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test
	bash scripts/install_system_deps.sh chromium fonts-dejavu-core tesseract-ocr tesseract-ocr-eng tesseract-ocr-fas tesseract-ocr-pus poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
	bash scripts/install_postgres.sh

## Main job: build a database from the bundled demo corpus, summarise it in the terminal,
## then serve the dashboard and API on http://127.0.0.1:8765 (Ctrl-C stops the server).
run: install
	$(BIN)/sitroom demo --db $(DB)
	$(BIN)/sitroom profile-facts extract --db $(DB)
	$(BIN)/sitroom serve --db $(DB)

## Tests: install what they need and run them all.
test: install-test
	$(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi; \
	exit $$status

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm $(basename $(DB))-evidence
