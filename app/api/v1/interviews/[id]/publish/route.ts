import { NextResponse } from "next/server";
import { requireApiActor } from "@/lib/auth/api-auth";
import type { IdParams } from "@/lib/api/v1";
import { route } from "@/lib/http";
import { publishInterview } from "@/lib/server/interviews/publish-interview";

/** draft → published → { publicLink, expiresAt, interview }. No body. */
export const POST = route<IdParams>(async (req, { params, requestId }) => {
  const actor = await requireApiActor(req);
  const { publicLink, expiresAt, interview } = await publishInterview({ actor, interviewId: (await params).id, requestId });
  return NextResponse.json({ publicLink, expiresAt, interview });
});
