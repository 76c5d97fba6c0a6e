-- AlterTable
ALTER TABLE "users" ADD COLUMN     "last_logout_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "events" ADD COLUMN     "owner_id" UUID;

-- CreateTable
CREATE TABLE "deliveries" (
    "id" BIGSERIAL NOT NULL,
    "event_seq" BIGINT NOT NULL,
    "event_id" UUID NOT NULL,
    "function_id" TEXT NOT NULL,
    "partition_key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL,
    "run_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(3),
    "locked_by" TEXT,
    "last_error" TEXT,
    "wait_for" JSONB,
    "output" JSONB,
    "first_started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_steps" (
    "delivery_id" BIGINT NOT NULL,
    "step_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "result" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_steps_pkey" PRIMARY KEY ("delivery_id","step_id")
);

-- CreateTable
CREATE TABLE "delivery_attempts" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" BIGINT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "worker_id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" TEXT,
    "error" TEXT,
    "duration_ms" INTEGER,

    CONSTRAINT "delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consumer_receipts" (
    "function_id" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consumer_receipts_pkey" PRIMARY KEY ("function_id","event_id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "owner_id" UUID,
    "subject" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "correlation_id" TEXT,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "deliveries_event_seq_idx" ON "deliveries"("event_seq");

-- CreateIndex
CREATE UNIQUE INDEX "deliveries_event_id_function_id_key" ON "deliveries"("event_id", "function_id");

-- CreateIndex
CREATE INDEX "delivery_attempts_delivery_id_id_idx" ON "delivery_attempts"("delivery_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "audit_log_event_id_key" ON "audit_log"("event_id");

-- CreateIndex
CREATE INDEX "audit_log_owner_id_occurred_at_idx" ON "audit_log"("owner_id", "occurred_at");

-- CreateIndex
CREATE INDEX "events_owner_id_seq_idx" ON "events"("owner_id", "seq");

-- CreateIndex
CREATE INDEX "events_owner_id_event_type_seq_idx" ON "events"("owner_id", "event_type", "seq");

-- CreateIndex
CREATE INDEX "events_owner_id_topic_seq_idx" ON "events"("owner_id", "topic", "seq");

-- CreateIndex
CREATE INDEX "events_owner_id_timestamp_idx" ON "events"("owner_id", "timestamp");

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_event_seq_fkey" FOREIGN KEY ("event_seq") REFERENCES "events"("seq") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_steps" ADD CONSTRAINT "delivery_steps_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───── hand-written: what Prisma's schema language cannot express ─────

ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_status_check"
  CHECK ("status" IN ('queued', 'running', 'sleeping', 'waiting', 'completed', 'dead'));

-- The runner's claim: the oldest pending delivery per (function, partition key).
CREATE INDEX "deliveries_pending_idx" ON "deliveries" ("function_id", "partition_key", "event_seq")
  WHERE "status" IN ('queued', 'running');
-- Timers: back-off, sleeps, waitForEvent time-outs, expired leases.
CREATE INDEX "deliveries_due_idx" ON "deliveries" ("run_at")
  WHERE "status" IN ('queued', 'running', 'sleeping', 'waiting');
CREATE INDEX "deliveries_waiting_idx" ON "deliveries" (("wait_for"->>'event'))
  WHERE "status" = 'waiting';

-- Events not yet handed to their engine (dispatcher or Inngest relay).
CREATE INDEX "events_unrelayed_idx" ON "events" ("seq") WHERE "relayed_at" IS NULL;

-- Events written before owner_id existed belong to their userId partition.
UPDATE "events" SET "owner_id" = "user_id"::uuid WHERE "owner_id" IS NULL AND "user_id" IS NOT NULL;

-- Wake the runners when events are committed (NOTIFY is delivered at commit), whoever wrote them.
CREATE FUNCTION "intervue_notify_events"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('intervue_events', '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER "events_notify" AFTER INSERT ON "events"
  FOR EACH STATEMENT EXECUTE FUNCTION "intervue_notify_events"();
