// A webhook endpoint's input: the settings form, the server action, the API and the use case
// validate with this. The URL's safety (public address, https) is checked by the use case,
// which resolves the host (lib/server/webhooks/address-guard.ts).
import { z } from "zod";
import { eventTypes, isEventType } from "@/lib/events/catalog";
import { text } from "./text";

export const WEBHOOK_URL_MAX = 2048;

export const createWebhookSchema = z.strictObject({
  url: text({ error: "Enter the URL that should receive the events.", trim: true })
    .min(1, "Enter the URL that should receive the events.")
    .max(WEBHOOK_URL_MAX, `Keep the URL under ${WEBHOOK_URL_MAX} characters.`),
  eventTypes: z
    .array(z.string({ error: "Each event type is a string such as candidate.completed." }), { error: "Choose the event types to receive, as a list." })
    .min(1, "Choose at least one event type.")
    .max(eventTypes.length * 2, "Too many event types.")
    .superRefine((types, ctx) => {
      for (const [i, t] of types.entries()) {
        if (!isEventType(t)) {
          ctx.addIssue({ code: "custom", path: [i], message: `Unknown event type ${JSON.stringify(t).slice(0, 80)}: choose from ${eventTypes.join(", ")}.` });
        }
      }
    })
    .transform((types) => eventTypes.filter((t) => types.includes(t))),
});
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;
