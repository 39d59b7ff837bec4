# notice-extract: `make demo` runs the extractor over the bundled corpus, `make test` passes the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test check golden bench clean browser corpus-formats corpus-scans ocr-libraries database-server real-notices

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# The main job on the bundled corpus: convert it all, print a short summary per notice (the full
# JSON of each is in demo-output/), link the Hunan family and the seeds (links.jsonl, links.html),
# then compare with the golden files.
demo: $(STAMP)
	@$(BIN)/notice-extract batch corpus -o demo-output
	@$(BIN)/notice-extract summary demo-output
	@$(BIN)/notice-extract link demo-output/linked demo-output/000_b1f1c543f4ca6a66.txt.json \
		demo-output/001_42ff27236c2e870f.txt.json -o demo-output/links.jsonl --report demo-output/links.html
	@$(BIN)/notice-extract check

test: $(STAMP) browser ocr-libraries database-server
	$(BIN)/python -m pytest -q

# The database tests start a throw-away PostgreSQL server of Debian's package on a loopback port.
database-server:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
		else echo "database tests need PostgreSQL's server (apt-get install postgresql)"; fi; \
	fi

# OpenCV (which the OCR engine uses) needs Debian's libGL and GLib; most machines have them.
ocr-libraries: $(STAMP)
	@if ! $(BIN)/python -c "import cv2" 2>/dev/null; then \
		if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgl1 libglib2.0-0 >/dev/null; \
		else echo "OCR needs libGL and GLib (apt-get install libgl1 libglib2.0-0)"; fi; \
	fi

# The review page is tested in a real headless browser: Debian's chromium and its driver,
# and a CJK font so that screenshots show the text.
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null; \
		else echo "browser tests need chromium and chromium-driver (apt-get install chromium chromium-driver)"; fi; \
	fi

check: $(STAMP)
	$(BIN)/notice-extract check

bench: $(STAMP)
	$(BIN)/python bench/bench.py

# The PDF, DOCX and HTML versions of corpus notices, made the same way every time.
corpus-formats: $(STAMP)
	@fc-list 2>/dev/null | grep -q wqy-microhei || apt-get install -y -qq fonts-wqy-microhei >/dev/null
	$(BIN)/python scripts/make_format_corpus.py

# The scanned and photographed versions of corpus notices (corpus/scans/), made the same way every time.
corpus-scans: $(STAMP)
	@fc-list 2>/dev/null | grep -q wqy-microhei || apt-get install -y -qq fonts-wqy-microhei >/dev/null
	$(BIN)/python scripts/make_scanned_corpus.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache demo-output

# Every real notice of ../shared/real-notices extracted in one process and scored with its score.py.
real-notices: $(STAMP)
	$(BIN)/python scripts/real_notices.py
