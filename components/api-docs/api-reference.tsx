// Renders the OpenAPI document of /api/v1 as plain HTML (a server component: no script, no
// CDN, nothing the CSP would block): authentication, then each operation with its parameters,
// request body, responses and a curl example, then the response schemas.
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { OperationSpec } from "@/lib/openapi/document";

/** The subset of JSON Schema / OpenAPI this page reads (the generated document is plain JSON). */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
};

type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema };
type MediaContent = Record<string, { schema?: JsonSchema; example?: unknown }>;
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  security?: unknown[];
  requestBody?: { content?: MediaContent };
  responses?: Record<string, { description?: string; content?: MediaContent }>;
};
export type OpenApiDocument = {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-800",
  post: "bg-emerald-100 text-emerald-800",
  patch: "bg-amber-100 text-amber-800",
  delete: "bg-red-100 text-red-800",
};

const refName = (ref: string) => ref.split("/").pop() ?? ref;
const schemaAnchor = (name: string) => `schema-${name}`;

/** A one-line type: `string`, `"en" | "ru"`, `Question[]`, `integer | null`. */
function typeOf(schema: JsonSchema | undefined): ReactNode {
  if (!schema) return "any";
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return (
      <a href={`#${schemaAnchor(name)}`} className="text-brand-700 underline underline-offset-2">
        {name}
      </a>
    );
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return join(variants.map((v) => typeOf(v)));
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.type === "array") return <>{typeOf(schema.items)}[]</>;
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  if (schema.type === "object" && !schema.properties && schema.additionalProperties && schema.additionalProperties !== true) {
    return <>{"{ [key]: "}{typeOf(schema.additionalProperties)}{" }"}</>;
  }
  return schema.format ? `${schema.type ?? "any"} (${schema.format})` : (schema.type ?? "any");
}

function join(parts: ReactNode[]): ReactNode {
  return parts.map((p, i) => (
    <span key={i}>
      {i > 0 && " | "}
      {p}
    </span>
  ));
}

/** Limits and defaults as short text: "1–200 characters", "0–300", "default 30". */
function constraints(schema: JsonSchema): string[] {
  const out: string[] = [];
  const range = (min?: number, max?: number, unit = "") =>
    min !== undefined && max !== undefined ? `${min}–${max}${unit}` : min !== undefined ? `≥ ${min}${unit}` : max !== undefined ? `≤ ${max}${unit}` : null;
  const variants = schema.anyOf ?? schema.oneOf;
  const inner = variants?.find((v) => v.type !== "null") ?? schema;
  const r = range(inner.minimum, inner.maximum) ?? range(inner.minLength, inner.maxLength, " chars") ?? range(inner.minItems, inner.maxItems, " items");
  if (r) out.push(r);
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  return out;
}

/** The object a property holds inline (not a $ref), to describe its own fields below it. */
function inlineObject(schema: JsonSchema): JsonSchema | null {
  if (schema.type === "object" && schema.properties) return schema;
  if (schema.type === "array" && schema.items) return inlineObject(schema.items);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) for (const v of variants) if (inlineObject(v)) return inlineObject(v);
  return null;
}

