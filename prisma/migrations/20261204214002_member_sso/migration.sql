-- CreateEnum
CREATE TYPE "OidcMatch" AS ENUM ('EMAIL', 'USERNAME');

-- AlterTable
ALTER TABLE "instance_config" ADD COLUMN     "oidc_client_id" TEXT,
ADD COLUMN     "oidc_client_secret" TEXT,
ADD COLUMN     "oidc_display_name" TEXT,
ADD COLUMN     "oidc_issuer" TEXT,
ADD COLUMN     "oidc_match_by" "OidcMatch" NOT NULL DEFAULT 'EMAIL';
