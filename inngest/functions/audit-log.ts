import { inngest, subscribe } from "@/inngest/client";
import { AUDIT_LOG, eventTypes, type DomainEvent } from "@/lib/events/catalog";
import { recordAuditEntry } from "@/lib/server/audit/record-audit-entry";

/** Every domain event → one line in the audit log. */
export const auditLogFn = inngest.createFunction(
  { id: AUDIT_LOG, name: "Audit log", retries: 8, ...subscribe(...eventTypes) },
  // With all 18 triggers Inngest's inference gives up on `event.data`; it is validated upstream.
  async ({ event, step }) => step.run("record", () => recordAuditEntry(event.data as DomainEvent)),
);
