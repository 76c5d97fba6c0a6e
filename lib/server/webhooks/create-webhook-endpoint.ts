import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { createWebhookSchema } from "@/lib/schemas/webhook";
import { assertLiveAccount } from "@/lib/server/interviews/owned-interview";
import { checkWebhookUrl, UnsafeWebhookUrlError, type GuardOptions } from "./address-guard";
import { newWebhookSecret } from "./signature";
import { toWebhookEndpointView, type WebhookEndpointView } from "./webhook-dto";

/** Live (not deleted) endpoints an account may hold at once. */
export const MAX_WEBHOOK_ENDPOINTS = 10;

export type CreatedWebhookEndpoint = WebhookEndpointView & { secret: string };

/**
 * A new endpoint for the actor's events of the chosen types. The URL is refused unless it is
 * https to a public address (every address its host resolves to; WEBHOOKS_ALLOW_PRIVATE lifts
 * this). The signing secret is in this answer only: the API and the settings page never show
 * it again.
 */
export async function createWebhookEndpoint({
  actor,
  input,
  guard,
}: {
  actor: { id: string };
  input: unknown;
  requestId?: string;
  /** Tests only: the address checks' setting instead of WEBHOOKS_ALLOW_PRIVATE. */
  guard?: GuardOptions;
}): Promise<CreatedWebhookEndpoint> {
  const parsed = createWebhookSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  let url: URL;
  try {
    url = await checkWebhookUrl(parsed.data.url, guard);
  } catch (err) {
    if (!(err instanceof UnsafeWebhookUrlError)) throw err;
    throw new AppError("VALIDATION", err.message, { url: [err.message] });
  }
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await assertLiveAccount(tx, actor);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('webhook_endpoints'), hashtext(${actor.id}))`;
    const live = await tx.webhookEndpoint.count({ where: { userId: actor.id, deletedAt: null } });
    if (live >= MAX_WEBHOOK_ENDPOINTS) {
      throw new AppError(
        "CONFLICT",
        `You already have ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints. Delete one you no longer use, then add a new one.`,
        undefined,
        { limit: MAX_WEBHOOK_ENDPOINTS, live },
      );
    }
    const secret = newWebhookSecret();
    const endpoint = await tx.webhookEndpoint.create({
      data: { userId: actor.id, url: url.toString(), secret, eventTypes: parsed.data.eventTypes },
    });
    return { ...toWebhookEndpointView(endpoint), secret };
  });
}
