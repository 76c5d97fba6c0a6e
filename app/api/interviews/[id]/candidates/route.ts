import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { route } from "@/lib/http";
import { listCandidates } from "@/lib/server/invitations/list-candidates";

/**
 * The dashboard's candidates table polls this (cookie session; the public API is /api/v1).
 * Query: status, q, sort, order, cursor, limit. Someone else's interview is a 404.
 */
export const GET = route<{ params: Promise<{ id: string }> }>(async (req, { params, requestId }) => {
  const user = await requireApiUser();
  const { id } = await params;
  const query = Object.fromEntries(
    ["status", "q", "sort", "order", "cursor", "limit"].flatMap((k) => {
      const v = req.nextUrl.searchParams.get(k);
      return v === null || v === "" ? [] : [[k, v]];
    }),
  );
  const page = await listCandidates({ actor: user, interviewId: id, input: query, requestId });
  return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
});
