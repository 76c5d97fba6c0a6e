import { inngest, subscribe } from "@/inngest/client";
import { emit } from "@/lib/engine/emit";
import { DELIVER_WEBHOOKS, eventTypes, type DomainEvent } from "@/lib/events/catalog";
import {
  attemptWebhookDelivery,
  notifyEndpointDisabled,
  planWebhookDeliveries,
  retrySchedule,
  type AttemptResult,
  type DeliveryPlan,
  type DisabledEmail,
} from "@/lib/server/webhooks/deliver-webhooks";

/**
 * Every catalog event → the owner's webhook endpoints that chose its type, signed per Standard
 * Webhooks (lib/server/webhooks). Each endpoint's try is a step of its own ("send-<endpoint>-
 * <try>"), so a retry goes only to the endpoints that failed; between tries the run sleeps
 * durably (WEBHOOK_RETRY_SCHEDULE: 5 s, 5 min, 30 min, 2 h, 5 h by default). A sleeping run
 * holds up no later event of its partition (the runner's sleeping deliveries step out of line;
 * on Inngest a sleep takes no concurrency), so later events may reach a receiver before an
 * earlier one's retry: receivers order by the payload's timestamp. While a try is in flight
 * (at most WEBHOOK_TIMEOUT_MS per endpoint, endpoints one after the other) the partition's next
 * event waits.
 *
 * A delivery that failed every try counts against its endpoint; the one that reaches
 * WEBHOOK_DISABLE_AFTER disables it and its owner is emailed (and notification.sent emitted).
 */
export const deliverWebhooksFn = inngest.createFunction(
  { id: DELIVER_WEBHOOKS, name: "Deliver webhooks", retries: 4, ...subscribe(...eventTypes) },
  async ({ event, step }) => {
    // With every trigger Inngest's inference gives up on `event.data`; it is validated upstream.
    const envelope = event.data as DomainEvent;
    const ctx = { event: { data: envelope }, step, functionId: DELIVER_WEBHOOKS };
    const plan = (await step.run("plan", () => planWebhookDeliveries(envelope))) as DeliveryPlan;
    if (plan.deliveries.length === 0) return { endpoints: 0, reason: plan.reason };

    const schedule = retrySchedule();
    const results = new Map<string, AttemptResult & { tries: number }>();
    let pending = plan.deliveries;
    for (let attempt = 0; attempt <= schedule.length && pending.length > 0; attempt++) {
      if (attempt > 0) await step.sleep(`wait-${attempt}`, `${Math.max(1, schedule[attempt - 1]!)}s`);
      const final = attempt === schedule.length;
      const next: typeof pending = [];
      for (const d of pending) {
        const result = (await step.run(`send-${d.endpointId}-${attempt}`, () => attemptWebhookDelivery({ deliveryId: d.id, final }))) as AttemptResult;
        results.set(d.endpointId, { ...result, tries: attempt + 1 });
        if (result.state === "retry") next.push(d);
        if (result.disabled) {
          const disabled = result.disabled;
          const sent = (await step.run(`notify-disabled-${d.endpointId}`, () => notifyEndpointDisabled(disabled))) as DisabledEmail;
          if ("email" in sent) {
            await emit(ctx, `announce-${d.endpointId}`, {
              eventType: "notification.sent",
              userId: sent.userId,
              data: { notificationId: sent.email.notificationId, type: "email", to: sent.email.to, subject: sent.email.subject, sentAt: sent.email.sentAt },
            });
          }
        }
      }
      pending = next;
    }
    const states = [...results.values()];
    return {
      endpoints: plan.deliveries.length,
      delivered: states.filter((r) => r.state === "delivered").length,
      failed: states.filter((r) => r.state === "failed").length,
      skipped: states.filter((r) => r.state === "skipped").length,
      disabled: states.filter((r) => r.disabled).length,
    };
  },
);
