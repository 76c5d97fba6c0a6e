"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { useSubmit } from "@/components/ui/use-submit";
import { formatBytes } from "@/lib/format";
import { toLocale } from "@/lib/i18n/config";
import { useLocalizeMessage } from "@/lib/i18n/localize-message";
import { AVATAR_TYPES } from "@/lib/schemas/user";
import type { AccountView } from "@/lib/server/users/user-dto";

export function AvatarForm({ account, maxBytes }: { account: AccountView; maxBytes: number }) {
  const router = useRouter();
  const t = useTranslations("settings.avatar");
  const localize = useLocalizeMessage();
  const size = formatBytes(maxBytes, toLocale(useLocale()));
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const { pending, run } = useSubmit();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setStatus({ tone: "error", text: t("chooseFirst") });
      return;
    }
    setStatus(null);
    await run(async () => {
      const body = new FormData();
      body.set("file", file);
      const res = await fetch("/api/account/avatar", { method: "POST", body });
      const json = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      if (!res.ok) {
        // The server's limit message carries the size; the form says it in the page's language.
        const text = res.status === 413 ? t("tooLarge", { size }) : json?.error?.message ? localize(json.error.message) : t("failed");
        setStatus({ tone: "error", text });
        return;
      }
      setStatus({ tone: "success", text: t("updated") });
      if (input.current) input.current.value = "";
      router.refresh();
    }, (text) => setStatus({ tone: "error", text: localize(text) }));
  }

  return (
    <Card>
      <CardHeader title={t("title")} description={t("description", { size })} />
      <form onSubmit={onSubmit} className="flex flex-col gap-4 sm:flex-row sm:items-center">
        <Avatar src={account.avatarUrl} name={account.fullName} size={64} />
        <div className="flex flex-1 flex-col gap-3 sm:flex-row sm:items-center">
          <label htmlFor="avatar" className="sr-only">
            {t("inputLabel")}
          </label>
          <input
            ref={input}
            id="avatar"
            name="file"
            type="file"
            accept={AVATAR_TYPES.join(",")}
            className="block w-full text-sm text-slate-600 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-slate-800 hover:file:bg-slate-200"
          />
          <Button type="submit" variant="secondary" pending={pending}>
            {t("upload")}
          </Button>
        </div>
      </form>
      {status && (
        <div className="mt-4">
          <Alert tone={status.tone}>{status.text}</Alert>
        </div>
      )}
    </Card>
  );
}
