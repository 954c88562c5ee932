# kafkaops.connect: the two commands are `make demo` and `make test`; everything else is a part of them.
# Every target installs what it is missing (apt packages, Python tools in .venv, jars via Maven)
# and is safe to run again.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
SANDBOX := $(CURDIR)/sandbox/bin/sandbox
CONNECT_PORT := $(or $(SANDBOX_CONNECT_PORT_1),18083)
PY_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')

# ansible-test insists on running from .../ansible_collections/<namespace>/<name>:
# LINK points back at this checkout (for pytest); COPY is a snapshot of the files git would
# ship (for ansible-test, which must not see .venv or sandbox data). The copy lives outside
# this checkout: inside it, ansible-test would ask our git and find every file ignored.
# One per checkout, so that two checkouts never test each other's files.
TEST_ROOT ?= $(or $(TMPDIR),/tmp)/kafkaops-connect-$(shell id -u)-$(shell printf %s "$(CURDIR)" | cksum | cut -d" " -f1)
LINK_ROOT := $(CURDIR)/.build/ansible_collections/kafkaops
COPY := $(TEST_ROOT)/ansible_collections/kafkaops/connect
DIST := $(CURDIR)/.build/dist
INSTALLED := $(CURDIR)/.build/installed
# Suites tee their output into LOGS/<suite>.log and list the secret values they used in
# LOGS/<suite>.secrets; secrets-scan (last in make test) fails if any of them got out.
LOGS := $(CURDIR)/.build/logs
DOCS := $(CURDIR)/.build/docs

MODULES = $(basename $(notdir $(wildcard plugins/modules/*.py)))
# Scenarios are the folders of extensions/molecule with a molecule.yml (config.yml there is shared by all).
MOLECULE_SCENARIOS = $(notdir $(patsubst %/molecule.yml,%,$(wildcard extensions/molecule/*/molecule.yml)))
ANSIBLE_ENV = ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/.build ANSIBLE_FORCE_COLOR=$${ANSIBLE_FORCE_COLOR:-0} \
	ANSIBLE_NOCOLOR=$${ANSIBLE_NOCOLOR:-1} ANSIBLE_PYTHON_INTERPRETER=$(BIN)/python

.PHONY: help demo test test-matrix lint docs sanity unit integration molecule build-check bench secure-test \
	demo-verbose secrets-scan logs-reset sandbox-up sandbox-down sandbox-status venv link copy clean

help:
	@echo "make demo          start the sandbox, provision both pipelines with site.yml, show data flowing, re-run: no change"
	@echo "make test          lint, sanity, unit, integration, molecule and the build check (starts the sandbox)"
	@echo "make lint | sanity | unit | integration | molecule | build-check | bench | secure-test"
	@echo "make test-matrix   unit tests, sanity and one integration target on each later ansible-core release"
	@echo "make docs          the collection's HTML documentation (antsibull-docs, offline) in .build/docs/html"
	@echo "make demo SECURE=1 the demo against the secure sandbox (HTTPS, basic auth, client certificates)"
	@echo "make demo-verbose  the demo at -vvv with diffs, logged for the secrets scan"
	@echo "make secrets-scan  fail if a secret used by a suite appears in .build/logs/*.log"
	@echo "make sandbox-up | sandbox-down | sandbox-status"

# ------------------------------------------------------------------ set-up

$(VENV)/.installed: requirements-dev.txt requirements-test.txt requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "python3 is required"; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { \
		echo "installing python3-venv"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; }
	@command -v rsync >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rsync >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed

link:
	@mkdir -p $(LINK_ROOT)
	@ln -sfn ../../.. $(LINK_ROOT)/connect

copy: venv
	@rm -rf $(COPY) && mkdir -p $(COPY)
	@git ls-files -z --cached --others --exclude-standard | rsync -a --from0 --files-from=- ./ $(COPY)/

# ------------------------------------------------------------------ sandbox

# SECURE=1: the sandbox commands, and so `make demo`, address the secure sandbox (HTTPS, basic auth,
# client certificates) on its own run dir and ports.
ifdef SECURE
export SANDBOX_SECURE := 1
endif

sandbox-up:
	$(SANDBOX) up

sandbox-down:
	$(SANDBOX) down

sandbox-status:
	$(SANDBOX) status

# ------------------------------------------------------------------ tests

test: logs-reset lint sanity unit build-check integration molecule secure-test test-matrix demo-verbose secrets-scan
	@echo "make test: all suites passed"

logs-reset:
	@rm -rf $(LOGS) && mkdir -p $(LOGS)

