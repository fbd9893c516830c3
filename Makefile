# OCS GE plugin — run `make help`.
SHELL := /bin/bash
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
SYS_PYTHON := /usr/bin/python3
VENV ?= $(ROOT)/.venv
PY := $(VENV)/bin/python
BUILD ?= $(ROOT)/.build
# The sample deliveries (numpy's streams differ between Debian releases: the chroots use the host's).
SAMPLE ?= $(BUILD)/sample
PLUGIN_NAME := ocsge
# What Debian must provide (QGIS, GDAL, pandas, 7-Zip, PostgreSQL + PostGIS, poppler, Xvfb…) is in
# scripts/deps, checked by command, module or file, never by a package's name; the packages are
# alternatives tried in order (7-Zip: 7zip, whose command is 7zz, else p7zip-full's 7z).
# ruff: the formatter and linter (pyproject.toml), pinned: a new release may format otherwise.
PIP_PACKAGES := pytest pytest-httpserver hypothesis ruff==0.17.6
# pytest-qgis for the QGIS of /usr/bin/python3: 2.1.0 up to 3.32, a current release from 3.34 on.
PYTEST_QGIS := pytest-qgis==2.1.0 33400 pytest-qgis==5.0.2
# The QGIS versions tested in Debian chroots: 3.22 in a Debian 12 built from nothing (the set-up of a
# new machine), 3.40 LTR (trixie), 3.44 (sid).
QGIS_VERSIONS := 3.22 3.40 3.44
export QT_QPA_PLATFORM ?= offscreen

.DEFAULT_GOAL := help
.PHONY: help deps venv test test-qgis demo demo-qgis demo-compare bench bench-small bench-national package deploy transup transcompile sample lint format clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

deps: ## install the missing Debian packages (as root), else say which are missing
	@scripts/deps

$(VENV)/.installed: Makefile | deps
	@test -x $(PY) || $(SYS_PYTHON) -m venv --system-site-packages $(VENV)
	@set -- $(PYTEST_QGIS); qgis=$$($(SYS_PYTHON) -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION_INT)'); \
	plugin=$$([ "$$qgis" -ge "$$2" ] && echo "$$3" || echo "$$1"); \
	echo "QGIS $$qgis : $(PIP_PACKAGES) $$plugin"; \
	$(PY) -m pip install -q --disable-pip-version-check $(PIP_PACKAGES) "$$plugin"
	@touch $@

venv: deps $(VENV)/.installed ## the test venv (from /usr/bin/python3, with QGIS's bindings)

transup: deps ## refresh i18n/ocsge_plugin_fr.ts from the sources (keeps the translations)
	pylupdate5 -noobsolete $$(find ocsge_plugin processing_provider -name '*.py' | sort) -ts i18n/ocsge_plugin_fr.ts

