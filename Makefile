# Thin wrappers over scripts/: each target is one script, so CI and people run the same.
#   make run     bootstrap, build the release binary, migrate + demo data, serve on :8080
#   make test    bootstrap, sanitizer build, every suite on SQLite and PostgreSQL
#   make build   build/release/synergeia
#   make bench   load and micro benchmarks (figures only, never a failure)
#   make install the release build as a Debian service (scripts/install; see the operator guide)
#   make package build/package/synergeia_<version>_<arch>.deb
#   make test-upgrade  the previous release on this one's schema (two builds: not in make test)
.PHONY: all run test build bench bootstrap clean install package test-upgrade

all: build

run:
	@scripts/run

test:
	@scripts/test

build:
	@scripts/bootstrap --if-needed
	@scripts/build release

bench:
	@scripts/bootstrap --if-needed
	@if [ -x scripts/bench ]; then scripts/bench; else echo "make bench: scripts/bench does not exist yet" >&2; exit 1; fi

test-upgrade:
	@scripts/test-upgrade

install: build
	@scripts/install

package: build
	@scripts/package

bootstrap:
	@scripts/bootstrap

clean:
	rm -rf build
