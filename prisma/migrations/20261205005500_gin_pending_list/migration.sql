-- GIN indexes buffer new entries in a "pending list" (fastupdate) that every
-- search must scan in full until VACUUM or a cleanup merges it. With the
-- default 4 MB limit, a burst of SCIM writes made `emails co` five times more
-- expensive (bench: 0.9 → 5.3 ms of PostgreSQL per request after the write
-- scenarios). A small limit keeps the list short: writes still append cheaply
-- and merge in small batches, and searches stay fast between vacuums.
ALTER INDEX "users_email_search_trgm_idx" SET (gin_pending_list_limit = 128);
ALTER INDEX "users_search_trgm_idx" SET (gin_pending_list_limit = 128);
ALTER INDEX "users_email_keys_idx" SET (gin_pending_list_limit = 128);
