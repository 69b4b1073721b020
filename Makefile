# Thin wrappers over scripts/: each target is one script, so CI and people run the same.
#   make run     bootstrap, build the release binary, migrate + demo data, serve on :8080
#   make test    bootstrap, sanitizer build, every suite on SQLite and PostgreSQL
#   make build   build/release/synergeia
#   make bench   load and micro benchmarks (figures only, never a failure)
.PHONY: all run test build bench bootstrap clean

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

bootstrap:
	@scripts/bootstrap

clean:
	rm -rf build
