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
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/actions/api-keys";
import type { FieldErrors } from "@/lib/errors";
import type { ApiKeyView } from "@/lib/server/api-keys/api-key-dto";

/**
 * API keys for scripts and ATS integrations: create one with a name (the key is shown once,
 * with a copy button), see when each was last used, revoke.
 */
export function ApiKeysSection({ apiKeys, docsHref }: { apiKeys: ApiKeyView[]; docsHref: string }) {
  const t = useTranslations("apiKeys");
  const format = useFormatter();
  const router = useRouter();
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const { pending, run } = useSubmit();

  async function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const name = String(new FormData(formEl).get("name") ?? "");
    setError(null);
    await run(async () => {
      const result = await createApiKeyAction({ name });
      if (!result.ok) {
        setFields(result.fields ?? {});
        setError(result.error);
        return;
      }
      setFields({});
      setCreated({ key: result.data.key, name: result.data.apiKey.name });
      formEl.reset();
      router.refresh();
    }, setError);
  }

  async function onRevoke(key: ApiKeyView) {
    if (!window.confirm(t("revokeConfirm", { name: key.name }))) return;
    setError(null);
    setRevoking(key.id);
    try {
      const result = await revokeApiKeyAction({ id: key.id });
      if (!result.ok) setError(result.error);
      else router.refresh();
    } catch {
      setError(t("networkError"));
    } finally {
      setRevoking(null);
    }
  }

  const date = (iso: string) => format.dateTime(new Date(iso), "long");

  return (
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
            key={created.key}
            id="new-api-key"
            title={t("createdTitle", { name: created.name })}
            warning={t("createdWarning")}
            label={t("keyLabel")}
            value={created.key}
            labels={{ copy: t("copy"), copied: t("copied"), dismiss: t("dismiss") }}
            onDismiss={() => setCreated(null)}
            onCopyFailed={() => setError(t("copyFailed"))}
          />
        )}

        <form onSubmit={onCreate} className="flex max-w-md flex-col gap-3 sm:flex-row sm:items-end" noValidate>
          <div className="flex-1">
            <Field id="api-key-name" name="name" label={t("nameLabel")} hint={t("nameHint")} maxLength={100} required errors={fields.name} />
          </div>
          <Button type="submit" pending={pending}>
            {t("create")}
          </Button>
        </form>

        {apiKeys.length === 0 ? (
          <p className="text-sm text-slate-600">{t("empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200" aria-label={t("listLabel")}>
            {apiKeys.map((k) => (
              <li key={k.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0 text-sm">
                  <p className="font-medium break-words text-slate-900">
                    {k.name}{" "}
                    {k.revokedAt && (
                      <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">{t("revoked")}</span>
                    )}
                  </p>
                  <p className="font-mono text-xs text-slate-600">{k.prefix}…</p>
                  <p className="text-xs text-slate-600">
                    {t("createdAt", { date: date(k.createdAt) })} ·{" "}
                    {k.lastUsedAt ? t("lastUsed", { date: date(k.lastUsedAt) }) : t("neverUsed")}
                    {k.revokedAt && <> · {t("revokedAt", { date: date(k.revokedAt) })}</>}
                  </p>
                </div>
                {!k.revokedAt && (
                  <Button
                    type="button"
                    variant="secondary"
                    pending={revoking === k.id}
                    onClick={() => onRevoke(k)}
                    aria-label={t("revokeLabel", { name: k.name })}
                  >
                    {t("revoke")}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
