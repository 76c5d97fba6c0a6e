import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { route } from "@/lib/http";
import { buildOpenApiDocument } from "@/lib/openapi/document";

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The OpenAPI 3.1 document of /api/v1 (public: it describes the API, not anyone's data). */
export const GET = route(async () => {
  cached ??= buildOpenApiDocument(new URL(env.APP_URL).origin);
  return NextResponse.json(cached, { headers: { "cache-control": "public, max-age=300" } });
});
