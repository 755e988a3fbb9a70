-- CreateEnum
CREATE TYPE "UserSource" AS ENUM ('SCIM', 'LOCAL');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('ADMIN', 'MEMBER');

-- CreateEnum
CREATE TYPE "AttributeType" AS ENUM ('STRING', 'BOOLEAN', 'INTEGER', 'DECIMAL', 'DATETIME', 'REFERENCE');

-- CreateEnum
CREATE TYPE "ActivityKind" AS ENUM ('SCIM', 'ADMIN', 'AUTH', 'SYSTEM');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "user_name" TEXT NOT NULL,
    "user_name_key" TEXT NOT NULL,
    "external_id" TEXT,
    "given_name" TEXT,
    "family_name" TEXT,
    "display_name" TEXT,
    "email" TEXT,
    "email_keys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "source" "UserSource" NOT NULL DEFAULT 'SCIM',
    "role" "UserRole" NOT NULL DEFAULT 'MEMBER',
    "password_hash" TEXT,
    "sessions_valid_after" TIMESTAMPTZ(3),
    "last_sign_in_at" TIMESTAMPTZ(3),
    "oidc_subject" TEXT,
    "deactivated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "groups" (
    "id" UUID NOT NULL,
    "display_name" TEXT NOT NULL,
    "display_name_key" TEXT NOT NULL,
    "external_id" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "source" "UserSource" NOT NULL DEFAULT 'SCIM',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_members" (
    "group_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_members_pkey" PRIMARY KEY ("group_id","user_id")
);

-- CreateTable
CREATE TABLE "infra_tokens" (
    "id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "infra_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "instance_config" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "scim_enabled" BOOLEAN NOT NULL DEFAULT false,
    "public_url" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "instance_config_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "extension_attributes" (
    "id" UUID NOT NULL,
    "schema_urn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "type" "AttributeType" NOT NULL DEFAULT 'STRING',
    "multi_valued" BOOLEAN NOT NULL DEFAULT false,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "case_exact" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "extension_attributes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activity_log" (
    "id" BIGSERIAL NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" "ActivityKind" NOT NULL,
    "action" TEXT NOT NULL,
    "status" INTEGER,
    "method" TEXT,
    "path" TEXT,
    "duration_ms" INTEGER,
    "token_id" UUID,
    "token_label" TEXT,
    "actor_id" UUID,
    "actor_name" TEXT,
    "resource_type" TEXT,
    "resource_id" TEXT,
    "resource_name" TEXT,
    "summary" TEXT NOT NULL DEFAULT '',
    "details" JSONB,

    CONSTRAINT "activity_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_user_name_key_key" ON "users"("user_name_key");

-- CreateIndex
CREATE UNIQUE INDEX "users_oidc_subject_key" ON "users"("oidc_subject");

-- CreateIndex
CREATE INDEX "users_external_id_idx" ON "users"("external_id");

-- CreateIndex
CREATE INDEX "users_email_keys_idx" ON "users" USING GIN ("email_keys");

-- CreateIndex
CREATE INDEX "users_created_at_id_idx" ON "users"("created_at", "id");

-- CreateIndex
CREATE INDEX "users_updated_at_idx" ON "users"("updated_at");

-- CreateIndex
CREATE INDEX "users_active_created_at_idx" ON "users"("active", "created_at");

-- CreateIndex
CREATE INDEX "users_display_name_idx" ON "users"("display_name");

-- CreateIndex
CREATE INDEX "users_family_name_given_name_idx" ON "users"("family_name", "given_name");

-- CreateIndex
CREATE UNIQUE INDEX "groups_display_name_key_key" ON "groups"("display_name_key");

-- CreateIndex
CREATE INDEX "groups_external_id_idx" ON "groups"("external_id");

-- CreateIndex
CREATE INDEX "groups_created_at_id_idx" ON "groups"("created_at", "id");

-- CreateIndex
CREATE INDEX "group_members_user_id_idx" ON "group_members"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "infra_tokens_token_hash_key" ON "infra_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "infra_tokens_created_at_idx" ON "infra_tokens"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "extension_attributes_key_key" ON "extension_attributes"("key");

-- CreateIndex
CREATE INDEX "extension_attributes_schema_urn_idx" ON "extension_attributes"("schema_urn");

-- CreateIndex
CREATE INDEX "activity_log_created_at_idx" ON "activity_log"("created_at");

-- CreateIndex
CREATE INDEX "activity_log_kind_created_at_idx" ON "activity_log"("kind", "created_at");

-- CreateIndex
CREATE INDEX "activity_log_resource_id_created_at_idx" ON "activity_log"("resource_id", "created_at");

-- CreateIndex
CREATE INDEX "activity_log_token_id_created_at_idx" ON "activity_log"("token_id", "created_at");

-- CreateIndex
CREATE INDEX "activity_log_status_created_at_idx" ON "activity_log"("status", "created_at");

-- AddForeignKey
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "infra_tokens" ADD CONSTRAINT "infra_tokens_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
