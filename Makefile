# The two everyday commands: `make report` and `make test`. Each builds .venv from
# requirements.txt the first time (and again whenever requirements.txt changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: report test test-fast notebooks screenshot lock clean

$(VENV)/.installed: requirements.txt pyproject.toml
	@echo "Setting up $(VENV): installing the pinned packages of requirements.txt (once; about 4 minutes on a"
	@echo "fresh machine, mostly downloads; pip lists each package as it goes)."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar on -r requirements.txt
	touch $@
	@echo "$(VENV) is ready."

## Execute the notebooks and write the HTML report to report/; a notebook whose notebook, data, code and libraries
## are as at its last run is not run again (its outputs are reused): `.venv/bin/summit-venues report --fresh` runs all.
report: $(VENV)/.installed
	$(BIN)/python -m summit_venues report

## Unit tests and every notebook under nbval (strict: stored outputs are compared), the README's stories end to
## end, the report in Chromium: everything CI runs (at most 90 s on 2 cores).
test: $(VENV)/.installed
	$(BIN)/python -m pytest

## The inner loop: every test not marked slow (no notebook run, no report built; at most 40 s on 2 cores).
test-fast: $(VENV)/.installed
	$(BIN)/python -m pytest -m "not slow"

## Re-execute the committed notebooks in place, after a change to data or code (their navigation and tags first).
notebooks: $(VENV)/.installed
	$(BIN)/python -m summit_venues tidy
	$(BIN)/python -m summit_venues notebooks

## Rebuild the report and screenshot its first page for the README, on a screen and on a phone (needs Chromium:
## apt-get install chromium).
screenshot: report
	$(BIN)/python -m summit_venues.publishing.browser report/index.html docs/report-index.png 1280
	$(BIN)/python -m summit_venues.publishing.browser report/index.html docs/report-phone.png 390

## Re-pin requirements.txt from requirements.in in a scratch environment.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -r requirements.in
	{ head -n 2 requirements.txt; .lock-venv/bin/python -m pip freeze --exclude-editable; echo "-e ."; } > requirements.txt.new
	mv requirements.txt.new requirements.txt && rm -rf .lock-venv

clean:
	rm -rf $(VENV) report report-*/ test-artifacts
