-- AI analysis (issue 12): results with the model, prompt version and input hash they came
-- from; `skipped` answers (silent, or no provider to transcribe); the per-interview switch;
-- HR's email preference.

-- AlterEnum
ALTER TYPE "AnalysisStatus" ADD VALUE 'skipped';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "notify_hr" TEXT NOT NULL DEFAULT 'immediately';
ALTER TABLE "users" ADD CONSTRAINT "users_notify_hr_check" CHECK ("notify_hr" IN ('immediately', 'digest', 'off'));

-- AlterTable
ALTER TABLE "interviews" ADD COLUMN     "ai_analysis" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "analyses" ADD COLUMN     "input_hash" TEXT,
ADD COLUMN     "kind" TEXT,
ADD COLUMN     "prompt_version" TEXT,
ADD COLUMN     "result" JSONB,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- One transcript and one scoring per answer, one summary per session: the analysis functions
-- upsert on these, so a repeated delivery updates the row instead of adding another.
CREATE UNIQUE INDEX "analyses_response_type_key" ON "analyses" ("response_id", "analysis_type") WHERE "response_id" IS NOT NULL;
CREATE UNIQUE INDEX "analyses_session_summary_key" ON "analyses" ("session_id") WHERE "response_id" IS NULL AND "analysis_type" = 'summary';
