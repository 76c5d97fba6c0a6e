import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApiReference, type OpenApiDocument } from "@/components/api-docs/api-reference";
import { Logo } from "@/components/ui/logo";
import { env } from "@/lib/env";
import { buildOpenApiDocument, OPERATIONS } from "@/lib/openapi/document";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiDocs"))("metaTitle") };
}

/** The REST API reference, rendered from the OpenAPI document; public, like the document. */
export default function ApiDocsPage() {
  const baseUrl = new URL(env.APP_URL).origin;
  const document = buildOpenApiDocument(baseUrl) as unknown as OpenApiDocument;
  return (
    <div className="min-h-dvh">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center px-4 py-3 sm:px-6">
          <Logo />
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
        <ApiReference document={document} operations={OPERATIONS} baseUrl={baseUrl} />
      </main>
    </div>
  );
}
