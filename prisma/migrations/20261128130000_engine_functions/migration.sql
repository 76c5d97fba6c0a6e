-- CreateTable
CREATE TABLE "engine_functions" (
    "function_id" TEXT NOT NULL,
    "registrant" TEXT NOT NULL,
    "triggers" TEXT[],
    "max_attempts" INTEGER NOT NULL,
    "config" JSONB,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "engine_functions_pkey" PRIMARY KEY ("function_id","registrant")
);

-- ───── hand-written: what Prisma's schema language cannot express ─────

-- Throttles count the runs a function started in the last period.
CREATE INDEX "deliveries_started_idx" ON "deliveries" ("function_id", "first_started_at")
  WHERE "first_started_at" IS NOT NULL;
-- Retention: completed deliveries past their age are pruned oldest first.
CREATE INDEX "deliveries_completed_idx" ON "deliveries" ("finished_at")
  WHERE "status" = 'completed';
