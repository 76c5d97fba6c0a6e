import { NextResponse } from "next/server";
import { requireApiActor } from "@/lib/auth/api-auth";
import type { IdParams } from "@/lib/api/v1";
import { route } from "@/lib/http";
import { getSession } from "@/lib/server/sessions/get-session";

/** One session with its answers, one per question of the version the candidate answers. */
export const GET = route<IdParams>(async (req, { params }) => {
  const actor = await requireApiActor(req);
  return NextResponse.json(await getSession({ actor, sessionId: (await params).id }));
});
