import { route } from "@/lib/http";
import { signedMediaResponse } from "@/lib/server/media/signed-media-response";

// Recordings kept on local disk, for whoever holds a signed, unexpired URL
// (lib/server/media/playback-signature.ts); ranged reads answered with 206 so players can seek.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ path: string[] }> };

const serve = route<Ctx>(async (req, { params }) =>
  signedMediaResponse({
    segments: (await params).path,
    searchParams: req.nextUrl.searchParams,
    rangeHeader: req.headers.get("range"),
  }),
);

export const GET = serve;

/** The same headers as GET, without the bytes (players ask for the size first). */
export const HEAD = route<Ctx>(async (req, ctx) => {
  const res = await serve(req, ctx);
  await res.body?.cancel();
  return new Response(null, { status: res.status, headers: res.headers });
});
