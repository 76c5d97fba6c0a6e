"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ShownOnceSecret } from "./shown-once-secret";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useSubmit } from "@/components/ui/use-submit";
import {
  createWebhookAction,
  deleteWebhookAction,
  enableWebhookAction,
  listWebhookDeliveriesAction,
  resendWebhookDeliveryAction,
} from "@/lib/actions/webhooks";
import type { FieldErrors } from "@/lib/errors";
import type { WebhookDeliveryView, WebhookEndpointView } from "@/lib/server/webhooks/webhook-dto";

/**
 * Webhook endpoints: register a URL for chosen event types (the signing secret is shown once,
 * with a copy button), see whether each is on (or why it was turned off), turn it back on,
 * delete it, and open its delivery log, where a delivery can be sent again.
 */
export function WebhooksSection({ endpoints, eventTypes, docsHref }: { endpoints: WebhookEndpointView[]; eventTypes: string[]; docsHref: string }) {
  const t = useTranslations("webhooks");
  const router = useRouter();
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ secret: string; url: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { pending, run } = useSubmit();

  async function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const url = String(form.get("url") ?? "");
    const types = form.getAll("eventTypes").map(String);
    setError(null);
    await run(async () => {
      const result = await createWebhookAction({ url, eventTypes: types });
      if (!result.ok) {
        setFields(result.fields ?? {});
        setError(result.error);
        return;
      }
      setFields({});
      setCreated({ secret: result.data.secret, url: result.data.url });
      formEl.reset();
      router.refresh();
    }, setError);
  }

  async function act(id: string, call: () => Promise<{ ok: boolean; error?: string }>) {
    setError(null);
    setBusy(id);
    try {
      const result = await call();
      if (!result.ok) setError(result.error ?? t("networkError"));
      else router.refresh();
    } catch {
      setError(t("networkError"));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div id="webhooks">
      <Card>
        <CardHeader
          title={t("title")}
          description={t.rich("description", {
            docs: (chunks) => (
              <a className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600" href={docsHref}>
                {chunks}
              </a>
            ),
          })}
        />
        <div className="space-y-5">
          {error && <Alert tone="error">{error}</Alert>}

          {created && (
            <ShownOnceSecret
              key={created.secret}
              id="new-webhook-secret"
              title={t("createdTitle", { url: created.url })}
              warning={t("createdWarning")}
              label={t("secretLabel")}
              value={created.secret}
              labels={{ copy: t("copy"), copied: t("copied"), dismiss: t("dismiss") }}
              onDismiss={() => setCreated(null)}
              onCopyFailed={() => setError(t("copyFailed"))}
              titleClassName="break-all"
            />
          )}

          <form onSubmit={onCreate} className="space-y-4" noValidate>
            <div className="max-w-xl">
              <Field
                id="webhook-url"
                name="url"
                type="url"
                inputMode="url"
                label={t("urlLabel")}
                hint={t("urlHint")}
                placeholder="https://example.com/webhooks/intervue"
                maxLength={2048}
                required
                errors={fields.url}
              />
            </div>
            <fieldset aria-describedby={fields.eventTypes?.length ? "webhook-types-error" : undefined}>
              <legend className="text-sm font-medium text-slate-800">{t("eventTypesLabel")}</legend>
              <div className="mt-2 grid gap-x-4 gap-y-1.5 sm:grid-cols-2 lg:grid-cols-3">
                {eventTypes.map((type) => (
                  <label key={type} className="flex items-center gap-2 text-sm text-slate-700">
                    <input type="checkbox" name="eventTypes" value={type} className="size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500" />
                    <span className="font-mono text-xs">{type}</span>
                  </label>
                ))}
              </div>
              {fields.eventTypes?.length ? (
                <p id="webhook-types-error" role="alert" className="mt-1.5 text-sm text-red-600">
                  {fields.eventTypes.join(" ")}
                </p>
              ) : null}
            </fieldset>
            <Button type="submit" pending={pending}>
              {t("create")}
            </Button>
          </form>

          {endpoints.length === 0 ? (
            <p className="text-sm text-slate-600">{t("empty")}</p>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200" aria-label={t("listLabel")}>
              {endpoints.map((endpoint) => (
                <EndpointItem
                  key={endpoint.id}
                  endpoint={endpoint}
                  busy={busy}
                  onEnable={() => act(endpoint.id, () => enableWebhookAction({ id: endpoint.id }))}
                  onDelete={() => {
                    if (window.confirm(t("deleteConfirm", { url: endpoint.url }))) void act(endpoint.id, () => deleteWebhookAction({ id: endpoint.id }));
                  }}
                  onError={setError}
                />
              ))}
            </ul>
          )}
        </div>
      </Card>
    </div>
  );
}

