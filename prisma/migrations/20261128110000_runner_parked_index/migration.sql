-- Sleeping and waiting deliveries come due on their own; finding them must not walk the
-- (possibly long) queue of due deliveries that deliveries_due_idx also covers.
CREATE INDEX "deliveries_parked_idx" ON "deliveries" ("run_at") WHERE "status" IN ('sleeping', 'waiting');
