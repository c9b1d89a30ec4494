# The README's two commands are `make demo` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup demo test test-pg lint migration messages screenshots clean

$(BIN)/mailer: pyproject.toml
	@command -v uv >/dev/null 2>&1 || $(PY) -m pip install --quiet uv
	uv venv --quiet --allow-existing -p $(PY) $(VENV)
	# --compile-bytecode: every `mailer` call (and the tests start hundreds) would
	# otherwise compile the libraries anew where PYTHONDONTWRITEBYTECODE is set.
	uv pip install --quiet --compile-bytecode -p $(BIN)/python -e '.[test]'
	$(BIN)/python -m compileall -q mailer subscribers scheduler.py >/dev/null
	@touch $@

setup: $(BIN)/mailer

demo: setup
	$(BIN)/mailer demo

test: setup lint
	scripts/run-tests

CODE := mailer subscribers tests bench scheduler.py hatch_build.py

lint: setup
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy

# A new Alembic revision from the models: `make migration m="add x to y"`.
migration: setup
	rm -f var/migration-scratch.db
	MAILER_DATABASE_URL=sqlite:///var/migration-scratch.db $(BIN)/python -c "import sys; \
	from alembic import command; from mailer.db import make_engine, upgrade, alembic_config; \
	e = make_engine('sqlite:///var/migration-scratch.db'); upgrade(e); \
	command.revision(alembic_config(e), message=sys.argv[1], autogenerate=True)" "$(m)"
	rm -f var/migration-scratch.db

# Operator messages: extract every _() / ngettext() / N_() msgid into the template,
# then add the new ones (untranslated) to each language's catalog. The build compiles
# the catalogs (.po -> .mo, hatch_build.py); `make setup` does so for the checkout.
LOCALE := mailer/locale
messages: setup
	$(BIN)/pybabel extract -F babel.cfg --no-default-keywords -k _ -k ngettext:1,2 -k N_ \
	  --project pleinpost --sort-by-file -c TRANSLATORS: -o $(LOCALE)/pleinpost.pot .
	$(BIN)/pybabel update -i $(LOCALE)/pleinpost.pot -d $(LOCALE) -D pleinpost -l nl \
	  --no-fuzzy-matching --ignore-obsolete

# The README's pictures: the browser tests write every page they visit into
# var/screenshots/ (Chromium: apt-get install chromium); six go to docs/screenshots/.
SHOTS := web-overview-busy web-compose web-board web-review web-rsvp web-unsubscribe
screenshots: setup
	rm -rf var/screenshots
	PLEINPOST_SCREENSHOTS=var/screenshots $(BIN)/pytest -q -p no:cacheprovider \
	  tests/web/test_event_cancel_browser.py tests/web/test_dashboard_browser.py \
	  tests/web/test_answers_browser.py tests/web/test_browser.py
	mkdir -p docs/screenshots
	for name in $(SHOTS); do cp var/screenshots/$$name.png docs/screenshots/; done

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
