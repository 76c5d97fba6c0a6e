import { NextResponse } from "next/server";
import { requireApiActor } from "@/lib/auth/api-auth";
import type { IdParams } from "@/lib/api/v1";
import { route } from "@/lib/http";
import { listWebhookDeliveries } from "@/lib/server/webhooks/list-webhook-deliveries";

/** The endpoint's delivery log, newest first (the latest 50) → { data }. */
export const GET = route<IdParams>(async (req, { params }) => {
  const actor = await requireApiActor(req);
  return NextResponse.json({ data: await listWebhookDeliveries({ actor, endpointId: (await params).id }) });
});
