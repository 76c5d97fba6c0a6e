-- The candidate's consent to AI analysis, kept: HR may switch analysis on after a candidate
-- started without being asked, and such a session's answers are then not analysed.
-- AlterTable
ALTER TABLE "candidate_sessions" ADD COLUMN "ai_consent_at" TIMESTAMPTZ(3);

-- Until now every session was started with the AI consent given.
UPDATE "candidate_sessions" SET "ai_consent_at" = "consent_at" WHERE "consent_at" IS NOT NULL;
