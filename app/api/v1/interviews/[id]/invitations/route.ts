import { NextResponse } from "next/server";
import { z } from "zod";
import { requireApiActor } from "@/lib/auth/api-auth";
import { INVITATIONS_BODY_LIMIT, queryOf, type IdParams } from "@/lib/api/v1";
import { readJson, route } from "@/lib/http";
import { addInvitations } from "@/lib/server/invitations/add-invitations";
import { listCandidates } from "@/lib/server/invitations/list-candidates";

/**
 * { candidates: [{ email, name }] } → { results }, one per candidate in order. 201 when at
 * least one candidate was invited, 200 when none was (every line an error: nothing created).
 */
export const POST = route<IdParams>(async (req, { params, requestId }) => {
  const actor = await requireApiActor(req);
  const input = await readJson(req, z.unknown(), INVITATIONS_BODY_LIMIT);
  const { results } = await addInvitations({ actor, interviewId: (await params).id, input, requestId });
  return NextResponse.json({ results }, { status: results.some((r) => r.status === "invited") ? 201 : 200 });
});

/** The interview's candidates: ?status=&q=&sort=&order=&limit=&cursor= → { data, nextCursor }. */
export const GET = route<IdParams>(async (req, { params }) => {
  const actor = await requireApiActor(req);
  return NextResponse.json(await listCandidates({ actor, interviewId: (await params).id, input: queryOf(req) }));
});
