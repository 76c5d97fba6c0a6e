import { NextResponse } from "next/server";
import { requireApiActor } from "@/lib/auth/api-auth";
import type { IdParams } from "@/lib/api/v1";
import { route } from "@/lib/http";
import { getThumbnailUrl } from "@/lib/server/media/get-thumbnail";

/** An answer's poster: a redirect to a signed URL that works for an hour (media.processed's thumbnailUrl). */
export const GET = route<IdParams>(async (req, { params }) => {
  const actor = await requireApiActor(req);
  const url = await getThumbnailUrl({ actor, fileId: (await params).id });
  // A path of our own signed route, or the storage's presigned URL: never taken from the request.
  const res = NextResponse.redirect(new URL(url, req.url), 302);
  res.headers.set("Cache-Control", "private, no-store");
  return res;
});
