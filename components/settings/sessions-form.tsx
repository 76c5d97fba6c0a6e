"use client";

import { useState } from "react";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { useSubmit } from "@/components/ui/use-submit";
import { signOutEverywhereAction } from "@/lib/actions/account";
import { useLocalizeMessage } from "@/lib/i18n/localize-message";

/** "Sign out everywhere": ends every session of the account on the server, then this one's cookie. */
export function SessionsForm({ activeSessions }: { activeSessions: number }) {
  const t = useTranslations("settings.sessions");
  const localize = useLocalizeMessage();
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useSubmit();

  async function onClick() {
    setError(null);
    await run(async () => {
      const result = await signOutEverywhereAction();
      if (!result.ok) {
        setError(result.error);
        return;
      }
      await signOut({ callbackUrl: "/sign-in" });
    }, setError);
  }

  return (
    <Card>
      <CardHeader title={t("title")} description={t("description", { count: activeSessions })} />
      {error && <Alert tone="error">{localize(error)}</Alert>}
      <Button type="button" variant="secondary" pending={pending} onClick={onClick}>
        {t("signOutEverywhere")}
      </Button>
    </Card>
  );
}
