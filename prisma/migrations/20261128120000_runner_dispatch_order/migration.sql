-- A key's deliveries run in the order the dispatcher created them (its view of commit order),
-- not in events.seq order: seq is assigned at insert, so a transaction that commits late can
-- hold a lower seq than events already dispatched and running.
DROP INDEX "deliveries_pending_idx";
CREATE INDEX "deliveries_pending_idx" ON "deliveries" ("function_id", "partition_key", "id")
  WHERE "status" IN ('queued', 'running');
