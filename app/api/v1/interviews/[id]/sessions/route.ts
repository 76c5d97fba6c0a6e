import { NextResponse } from "next/server";
import { requireApiActor } from "@/lib/auth/api-auth";
import { queryOf, type IdParams } from "@/lib/api/v1";
import { route } from "@/lib/http";
import { listSessions } from "@/lib/server/sessions/list-sessions";

/** The interview's candidate sessions with status and progress: ?status=&limit=&cursor= → { data, nextCursor }. */
export const GET = route<IdParams>(async (req, { params }) => {
  const actor = await requireApiActor(req);
  return NextResponse.json(await listSessions({ actor, interviewId: (await params).id, input: queryOf(req) }));
});