lint: venv link
	$(BIN)/ruff check plugins tests sandbox/bin scripts .ci docs/sphinx
	$(BIN)/ruff format --check plugins tests sandbox/bin scripts .ci docs/sphinx
	$(ANSIBLE_ENV) PATH=$(BIN):$$PATH $(BIN)/ansible-lint --profile production --strict --offline --nocolor
	@command -v shellcheck >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null; }
	shellcheck -x -P SCRIPTDIR sandbox/bin/sandbox .ci/run .ci/find-python $$(git ls-files '*.sh')
	cd $(LINK_ROOT)/connect && $(ANSIBLE_ENV) PATH=$(BIN):$$PATH $(BIN)/antsibull-docs lint-collection-docs \
		--plugin-docs --validate-collection-refs all .

# The collection's HTML documentation, as a docsite would render it, in .build/docs/html. Offline:
# docs/sphinx/conf.py loads no intersphinx inventories.
docs: venv link
	@rm -rf $(DOCS) && mkdir -p $(DOCS)/rst && chmod og-w $(DOCS)/rst
	$(ANSIBLE_ENV) PATH=$(BIN):$$PATH $(BIN)/antsibull-docs collection --use-current --squash-hierarchy \
		--fail-on-error --dest-dir $(DOCS)/rst kafkaops.connect >/dev/null
	$(BIN)/sphinx-build -q -W --keep-going -b html -c docs/sphinx $(DOCS)/rst $(DOCS)/html
	@echo "HTML documentation: $(DOCS)/html/index.html"

# ansible-test bootstraps pip in each sanity venv with a script from its own file server;
# scripts/ansible_test_pip_bootstrap.py stands in for it (see its docstring).
ANSIBLE_TEST_CACHE := $(HOME)/.ansible/test/cache

# $(call pip_bootstrap,VENV): put the stand-in where the ansible-test of VENV looks for it.
pip_bootstrap = mkdir -p $(ANSIBLE_TEST_CACHE) && pip_version=$$(sed -n "s/^ *pip='\([0-9.]*\)',/\1/p" \
	$(1)/lib/python*/site-packages/ansible_test/_internal/python_requirements.py | head -1) && \
	cp scripts/ansible_test_pip_bootstrap.py $(ANSIBLE_TEST_CACHE)/get_pip_$${pip_version//./_}.py

sanity: copy
	@command -v shellcheck >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null; }
	@$(call pip_bootstrap,$(VENV))
	cd $(COPY) && $(BIN)/ansible-test sanity --local --python $(PY_VERSION) --color no

unit: venv link
	$(BIN)/pytest -q -p no:cacheprovider tests/unit tests/sandbox

# .ci/integration.py writes the targets' config (the sandbox's vars and fresh secrets, listed in
# LOGS/<suite>.secrets for the scan) and runs the targets or alias groups it is given (groups: the
# `kafkaops/...` lines of the targets' aliases files, see docs/contributing.md). TARGETS="a b" picks targets
# or groups; the default is the `sandbox` group (every target of the plain sandbox). REST Proxy targets run
# against KAFKAOPS_TEST_REST_PROXY_URLS and the sandbox's bridge, and are named as skipped without one.
RUN_INTEGRATION = $(ANSIBLE_ENV) $(BIN)/python .ci/integration.py
RUN_TARGETS = $(RUN_INTEGRATION) run --collection $(COPY) --logs $(LOGS)

integration: copy sandbox-up
	@mkdir -p $(LOGS)
	$(RUN_TARGETS) integration $(TARGETS) 2>&1 | tee $(LOGS)/integration.log

# The secure sandbox (its own run dir and ports) for the TLS, authentication and fault targets (group
# `secure`), stopped afterwards, pass or fail. SECURE_TARGETS picks some of them.
secure-test: copy
	@mkdir -p $(LOGS)
	SANDBOX_SECURE=1 $(SANDBOX) up
	@rc=0; $(RUN_TARGETS) secure --secure $(SECURE_TARGETS) 2>&1 | tee $(LOGS)/secure.log || rc=$$?; \
		SANDBOX_SECURE=1 $(SANDBOX) down; exit $$rc

molecule: venv link sandbox-up
	@$(RUN_INTEGRATION) secrets molecule --logs $(LOGS)
	@for scenario in $(MOLECULE_SCENARIOS); do \
		echo "== molecule scenario $$scenario"; \
		$(ANSIBLE_ENV) ANSIBLE_VERBOSITY=3 ANSIBLE_DIFF_ALWAYS=1 PATH=$(BIN):$$PATH $(BIN)/molecule test -s $$scenario || exit 1; \
	done 2>&1 | tee $(LOGS)/molecule.log

