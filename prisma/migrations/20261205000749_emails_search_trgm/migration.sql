-- Substring filters on emails (`emails co/sw/ew`, issue 6) through a trigram index.
-- email_search holds every email value as sent, each between two newlines
-- ("\na@x.org\nb@y.org\n"; '' without emails), written by the app with the rest
-- of the row (lib/db/scim-rows.ts userColumns). The filter compiler tests
-- `email_search ILIKE <pattern>` first (a superset: ILIKE lowers both sides
-- exactly as the per-email predicate's lower() does), then the exact predicate.
-- pg_trgm comes from migration users_search_trgm.

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "email_search" TEXT NOT NULL DEFAULT '';

-- Backfill from the document, with the same text the per-email predicate reads
-- (a string, number or boolean `value` of each element of an `emails` array).
UPDATE "users" AS u
   SET "email_search" = COALESCE(E'\n' || (
         SELECT string_agg(e.v ->> 'value', E'\n')
           FROM jsonb_array_elements(u."attributes" -> 'emails') AS e(v)
          WHERE jsonb_typeof(e.v -> 'value') IN ('string', 'number', 'boolean')
       ) || E'\n', '')
 WHERE jsonb_typeof(u."attributes" -> 'emails') = 'array';

-- CreateIndex
CREATE INDEX "users_email_search_trgm_idx" ON "users" USING GIN ("email_search" gin_trgm_ops);
