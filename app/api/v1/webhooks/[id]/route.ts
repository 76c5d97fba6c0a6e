import { NextResponse } from "next/server";
import { requireApiActor } from "@/lib/auth/api-auth";
import type { IdParams } from "@/lib/api/v1";
import { route } from "@/lib/http";
import { deleteWebhookEndpoint } from "@/lib/server/webhooks/delete-webhook-endpoint";
import { getWebhookEndpoint } from "@/lib/server/webhooks/get-webhook-endpoint";

/** One webhook endpoint (never its secret). */
export const GET = route<IdParams>(async (req, { params }) => {
  const actor = await requireApiActor(req);
  return NextResponse.json(await getWebhookEndpoint({ actor, endpointId: (await params).id }));
});

/** Soft delete → 204: nothing more is sent to it. */
export const DELETE = route<IdParams>(async (req, { params, requestId }) => {
  const actor = await requireApiActor(req);
  await deleteWebhookEndpoint({ actor, endpointId: (await params).id, requestId });
  return new NextResponse(null, { status: 204 });
});