# The built artifact must hold exactly the files git would ship less build_ignore (so no test cache
# or local file ships), install, document every module from the installed copy, and run a module
# called by its FQCN from that copy (against the sandbox).
build-check: venv sandbox-up
	@rm -rf $(DIST) $(INSTALLED) && mkdir -p $(DIST)
	$(BIN)/ansible-galaxy collection build --force --output-path $(DIST) .
	$(BIN)/ansible-galaxy collection install --force -p $(INSTALLED) $(DIST)/kafkaops-connect-*.tar.gz
	@for module in $(MODULES); do \
		ANSIBLE_COLLECTIONS_PATH=$(INSTALLED) $(BIN)/ansible-doc kafkaops.connect.$$module >/dev/null \
			|| { echo "ansible-doc kafkaops.connect.$$module failed"; exit 1; }; \
		echo "ansible-doc kafkaops.connect.$$module: ok"; \
	done
	@ANSIBLE_COLLECTIONS_PATH=$(INSTALLED) $(BIN)/ansible localhost -c local -e ansible_python_interpreter=$(BIN)/python \
		-m kafkaops.connect.kafka_connect_info -a 'gather_subset=worker connect_url=http://127.0.0.1:$(CONNECT_PORT)' \
		| grep '"version"' >/dev/null && echo "kafkaops.connect.kafka_connect_info from the installed copy: ok"
	@ls -l $(DIST)/kafkaops-connect-*.tar.gz | awk '{print "artifact:", $$NF, $$5, "bytes"}'
	$(BIN)/python .ci/artifact_files.py $(DIST)/kafkaops-connect-*.tar.gz

# ------------------------------------------------------------------ ansible-core versions

# meta/runtime.yml promises ansible-core >= 2.19; the suites above run on the 2.19 of
# requirements-dev.txt. test-matrix runs the unit tests, ansible-test sanity and the integration
# target of the group matrix/<minor> (a different one on each) on every later minor release, pinned in
# requirements-core-<minor>.txt, in a venv of its own under .build/matrix, each on a Python that release
# supports (found by .ci/find-python: on PATH or in pyenv).
MATRIX := 2.20 2.21
MATRIX_PYTHON_2.20 := 3.12
MATRIX_PYTHON_2.21 := 3.13
MATRIX_VENV = $(CURDIR)/.build/matrix/core-$(1)
.PRECIOUS: .build/matrix/core-%/.installed

.build/matrix/core-%/.installed: requirements-core-%.txt requirements-test.txt requirements.txt
	@python=$$(.ci/find-python $(MATRIX_PYTHON_$*)) && rm -rf $(@D) && $$python -m venv $(@D)
	$(@D)/bin/pip install -q --upgrade pip
	$(@D)/bin/pip install -q -r requirements-core-$*.txt
	@touch $@

test-matrix: $(addprefix matrix-,$(MATRIX))

matrix-%: .build/matrix/core-%/.installed link copy sandbox-up
	@mkdir -p $(LOGS)
	@$(call pip_bootstrap,$(call MATRIX_VENV,$*))
	@set -e; venv=$(call MATRIX_VENV,$*); started=$$SECONDS; { \
		echo "== ansible-core $* ($$($$venv/bin/python -V)): unit"; \
		$$venv/bin/pytest -q -p no:cacheprovider tests/unit; \
		echo "== ansible-core $*: sanity (at $$((SECONDS - started))s)"; \
		(cd $(COPY) && $$venv/bin/ansible-test sanity --local --python $(MATRIX_PYTHON_$*) --color no); \
		echo "== ansible-core $*: integration, group matrix/$* (at $$((SECONDS - started))s)"; \
		$(RUN_TARGETS) --venv $$venv matrix-$* matrix/$*; \
		echo "== ansible-core $*: passed in $$((SECONDS - started))s"; \
	} 2>&1 | tee $(LOGS)/matrix-$*.log

# ------------------------------------------------------------------ demo and benchmarks

demo: venv link sandbox-up
	$(ANSIBLE_ENV) BIN=$(BIN) bash scripts/demo.sh

# The demo (every pipeline of playbooks/site.yml, verified, run twice) as make test runs it: at -vvv
# with diffs, logged for the secrets scan. The other playbooks run in the playbooks_site and
# runbooks_* integration targets, at the same verbosity.
demo-verbose: venv link sandbox-up
	@$(RUN_INTEGRATION) secrets demo --logs $(LOGS)
	$(ANSIBLE_ENV) ANSIBLE_VERBOSITY=3 ANSIBLE_DIFF_ALWAYS=1 BIN=$(BIN) bash scripts/demo.sh 2>&1 | tee $(LOGS)/demo.log

secrets-scan: venv
	$(BIN)/python tests/secrets/scan_secrets.py --logs $(LOGS)

bench: venv link sandbox-up
	@for script in tests/bench/bench_*.py; do \
		echo "== $$script"; $(ANSIBLE_ENV) $(BIN)/python $$script || exit 1; \
	done

clean:
	rm -rf .build tests/output
