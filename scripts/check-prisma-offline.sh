#!/usr/bin/env bash
# Smoke test: the standard Prisma CLI works offline through the wasm-backed
# schema engine in tools/schema-engine (wired by prisma.config.ts).
#
#   bash scripts/check-prisma-offline.sh
#   DATABASE_URL=postgresql://… bash scripts/check-prisma-offline.sh   # also deploy + status
#
# Catches: a Prisma upgrade without the matching @prisma/schema-engine-wasm,
# a broken shim, a schema change committed without its migration, and (with
# DATABASE_URL) migrations that do not apply.
set -euo pipefail
cd "$(dirname "$0")/.."

prisma() { npx --no-install prisma "$@"; }
step() { printf '\n== %s\n' "$*"; }
fail() { printf 'check-prisma-offline: %s\n' "$*" >&2; exit 1; }

step "prisma --version (engine hash of the CLI == the wasm engine's)"
version_output="$(prisma --version)"
printf '%s\n' "$version_output" | grep -E '^(prisma|Schema Engine|Default Engines Hash) ' || true
cli_hash="$(printf '%s\n' "$version_output" | sed -n 's/^Default Engines Hash *: *//p')"
engine_hash="$(printf '%s\n' "$version_output" | sed -n 's/^Schema Engine *: *schema-engine-cli \([0-9a-f]*\).*/\1/p')"
[ -n "$cli_hash" ] && [ "$cli_hash" = "$engine_hash" ] ||
  fail "the CLI expects engine ${cli_hash:-?} but the schema engine is ${engine_hash:-?}: install @prisma/schema-engine-wasm matching the prisma version (see tools/schema-engine/README.md)"

step "prisma validate"
prisma validate

step "prisma generate"
prisma generate

step "prisma migrate diff --from-empty --to-schema prisma/schema.prisma --script"
script="$(prisma migrate diff --from-empty --to-schema prisma/schema.prisma --script)"
grep -q 'CREATE TABLE' <<<"$script" || fail "migrate diff printed no CREATE TABLE"
printf '%s\n' "$script" | grep -c 'CREATE TABLE' | sed 's/^/CREATE TABLE statements: /'

step "prisma/migrations matches prisma/schema.prisma (shadow database: in-memory PGlite)"
prisma migrate diff --from-migrations prisma/migrations --to-schema prisma/schema.prisma --exit-code ||
  fail "prisma/schema.prisma has changes without a migration: run prisma migrate dev"

if [ -n "${DATABASE_URL:-}" ]; then
  step "prisma migrate deploy (DATABASE_URL is set)"
  prisma migrate deploy
  step "prisma migrate status"
  prisma migrate status
else
  step "DATABASE_URL not set: skipping migrate deploy / status"
fi

printf '\ncheck-prisma-offline: OK\n'
