-- CreateIndex
CREATE INDEX "group_members_group_id_created_at_user_id_idx" ON "group_members"("group_id", "created_at" DESC, "user_id");
