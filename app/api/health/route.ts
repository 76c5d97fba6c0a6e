import { NextResponse } from "next/server";
import { checkAdapters } from "@/lib/adapters";
import { getDbHandle } from "@/lib/db/client";
import { env, integrations } from "@/lib/env";
import { route } from "@/lib/http";
import { eventBacklog } from "@/lib/engine/status";
import { uploadLockerKind, uploadStoreKind } from "@/lib/server/uploads/upload-store";

export const dynamic = "force-dynamic";

/** Liveness and readiness for load balancers and the CI smoke test. */
export const GET = route(async () => {
  const adapters = checkAdapters();
  const db = await getDbHandle();
  await db.query("SELECT 1");
  // Storage, email and AI: what the adapters actually build with this configuration.
  return NextResponse.json({
    status: "ok",
    database: db.kind,
    integrations: { ...integrations, ...adapters },
    // Resumable uploads: where chunks wait (S3 is shared by every instance) and tus's lock
    // (in PostgreSQL only for the shared S3 store: handle-upload-request.ts picks it the same way).
    uploads: { store: uploadStoreKind(env), locker: uploadLockerKind(uploadStoreKind(env), env.DATABASE_URL) },
    events: await eventBacklog(),
  });
});
