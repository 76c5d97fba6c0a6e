"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export function SsoButton({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth.sso");
  return (
    <>
      <div className="my-5 flex items-center gap-3 text-xs text-slate-500">
        <span className="h-px flex-1 bg-slate-200" />
        {t("or")}
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      <Button type="button" variant="secondary" className="w-full" onClick={() => signIn("keycloak", { callbackUrl })}>
        {t("continue")}
      </Button>
    </>
  );
}
