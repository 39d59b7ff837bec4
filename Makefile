# notice-extract: `make demo` runs the extractor over the bundled corpus, `make test` passes the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test check golden bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@for file in corpus/*; do echo "== $$file"; $(BIN)/notice-extract extract "$$file" || exit 1; done
	@$(BIN)/notice-extract check

test: $(STAMP)
	$(BIN)/python -m pytest -q

check: $(STAMP)
	$(BIN)/notice-extract check

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
