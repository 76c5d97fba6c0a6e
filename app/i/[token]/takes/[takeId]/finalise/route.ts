import { NextResponse } from "next/server";
import { z } from "zod";
import { readJson, route } from "@/lib/http";
import { finaliseTake } from "@/lib/server/candidates/finalise-take";
import { sessionSecretOf } from "@/lib/server/candidates/take-request";

// A candidate submits a take whose bytes were uploaded (lib/server/candidates/finalise-take.ts).
// Body: {bytes, sha256, durationSeconds, mimeType?}.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const body = z.object({ bytes: z.unknown(), sha256: z.unknown(), durationSeconds: z.unknown(), mimeType: z.unknown() }).partial();

export const POST = route<{ params: Promise<{ token: string; takeId: string }> }>(async (req, { params, requestId }) => {
  const { token, takeId } = await params;
  const secret = sessionSecretOf(req);
  const input = await readJson(req, body, 4096);
  return NextResponse.json(await finaliseTake({ token, secret, takeId, ...input, requestId }));
});
