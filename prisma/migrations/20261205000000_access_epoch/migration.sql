-- The access epoch (lib/services/scim-access.ts): a counter that moves, in the
-- same transaction, with every change that can alter who may call SCIM: an
-- InfraToken created, revoked, expired, relabelled or deleted, SCIM turned on
-- or off, the public URL changed. Whoever makes the change (any instance, the
-- CLI, plain SQL), the database moves it.
--
-- An instance may keep an access decision in memory only together with the
-- epoch it was read at; a SCIM read reads the current epoch in its own
-- statement, and a mismatch sends the request back to a fresh check before
-- anything is answered. A change committed before the read is always seen.
ALTER TABLE "instance_config" ADD COLUMN "access_epoch" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION "instance_config_access_epoch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."access_epoch" IS NOT DISTINCT FROM OLD."access_epoch"
     AND (NEW."scim_enabled" IS DISTINCT FROM OLD."scim_enabled" OR NEW."public_url" IS DISTINCT FROM OLD."public_url") THEN
    NEW."access_epoch" := OLD."access_epoch" + 1;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "instance_config_access_epoch" BEFORE UPDATE ON "instance_config"
  FOR EACH ROW EXECUTE FUNCTION "instance_config_access_epoch"();

CREATE FUNCTION "infra_tokens_access_epoch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "instance_config" SET "access_epoch" = "access_epoch" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;

-- last_used_at (written by SCIM requests, throttled) is not among the columns: it changes no decision.
CREATE TRIGGER "infra_tokens_access_epoch"
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF "token_hash", "label", "expires_at", "revoked_at" ON "infra_tokens"
  FOR EACH STATEMENT EXECUTE FUNCTION "infra_tokens_access_epoch"();
