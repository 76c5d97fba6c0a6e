-- HR workspace: interview versions, candidates (invitations) with progress, API keys, plan
-- limits that may be unlimited, email bookkeeping, the user's language. Hand-edited from
-- `npm run db:diff` so that existing rows are carried over (versions backfilled, statuses mapped).

CREATE TYPE "CandidateStatus" AS ENUM ('invited', 'opened', 'in_progress', 'completed', 'revoked');
CREATE TYPE "EmailStatus" AS ENUM ('none', 'pending', 'sent', 'failed');

ALTER TABLE "users" ADD COLUMN "locale" TEXT NOT NULL DEFAULT 'en';

ALTER TABLE "quotas" ADD COLUMN "max_candidates_per_interview" INTEGER,
ALTER COLUMN "max_interviews" DROP NOT NULL,
ALTER COLUMN "max_storage_bytes" DROP NOT NULL,
ALTER COLUMN "max_candidates_per_month" DROP NOT NULL;

ALTER TABLE "interviews" ADD COLUMN "current_version_id" UUID,
ADD COLUMN "duplicated_from_id" UUID,
ADD COLUMN "intro_message" TEXT;

-- Versions: every existing interview gets version 1 holding its current questions.
CREATE TABLE "interview_versions" (
    "id" UUID NOT NULL,
    "interview_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "interview_versions_pkey" PRIMARY KEY ("id")
);
INSERT INTO "interview_versions" ("id", "interview_id", "number", "published_at", "created_at")
  SELECT gen_random_uuid(), "id", 1, "published_at", "created_at" FROM "interviews";
UPDATE "interviews" i SET "current_version_id" = v."id" FROM "interview_versions" v WHERE v."interview_id" = i."id";

DROP INDEX "questions_interview_id_position_key";
ALTER TABLE "questions" ADD COLUMN "max_characters" INTEGER, ADD COLUMN "version_id" UUID,
ALTER COLUMN "max_seconds" DROP NOT NULL;
UPDATE "questions" q SET "version_id" = i."current_version_id" FROM "interviews" i WHERE i."id" = q."interview_id";
ALTER TABLE "questions" ALTER COLUMN "version_id" SET NOT NULL;

-- Candidates: the old invitation statuses map onto progress plus a separate email status.
ALTER TABLE "invitations" ADD COLUMN "answered_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "completed_at" TIMESTAMPTZ(3),
ADD COLUMN "email_error" TEXT,
ADD COLUMN "email_status" "EmailStatus" NOT NULL DEFAULT 'pending',
ADD COLUMN "opened_at" TIMESTAMPTZ(3),
ADD COLUMN "reminder_sent_at" TIMESTAMPTZ(3),
ADD COLUMN "revoked_at" TIMESTAMPTZ(3),
ADD COLUMN "send_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "source" TEXT NOT NULL DEFAULT 'invite',
ADD COLUMN "started_at" TIMESTAMPTZ(3),
ADD COLUMN "total_questions" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "candidate_status" "CandidateStatus" NOT NULL DEFAULT 'invited';
UPDATE "invitations" SET
  "name" = COALESCE(NULLIF("name", ''), split_part("email", '@', 1)),
  "candidate_status" = CASE "status"::text
    WHEN 'opened' THEN 'opened'::"CandidateStatus"
    WHEN 'started' THEN 'in_progress'::"CandidateStatus"
    WHEN 'completed' THEN 'completed'::"CandidateStatus"
    ELSE 'invited'::"CandidateStatus" END,
  "email_status" = CASE "status"::text
    WHEN 'pending' THEN 'pending'::"EmailStatus"
    WHEN 'failed' THEN 'failed'::"EmailStatus"
    ELSE CASE WHEN "sent_at" IS NULL THEN 'pending'::"EmailStatus" ELSE 'sent'::"EmailStatus" END END;
ALTER TABLE "invitations" ALTER COLUMN "name" SET NOT NULL, DROP COLUMN "status";
ALTER TABLE "invitations" RENAME COLUMN "candidate_status" TO "status";
DROP TYPE "InvitationStatus";

ALTER TABLE "candidate_sessions" ADD COLUMN "version_id" UUID;
UPDATE "candidate_sessions" s SET "version_id" = i."current_version_id" FROM "interviews" i WHERE i."id" = s."interview_id";

ALTER TABLE "notifications" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "dedupe_key" TEXT,
ADD COLUMN "interview_id" UUID,
ADD COLUMN "invitation_id" UUID,
ADD COLUMN "template" TEXT;

CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");
CREATE INDEX "api_keys_user_id_created_at_idx" ON "api_keys"("user_id", "created_at");
CREATE UNIQUE INDEX "interview_versions_interview_id_number_key" ON "interview_versions"("interview_id", "number");
CREATE INDEX "questions_interview_id_idx" ON "questions"("interview_id");
CREATE UNIQUE INDEX "questions_version_id_position_key" ON "questions"("version_id", "position");
CREATE INDEX "invitations_interview_id_created_at_id_idx" ON "invitations"("interview_id", "created_at", "id");
CREATE INDEX "invitations_interview_id_status_created_at_id_idx" ON "invitations"("interview_id", "status", "created_at", "id");
CREATE INDEX "invitations_interview_id_name_id_idx" ON "invitations"("interview_id", "name", "id");
CREATE INDEX "invitations_interview_id_email_id_idx" ON "invitations"("interview_id", "email", "id");
CREATE INDEX "invitations_interview_id_updated_at_id_idx" ON "invitations"("interview_id", "updated_at", "id");
CREATE INDEX "candidate_sessions_invitation_id_idx" ON "candidate_sessions"("invitation_id");
CREATE UNIQUE INDEX "notifications_dedupe_key_key" ON "notifications"("dedupe_key");

ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interview_versions" ADD CONSTRAINT "interview_versions_interview_id_fkey" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "questions" ADD CONSTRAINT "questions_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "interview_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "candidate_sessions" ADD CONSTRAINT "candidate_sessions_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "interview_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;
