import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { route } from "@/lib/http";
import { listCandidatesForDashboard } from "@/lib/server/invitations/list-candidates";

/**
 * The dashboard's candidates table polls this (cookie session; the public API is /api/v1).
 * Query: status, decision, q, sort, order, cursor, limit. Someone else's interview is a 404.
 * Blind review applies: a hidden candidate's name and email never leave the server.
 */
export const GET = route<{ params: Promise<{ id: string }> }>(async (req, { params }) => {
  const user = await requireApiUser();
  const { id } = await params;
  const query = Object.fromEntries(
    ["status", "decision", "q", "sort", "order", "cursor", "limit"].flatMap((k) => {
      const v = req.nextUrl.searchParams.get(k);
      return v === null || v === "" ? [] : [[k, v]];
    }),
  );
  const page = await listCandidatesForDashboard({ actor: user, interviewId: id, input: query });
  return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
});