transcompile: deps ## build i18n/*.qm from i18n/*.ts (when older than the .ts; put in place by a rename: a QGIS reading the old one keeps it)
	@for ts in i18n/*.ts; do qm="$${ts%.ts}.qm"; \
	  if [ ! -f "$$qm" ] || [ "$$ts" -nt "$$qm" ]; then \
	    lrelease -silent "$$ts" -qm "$$qm.$$$$.tmp" && mv -f "$$qm.$$$$.tmp" "$$qm" || { rm -f "$$qm.$$$$.tmp"; exit 1; }; \
	  fi; done

test: venv transcompile ## install what is missing, then run the whole suite
	@rm -f $(BUILD)/junit.xml; mkdir -p $(BUILD)
	@find $(ROOT)/.qgis-settings -mindepth 1 -delete 2>/dev/null || true  # pytest-qgis >= 3 keeps its QGIS profile there: a fresh one per run (in a chroot, a folder of its own mounted there)
	$(PY) -m pytest $(PYTEST_ARGS) --junitxml=$(BUILD)/junit.xml
	@$(SYS_PYTHON) scripts/count_tests.py $(BUILD)/junit.xml

test-qgis: export PYTEST_ARGS := $(PYTEST_ARGS)
test-qgis: ## the same suite on QGIS=3.22 (a fresh Debian 12), 3.40 (LTR, Debian 13) or 3.44 (Debian sid), in a chroot built once under .build/ (root)
	@scripts/qgis_chroot "$(QGIS)" make --no-print-directory test

sample: deps ## generate (or reuse) the bundled sample deliveries in .build/sample
	@$(SYS_PYTHON) scripts/sample_generator.py --dep 90 --out $(SAMPLE)/90 --reuse
	@$(SYS_PYTHON) scripts/sample_generator.py --dep 974 --out $(SAMPLE)/974 --reuse
	@$(SYS_PYTHON) scripts/sample_consumption.py --out $(SAMPLE)

demo: deps transcompile sample ## run the main job on the sample data and show the result
	@rm -rf --one-file-system $(BUILD)/demo  # the demo's own folder, made anew (a portrait folder of an older version is refused)
	@$(SYS_PYTHON) scripts/demo.py $(SAMPLE) --out $(BUILD)/demo --numbers $(BUILD)/demo/numbers.json

demo-qgis: ## make demo on QGIS=3.22, 3.40 or 3.44, in its chroot, on the sample deliveries in .build/sample (made there when absent) (root)
	@scripts/qgis_chroot "$(QGIS)" make --no-print-directory demo SAMPLE=.build/sample

demo-compare: ## the sample diagnostic's numbers of demo-qgis QGIS=3.22, 3.40 and 3.44 (and of make demo, when run) are the same (to 1e-9)
	@python3 scripts/compare_demo.py $(wildcard $(BUILD)/demo/numbers.json) $(foreach v,$(QGIS_VERSIONS),$(BUILD)/qgis-$(v)/demo/numbers.json)

package: transcompile ## build the plugin zip for plugins.qgis.org in dist/, the HTML guide inside (refused while metadata.txt's addresses are placeholders; DRAFT=1: a zip for a local test)
	@$(SYS_PYTHON) scripts/package.py --name $(PLUGIN_NAME) --out $(ROOT)/dist $(if $(DRAFT),--draft)

deploy: transcompile ## link this checkout into the user's QGIS profile as plugin "ocsge" (the HTML guide written into it)
	@$(SYS_PYTHON) scripts/guide_html.py >/dev/null
	@dest="$${QGIS_PROFILE_DIR:-$$HOME/.local/share/QGIS/QGIS3/profiles/default}/python/plugins"; \
	mkdir -p "$$dest"; ln -sfn "$(ROOT)" "$$dest/$(PLUGIN_NAME)"; echo "Lien créé : $$dest/$(PLUGIN_NAME) -> $(ROOT)"

lint: venv ## the formatter's check and the linter (ruff, pyproject.toml): nothing to change, no finding
	$(VENV)/bin/ruff format --check --diff .
	$(VENV)/bin/ruff check .

format: venv ## format the code and apply the linter's safe fixes (ruff)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean: ## remove build products, the QGIS chroots included (not the venv)
	@if awk -v b="$(BUILD)/" 'index($$2, b) == 1 {found = 1} END {exit !found}' /proc/mounts; then \
	  echo "Un chroot QGIS est en cours d'utilisation (montages sous $(BUILD)) : rien n'est effacé."; \
	  echo "Attendez la fin de make test-qgis / demo-qgis (ou relancez-le : il démonte ce qu'un arrêt brutal a laissé)."; exit 1; fi
	rm -rf --one-file-system $(BUILD) dist

.PHONY: screenshot
screenshot: screenshot-standalone screenshot-diagnostic screenshot-dialog ## the data panel with results from a local server, in QGIS's real main window and alone, and the map of a finished diagnostic (Xvfb) → docs/
	@mkdir -p docs $(BUILD)/screenshot/profiles/default/QGIS $(BUILD)/screenshot/pluginpath
	@ln -sfn $(ROOT) $(BUILD)/screenshot/pluginpath/$(PLUGIN_NAME)
	@printf '[locale]\noverrideFlag=true\nuserLocale=fr\n[qgis]\ncheckVersion=false\n' > $(BUILD)/screenshot/profiles/default/QGIS/QGIS3.ini
	QT_QPA_PLATFORM=xcb OCSGE_ROOT=$(ROOT) OCSGE_CACHE_DIR=$(BUILD)/screenshot/cache OCSGE_SCREENSHOT_SAMPLE=$(BUILD)/sample/90 \
	OCSGE_SCREENSHOT_OUT=$(ROOT)/docs/screenshot-qgis.png QGIS_PLUGINPATH=$(BUILD)/screenshot/pluginpath PYTHONPATH=$(VENV)/lib/python3.11/site-packages \
	timeout 300 xvfb-run -a -s "-screen 0 1600x960x24" qgis --nologo --noversioncheck --noplugins \
	  --profiles-path $(BUILD)/screenshot --code $(ROOT)/scripts/screenshot_qgis.py

.PHONY: screenshot-diagnostic
screenshot-diagnostic: venv transcompile sample ## the map of a finished diagnostic (D090 sample) in QGIS's real main window, in French (Xvfb) → docs/screenshot-diagnostic.png
	@rm -rf $(BUILD)/screenshot-diagnostic; mkdir -p docs $(BUILD)/screenshot-diagnostic/profiles/default/QGIS $(BUILD)/screenshot-diagnostic/pluginpath
	@ln -sfn $(ROOT) $(BUILD)/screenshot-diagnostic/pluginpath/$(PLUGIN_NAME)
	@printf '[locale]\noverrideFlag=true\nuserLocale=fr\n[qgis]\ncheckVersion=false\n' > $(BUILD)/screenshot-diagnostic/profiles/default/QGIS/QGIS3.ini
	QT_QPA_PLATFORM=xcb OCSGE_ROOT=$(ROOT) OCSGE_CACHE_DIR=$(BUILD)/screenshot-diagnostic/cache OCSGE_SCREENSHOT_SAMPLE=$(BUILD)/sample/90 \
	OCSGE_SCREENSHOT_WORK=$(BUILD)/screenshot-diagnostic/out OCSGE_SCREENSHOT_OUT=$(ROOT)/docs/screenshot-diagnostic.png \
	QGIS_PLUGINPATH=$(BUILD)/screenshot-diagnostic/pluginpath PYTHONPATH=$(VENV)/lib/python3.11/site-packages \
	timeout 300 xvfb-run -a -s "-screen 0 1600x960x24" qgis --nologo --noversioncheck --noplugins \
	  --profiles-path $(BUILD)/screenshot-diagnostic --code $(ROOT)/scripts/screenshot_diagnostic.py

.PHONY: screenshot-dialog
screenshot-dialog: venv transcompile sample ## the diagnostic's dialog filled in for the D090 sample, in French (Xvfb) → docs/screenshot-dialog.png
	@rm -rf $(BUILD)/screenshot-dialog /tmp/ocsge-D090; mkdir -p docs $(BUILD)/screenshot-dialog/profiles/default/QGIS $(BUILD)/screenshot-dialog/pluginpath
	@ln -sfn $(ROOT) $(BUILD)/screenshot-dialog/pluginpath/$(PLUGIN_NAME)
	@printf '[locale]\noverrideFlag=true\nuserLocale=fr\n[qgis]\ncheckVersion=false\n' > $(BUILD)/screenshot-dialog/profiles/default/QGIS/QGIS3.ini
	QT_QPA_PLATFORM=xcb OCSGE_ROOT=$(ROOT) OCSGE_CACHE_DIR=$(BUILD)/screenshot-dialog/cache OCSGE_SCREENSHOT_SAMPLE=$(BUILD)/sample/90 \
	OCSGE_SCREENSHOT_WORK=/tmp/ocsge-D090 OCSGE_SCREENSHOT_OUT=$(ROOT)/docs/screenshot-dialog.png \
	QGIS_PLUGINPATH=$(BUILD)/screenshot-dialog/pluginpath PYTHONPATH=$(VENV)/lib/python3.11/site-packages \
	timeout 300 xvfb-run -a -s "-screen 0 1600x960x24" qgis --nologo --noversioncheck --noplugins \
	  --profiles-path $(BUILD)/screenshot-dialog --code $(ROOT)/scripts/screenshot_dialog.py

screenshot-standalone: venv transcompile sample ## the data panel in an assembled window (both tabs, a delivery loaded)
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" $(PY) scripts/screenshot.py --sample $(BUILD)/sample/90 --out docs/screenshot-dock.png

bench: deps ## benchmark 20,000 / 200,000 / 1,000,000 polygons per millésime vs read floor and native chain, and ocsge:consommation at national size → BENCHMARKS.md (long)
	@$(SYS_PYTHON) bench/consumption.py --rounds 3
	@$(SYS_PYTHON) bench/run.py --sizes 20000 200000 1000000 --profile 200000

bench-consumption: deps ## ocsge:consommation on a national-size Cerema file (35,000 communes; bars 10 s, 500 MB) → bench/cache/consumption.md
	@$(SYS_PYTHON) bench/consumption.py --rounds 3

bench-small: deps ## the benchmark at 20,000 polygons only (a few minutes) → BENCHMARKS.md
	@$(SYS_PYTHON) bench/run.py --sizes 20000

bench-national: deps transcompile ## k=3 départements × 200,000 polygons, 1 and 2 workers; projection to 101 × 1,000,000 → BENCHMARKS.md
	@$(SYS_PYTHON) bench/national.py --k $(or $(K),3)
