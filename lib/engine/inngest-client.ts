// The connection to Inngest (event key, signing key, Dev Server URL), built from the typed env.
// It lives in the engine because the outbox relay sends through it; `inngest/client.ts`
// re-exports it and adds the catalog's typed events for the function definitions.
import { Inngest } from "inngest";
import type { DomainEvent } from "@/lib/events/catalog";
import { env, inngestEnabled } from "@/lib/env";

function devServerUrl(value: string | undefined): string | undefined {
  if (!value || !/^https?:\/\//i.test(value)) return undefined;
  return value;
}

/** The app id Inngest knows the web app by; a worker host serves its own app (see placement). */
export const INNGEST_APP_ID = "intervue";

export function createInngestClient(id: string = INNGEST_APP_ID): Inngest {
  return new Inngest({
    id,
    // Passed explicitly: lib/env.ts is the one reader of process.env.
    eventKey: env.INNGEST_EVENT_KEY,
    signingKey: env.INNGEST_SIGNING_KEY,
    isDev: inngestEnabled(env) && !env.INNGEST_EVENT_KEY,
    baseUrl: env.INNGEST_BASE_URL ?? devServerUrl(env.INNGEST_DEV),
  });
}

export const inngest = createInngestClient();

/** The Inngest form of a stored domain event: `name` = eventType, `id` = eventId, `data` = the envelope. */
export function toInngestEvent(event: DomainEvent) {
  return {
    name: event.eventType,
    id: event.eventId,
    ts: Date.parse(event.timestamp),
    v: event.metadata.version,
    data: event,
  };
}
