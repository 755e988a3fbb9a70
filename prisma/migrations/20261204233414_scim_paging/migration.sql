-- SCIM list paging at directory scale (issue 6): totalResults without counting
-- every row, and import pages that start from an index key instead of OFFSET.

-- CreateTable
CREATE TABLE "user_counts" (
    "source" "UserSource" NOT NULL,
    "slot" SMALLINT NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "user_counts_pkey" PRIMARY KEY ("source","slot")
);

-- CreateTable (a cache: UNLOGGED, no WAL; emptied by a crash, which only costs one slower page)
CREATE UNLOGGED TABLE "scim_page_cursors" (
    "key" TEXT NOT NULL,
    "source" "UserSource" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scim_page_cursors_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "scim_page_cursors_expires_at_idx" ON "scim_page_cursors"("expires_at");

-- CreateIndex
CREATE INDEX "users_source_created_at_id_idx" ON "users"("source", "created_at", "id");

-- User counts, kept by the database itself so every writer (SCIM, the dashboard,
-- the CLI, plain SQL) keeps them right. Statement-level triggers with transition
-- tables: one bulk INSERT of a million rows is one counter update, not a million.
CREATE FUNCTION "user_counts_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "user_counts" AS c ("source", "slot", "n")
      SELECT r."source", pg_backend_pid() % 16, count(*) FROM new_rows r GROUP BY r."source"
      ON CONFLICT ("source", "slot") DO UPDATE SET "n" = c."n" + EXCLUDED."n";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "user_counts" AS c ("source", "slot", "n")
      SELECT r."source", pg_backend_pid() % 16, -count(*) FROM old_rows r GROUP BY r."source"
      ON CONFLICT ("source", "slot") DO UPDATE SET "n" = c."n" + EXCLUDED."n";
  ELSIF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "user_counts";
  END IF;
  RETURN NULL;
END $$;

-- A user's source changing (not done by the app today) moves it between counts.
CREATE FUNCTION "user_counts_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "user_counts" AS c ("source", "slot", "n")
    VALUES (OLD."source", pg_backend_pid() % 16, -1), (NEW."source", pg_backend_pid() % 16, 1)
    ON CONFLICT ("source", "slot") DO UPDATE SET "n" = c."n" + EXCLUDED."n";
  RETURN NULL;
END $$;

CREATE TRIGGER "users_count_insert" AFTER INSERT ON "users" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "user_counts_add"();
CREATE TRIGGER "users_count_delete" AFTER DELETE ON "users" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "user_counts_add"();
CREATE TRIGGER "users_count_truncate" AFTER TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "user_counts_add"();
CREATE TRIGGER "users_count_move" AFTER UPDATE OF "source" ON "users"
  FOR EACH ROW WHEN (OLD."source" IS DISTINCT FROM NEW."source") EXECUTE FUNCTION "user_counts_move"();

-- The triggers hold a lock on users until this migration commits, so this count is exact.
INSERT INTO "user_counts" ("source", "slot", "n") SELECT "source", 0, count(*) FROM "users" GROUP BY "source";
