# Two commands do all set-up on a fresh machine that has python3 (3.11+) and make:
#   make demo   build the index from corpus/ and run example searches
#   make test   run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CAMEL := camel-tools==1.6.0
STAMP := $(VENV)/.installed

.PHONY: install demo test build clean

install: $(STAMP)

# Reinstall when the project's declared dependencies change.
$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	# camel-tools without its declared torch/transformers (about 6 GB we never import).
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps $(CAMEL)
	touch $(STAMP)

build: install
	$(BIN)/archive build

demo: build
	$(BIN)/archive search "الاطار التنسيقي"
	$(BIN)/archive search "coordination framework"
	$(BIN)/archive search "Tansiqiya"
	$(BIN)/archive search "Kataeb Hizbullah"
	$(BIN)/archive search "تخریب"
	$(BIN)/archive cite pair-54c8 --style chicago-note
	$(BIN)/archive cite pair-54c8 --style bibtex

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) index/build-* index/CURRENT
