import { NextResponse } from "next/server";
import { z } from "zod";
import { requireApiActor } from "@/lib/auth/api-auth";
import { readJson, route } from "@/lib/http";
import { createWebhookEndpoint } from "@/lib/server/webhooks/create-webhook-endpoint";
import { listWebhookEndpoints } from "@/lib/server/webhooks/list-webhook-endpoints";

/** A URL and a list of event types fit in a few KB. */
const WEBHOOK_BODY_LIMIT = 16 * 1024;

/** The account's live webhook endpoints, newest first (never their secrets) → { data }. */
export const GET = route(async (req) => {
  const actor = await requireApiActor(req);
  return NextResponse.json({ data: await listWebhookEndpoints({ actor }) });
});

/** `{url, eventTypes}` → 201 with the endpoint and its signing `secret` (`whsec_…`), shown this once. */
export const POST = route(async (req, { requestId }) => {
  const actor = await requireApiActor(req);
  const input = await readJson(req, z.unknown(), WEBHOOK_BODY_LIMIT);
  const endpoint = await createWebhookEndpoint({ actor, input, requestId });
  return NextResponse.json(endpoint, { status: 201, headers: { location: `/api/v1/webhooks/${endpoint.id}`, "cache-control": "no-store" } });
});
