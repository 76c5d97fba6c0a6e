import { route } from "@/lib/http";
import { handleUploadRequest } from "@/lib/server/uploads/handle-upload-request";

// Resumable uploads of candidates' recordings (tus 1.0; lib/server/uploads, decision 0006).
// Node runtime: @tus/server streams bodies to disk with node:fs. Kept out of proxy.ts's matcher
// for requests with a body (Next's proxy would buffer and truncate them).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = route(async (req) => handleUploadRequest(req));

export { handler as GET, handler as HEAD, handler as POST, handler as PATCH, handler as DELETE, handler as OPTIONS };
