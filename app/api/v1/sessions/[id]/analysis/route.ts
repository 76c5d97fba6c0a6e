import { NextResponse } from "next/server";
import { requireApiActor } from "@/lib/auth/api-auth";
import type { IdParams } from "@/lib/api/v1";
import { route } from "@/lib/http";
import { requestAnalysis } from "@/lib/server/analysis/request-analysis";

/** Analyse the session again with the current prompt versions. No body; 202 with the request. */
export const POST = route<IdParams>(async (req, { params, requestId }) => {
  const actor = await requireApiActor(req);
  return NextResponse.json(await requestAnalysis({ actor, sessionId: (await params).id, requestId }), { status: 202 });
});