function EndpointItem({
  endpoint,
  busy,
  onEnable,
  onDelete,
  onError,
}: {
  endpoint: WebhookEndpointView;
  busy: string | null;
  onEnable: () => void;
  onDelete: () => void;
  onError: (message: string) => void;
}) {
  const t = useTranslations("webhooks");
  const format = useFormatter();
  const [log, setLog] = useState<WebhookDeliveryView[] | null>(null);
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);
  const [resending, setResending] = useState<string | null>(null);
  const logId = `webhook-log-${endpoint.id}`;

  async function load() {
    setLoading(true);
    try {
      const result = await listWebhookDeliveriesAction({ id: endpoint.id });
      if (result.ok) setLog(result.data);
      else onError(result.error);
    } catch {
      onError(t("networkError"));
    } finally {
      setLoading(false);
    }
  }

  async function toggle() {
    const next = !open;
    setOpen(next);
    if (next) await load();
  }

  async function resend(delivery: WebhookDeliveryView) {
    setResending(delivery.id);
    try {
      const result = await resendWebhookDeliveryAction({ endpointId: endpoint.id, deliveryId: delivery.id });
      if (!result.ok) onError(result.error);
      else setLog((rows) => rows?.map((r) => (r.id === delivery.id ? result.data : r)) ?? null);
    } catch {
      onError(t("networkError"));
    } finally {
      setResending(null);
    }
  }

  const date = (iso: string) => format.dateTime(new Date(iso), "long");

  return (
    <li className="space-y-3 p-3" data-testid="webhook-endpoint">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 text-sm">
          <p className="font-mono text-xs font-medium break-all text-slate-900">{endpoint.url}</p>
          <p className="mt-1 text-xs">
            {endpoint.enabled ? (
              <span data-testid="webhook-state" className="rounded bg-emerald-50 px-1.5 py-0.5 font-medium text-emerald-800">{t("enabled")}</span>
            ) : (
              <span data-testid="webhook-state" className="rounded bg-red-50 px-1.5 py-0.5 font-medium text-red-800">{t("disabled")}</span>
            )}
            {!endpoint.enabled && endpoint.disabledAt && (
              <span className="ml-2 text-slate-600">{t("disabledBecause", { date: date(endpoint.disabledAt), failures: endpoint.consecutiveFailures })}</span>
            )}
          </p>
          <p className="mt-1 text-xs text-slate-600">
            {t("eventTypesList", { count: endpoint.eventTypes.length })} <span className="font-mono">{endpoint.eventTypes.join(", ")}</span>
          </p>
          <p className="text-xs text-slate-600">{t("createdAt", { date: date(endpoint.createdAt) })}</p>
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          <Button type="button" variant="secondary" onClick={toggle} aria-expanded={open} aria-controls={logId} pending={loading}>
            {open ? t("hideLog") : t("showLog")}
          </Button>
          {!endpoint.enabled && (
            <Button type="button" variant="secondary" onClick={onEnable} pending={busy === endpoint.id} aria-label={t("enableLabel", { url: endpoint.url })}>
              {t("enable")}
            </Button>
          )}
          <Button type="button" variant="secondary" onClick={onDelete} pending={busy === endpoint.id} aria-label={t("deleteLabel", { url: endpoint.url })}>
            {t("delete")}
          </Button>
        </div>
      </div>
      {open && (
        <div id={logId}>
          {log === null ? (
            <p className="text-sm text-slate-600">{t("loading")}</p>
          ) : log.length === 0 ? (
            <p className="text-sm text-slate-600">{t("noDeliveries")}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="min-w-full text-left text-xs">
                <caption className="sr-only">{t("logCaption", { url: endpoint.url })}</caption>
                <thead className="text-slate-600">
                  <tr>
                    <th scope="col" className="py-1.5 pr-3 font-medium">{t("colEvent")}</th>
                    <th scope="col" className="py-1.5 pr-3 font-medium">{t("colStatus")}</th>
                    <th scope="col" className="py-1.5 pr-3 font-medium">{t("colHttp")}</th>
                    <th scope="col" className="py-1.5 pr-3 font-medium">{t("colAttempts")}</th>
                    <th scope="col" className="py-1.5 pr-3 font-medium">{t("colTime")}</th>
                    <th scope="col" className="py-1.5 font-medium">
                      <span className="sr-only">{t("colActions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {log.map((d) => (
                    <tr key={d.id} data-testid="webhook-delivery">
                      <td className="py-1.5 pr-3 font-mono">{d.eventType}</td>
                      <td className="py-1.5 pr-3">
                        <span title={d.error ?? undefined}>{t(`status.${d.status}`)}</span>
                        {d.error && <span className="block max-w-xs truncate text-slate-500">{d.error}</span>}
                      </td>
                      <td className="py-1.5 pr-3">{d.responseStatus ?? "—"}</td>
                      <td className="py-1.5 pr-3">{d.attempts}</td>
                      <td className="py-1.5 pr-3 whitespace-nowrap">{date(d.lastAttemptAt ?? d.createdAt)}</td>
                      <td className="py-1.5">
                        <Button
                          type="button"
                          variant="ghost"
                          onClick={() => resend(d)}
                          pending={resending === d.id}
                          aria-label={t("resendLabel", { eventType: d.eventType, date: date(d.createdAt) })}
                        >
                          {t("resend")}
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </li>
  );
}
