import { NextResponse } from "next/server";
import { route } from "@/lib/http";
import { checkUploadSpeed } from "@/lib/server/candidates/check-upload-speed";
import { sessionSecretOf } from "@/lib/server/candidates/take-request";

// The device check's upload test (lib/server/candidates/check-upload-speed.ts): random bytes,
// counted and discarded. Under /i/<token> so the browser sends the session cookie.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route<{ params: Promise<{ token: string }> }>(async (req, { params }) => {
  const { token } = await params;
  const secret = sessionSecretOf(req);
  const result = await checkUploadSpeed({ token, secret, declaredLength: req.headers.get("content-length"), body: req.body });
  return NextResponse.json(result, { headers: { "cache-control": "no-store" } });
});
