-- Trigram matching for the dashboard's user search (ILIKE '%…%' through a GIN index).
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it;
-- the embedded PGlite loads it at start-up (lib/db/drivers.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "users_search_trgm_idx" ON "users" USING GIN ("display_name" gin_trgm_ops, "given_name" gin_trgm_ops, "family_name" gin_trgm_ops, "user_name_key" gin_trgm_ops, "email" gin_trgm_ops);
