-- Issue 13: HR's review (ratings, decision, comments, shortlist, blind mode), one report per
-- interview, webhook endpoints and their delivery log, retention and erasure.
-- DropIndex
DROP INDEX "reports_interview_id_idx";

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "retention_days" INTEGER;

-- AlterTable
ALTER TABLE "interviews" ADD COLUMN     "blind_review" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "retention_applied_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "candidate_sessions" ADD COLUMN     "decision" TEXT,
ADD COLUMN     "erased_at" TIMESTAMPTZ(3),
ADD COLUMN     "reviewed_at" TIMESTAMPTZ(3),
ADD COLUMN     "reviewed_by" UUID,
ADD COLUMN     "shortlisted" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "question_ratings" (
    "session_id" UUID NOT NULL,
    "question_id" UUID NOT NULL,
    "rating" INTEGER NOT NULL,
    "rated_by" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "question_ratings_pkey" PRIMARY KEY ("session_id","question_id")
);

-- CreateTable
CREATE TABLE "review_comments" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "question_id" UUID,
    "author_id" UUID,
    "author_name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "event_types" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "disabled_at" TIMESTAMPTZ(3),
    "disabled_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "response_status" INTEGER,
    "error" TEXT,
    "duration_ms" INTEGER,
    "last_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "review_comments_session_id_created_at_idx" ON "review_comments"("session_id", "created_at");

-- CreateIndex
CREATE INDEX "webhook_endpoints_user_id_created_at_idx" ON "webhook_endpoints"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_idx" ON "webhook_deliveries"("endpoint_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_id_event_id_key" ON "webhook_deliveries"("endpoint_id", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "reports_interview_id_key" ON "reports"("interview_id");

-- AddForeignKey
ALTER TABLE "question_ratings" ADD CONSTRAINT "question_ratings_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "candidate_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "candidate_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Values the application writes, enforced where the data lives.
ALTER TABLE "candidate_sessions" ADD CONSTRAINT "candidate_sessions_decision_check" CHECK ("decision" IN ('advance', 'hold', 'reject'));
ALTER TABLE "candidate_sessions" ADD CONSTRAINT "candidate_sessions_rating_check" CHECK ("rating" BETWEEN 1 AND 5);
ALTER TABLE "question_ratings" ADD CONSTRAINT "question_ratings_rating_check" CHECK ("rating" BETWEEN 1 AND 5);
ALTER TABLE "users" ADD CONSTRAINT "users_retention_days_check" CHECK ("retention_days" BETWEEN 1 AND 3650);
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_status_check" CHECK ("status" IN ('pending', 'delivered', 'failed'));
