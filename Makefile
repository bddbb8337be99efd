# skillgrade — make run · make test · make build · make bench · make crash · make fuzz
SHELL := /bin/bash
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime
export CCACHE_DIR ?= $(HOME)/.cache/ccache

DEBUG_BIN   := build/debug/src/skillgrade
RELEASE_BIN := build/release/src/skillgrade
DB          ?= ./data/skillgrade.db
PORT        ?= 8080

.PHONY: all setup build build-debug build-release web run test test-cpp test-api test-browser bench crash fuzz clean

all: build

setup:
	@scripts/setup

build: setup build-release web

build-debug: setup
	@[ -f build/debug/build.ninja ] || cmake --preset debug >/dev/null
	@cmake --build build/debug

build-release: setup
	@[ -f build/release/build.ninja ] || cmake --preset release >/dev/null
	@cmake --build build/release --target skillgrade

# The web app: the API types are generated from api/openapi.yaml, then built and precompressed.
web: setup
	@scripts/build-web

run: build
	@mkdir -p data
	@if [ ! -f "$(DB)" ]; then \
	  echo "== new database $(DB): loading demo data (演示数据)"; \
	  $(RELEASE_BIN) demo --db "$(DB)" | tee data/demo-accounts.txt; \
	  chmod 600 data/demo-accounts.txt; \
	else \
	  echo "== demo accounts: see data/demo-accounts.txt"; \
	fi
	@echo "== open http://127.0.0.1:$(PORT)"
	$(RELEASE_BIN) serve --db "$(DB)" --port $(PORT) --static-dir web/dist

# Every test: C++ unit tests (ASan+UBSan build), API tests on SQLite and PostgreSQL against the
# real server, and browser tests in Chromium (zh-CN and en-US).
test: setup build-debug web
	@scripts/test

bench: build
	@scripts/bench

# The exam's crash loop in full (make test runs a short one): kill -9 while candidates save answers.
crash: setup build-release
	@scripts/crash

fuzz: setup
	@scripts/fuzz

clean:
	rm -rf build web/dist