function Fields({ schema, labels, prefix = "" }: { schema: JsonSchema; labels: FieldLabels; prefix?: string }) {
  const required = new Set(schema.required ?? []);
  const rows = Object.entries(schema.properties ?? {});
  if (rows.length === 0) return null;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[32rem] text-left text-sm">
        <thead className="text-xs text-slate-500 uppercase">
          <tr>
            <th scope="col" className="py-1.5 pr-3 font-medium">{labels.field}</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">{labels.type}</th>
            <th scope="col" className="py-1.5 font-medium">{labels.notes}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map(([name, prop]) => {
            const nested = inlineObject(prop);
            const path = `${prefix}${name}${prop.type === "array" ? "[]" : ""}`;
            return (
              <tr key={name}>
                <td className="py-1.5 pr-3 font-mono text-xs break-all text-slate-900">
                  {prefix}
                  {name}
                  {required.has(name) && (
                    <span className="ml-1 text-red-700" title={labels.required}>
                      *<span className="sr-only"> ({labels.required})</span>
                    </span>
                  )}
                </td>
                <td className="py-1.5 pr-3 font-mono text-xs text-slate-700">{typeOf(prop)}</td>
                <td className="py-1.5 text-slate-600">
                  {[prop.description, ...constraints(prop)].filter(Boolean).join(" · ")}
                  {nested && (
                    <div className="mt-2 rounded-lg bg-slate-50 p-2">
                      <Fields schema={nested} labels={labels} prefix={`${path}.`} />
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

type FieldLabels = { field: string; type: string; notes: string; required: string };

function Code({ children, label }: { children: string; label: string }) {
  return (
    <pre
      className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs leading-relaxed text-slate-100"
      tabIndex={0}
      aria-label={label}
    >
      <code>{children}</code>
    </pre>
  );
}

function Heading({ level, id, children }: { level: 2 | 3; id?: string; children: ReactNode }) {
  const Tag = `h${level}` as const;
  const style = level === 2 ? "text-xl font-bold tracking-tight text-slate-900" : "text-base font-semibold text-slate-900";
  return (
    <Tag id={id} className={`${style} scroll-mt-6`}>
      {children}
    </Tag>
  );
}

/** A top-level part of the reference: its h2 names it and is its anchor. */
function Section({ id, title, className = "space-y-3", children }: { id: string; title: string; className?: string; children: ReactNode }) {
  return (
    <section className={className} aria-labelledby={id}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** A titled block of an operation (parameters, request body, responses, example). */
function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-semibold text-slate-900">{title}</h4>
      {children}
    </div>
  );
}

export async function ApiReference({
  document,
  operations,
  baseUrl,
}: {
  document: OpenApiDocument;
  operations: OperationSpec[];
  baseUrl: string;
}) {
  const t = await getTranslations("apiDocs");
  const labels: FieldLabels = { field: t("field"), type: t("type"), notes: t("notes"), required: t("required") };
  const schemas = Object.entries(document.components?.schemas ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const ops = operations.map((spec) => ({ spec, op: document.paths[spec.path]?.[spec.method] ?? {} }));
  const anchor = (spec: OperationSpec) => `op-${document.paths[spec.path]?.[spec.method]?.operationId ?? spec.method + spec.path}`;

  return (
    <div className="space-y-10">
      <header className="space-y-3">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t("title")}</h1>
        <p className="text-slate-600">{t("intro")}</p>
        <p className="text-sm text-slate-600">
          {t.rich("machineReadable", {
            link: (chunks) => (
              <a href="/api/v1/openapi.json" className="font-medium text-brand-700 underline underline-offset-2">
                {chunks}
              </a>
            ),
            version: document.info.version,
          })}
        </p>
      </header>

      <nav aria-label={t("contents")} className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <h2 className="mb-2 text-sm font-semibold text-slate-900">{t("contents")}</h2>
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          <li>
            <a className="text-brand-700 underline-offset-2 hover:underline" href="#authentication">
              {t("authTitle")}
            </a>
          </li>
          <li>
            <a className="text-brand-700 underline-offset-2 hover:underline" href="#errors">
              {t("errorsTitle")}
            </a>
          </li>
          {ops.map(({ spec, op }) => (
            <li key={anchor(spec)} className="min-w-0">
              <a className="text-brand-700 underline-offset-2 hover:underline" href={`#${anchor(spec)}`}>
                <span className="font-mono text-xs uppercase">{spec.method}</span> <span className="font-mono text-xs break-all">{spec.path}</span>
                {op.summary ? <span className="text-slate-600"> — {op.summary}</span> : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <Section id="authentication" title={t("authTitle")}>
        <p className="text-slate-700">{t("authKeys")}</p>
        <Code label={t("exampleLabel")}>{`export INTERVUE_URL=${baseUrl}\nexport INTERVUE_API_KEY=ivk_…\ncurl -H "Authorization: Bearer $INTERVUE_API_KEY" $INTERVUE_URL/api/v1/me`}</Code>
        <p className="text-slate-700">{t("authCookie")}</p>
        <p className="text-slate-700">{t("pagination")}</p>
      </Section>

      <Section id="errors" title={t("errorsTitle")}>
        <p className="text-slate-700">{t("errorsText")}</p>
        <Code label={t("exampleLabel")}>
          {JSON.stringify(
            {
              error: {
                code: "VALIDATION",
                message: "Please correct the highlighted fields.",
                fields: { "questions.0.thinkSeconds": ["The thinking time must be at most 300 seconds."] },
                requestId: "5b0e…",
              },
            },
            null,
            2,
          )}
        </Code>
      </Section>

      <Section id="operations" title={t("operationsTitle")} className="space-y-6">
        {ops.map(({ spec, op }) => {
          const body = op.requestBody?.content?.["application/json"];
          const params = op.parameters ?? [];
          return (
            <article
              key={anchor(spec)}
              id={anchor(spec)}
              className="scroll-mt-6 space-y-4 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
              aria-labelledby={`${anchor(spec)}-title`}
            >
              <header className="space-y-1">
                <h3 id={`${anchor(spec)}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
                  <span className={`rounded px-2 py-0.5 font-mono text-xs uppercase ${METHOD_STYLE[spec.method] ?? ""}`}>{spec.method}</span>
                  <span className="font-mono text-sm break-all">{spec.path}</span>
                </h3>
                {op.summary && <p className="font-medium text-slate-800">{op.summary}</p>}
                {op.description && <p className="text-sm text-slate-600">{op.description}</p>}
                {op.security?.length === 0 && <p className="text-sm text-slate-600">{t("noAuth")}</p>}
              </header>

              {params.length > 0 && (
                <Part title={t("parameters")}>
                  <Fields
                    labels={labels}
                    schema={{
                      type: "object",
                      required: params.filter((p) => p.required).map((p) => p.name),
                      properties: Object.fromEntries(
                        params.map((p) => [
                          p.name,
                          { ...p.schema, description: [t(`in.${p.in === "path" ? "path" : "query"}`), p.description ?? p.schema?.description].filter(Boolean).join(" · ") },
                        ]),
                      ),
                    }}
                  />
                </Part>
              )}

              {body?.schema && (
                <Part title={t("requestBody")}>
                  {body.schema.$ref ? <p className="font-mono text-xs">{typeOf(body.schema)}</p> : <Fields schema={body.schema} labels={labels} />}
                </Part>
              )}

              <Part title={t("responses")}>
                <ul className="space-y-1 text-sm">
                  {Object.entries(op.responses ?? {}).map(([status, res]) => (
                    <li key={status} className="flex flex-wrap gap-x-2">
                      <span className={`font-mono text-xs font-semibold ${Number(status) >= 400 ? "text-red-700" : "text-emerald-700"}`}>{status}</span>
                      <span className="text-slate-700">{res.description}</span>
                      {res.content?.["application/json"]?.schema && (
                        <span className="font-mono text-xs text-slate-600">→ {typeOf(res.content["application/json"].schema)}</span>
                      )}
                    </li>
                  ))}
                </ul>
              </Part>

              <Part title={t("example")}>
                <Code label={t("exampleLabel")}>{spec.curl}</Code>
              </Part>
            </article>
          );
        })}
      </Section>

      <Section id="schemas" title={t("schemasTitle")} className="space-y-6">
        {schemas.map(([name, schema]) => (
          <article
            key={name}
            id={schemaAnchor(name)}
            className="scroll-mt-6 space-y-2 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
            aria-labelledby={`${schemaAnchor(name)}-title`}
          >
            <h3 id={`${schemaAnchor(name)}-title`} className="font-mono text-base font-semibold text-slate-900">
              {name}
            </h3>
            {schema.description && <p className="text-sm text-slate-600">{schema.description}</p>}
            <Fields schema={schema} labels={labels} />
          </article>
        ))}
      </Section>
    </div>
  );
}
