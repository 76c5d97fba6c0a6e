"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useSubmit } from "@/components/ui/use-submit";
import { updateProfileAction } from "@/lib/actions/account";
import type { FieldErrors } from "@/lib/errors";
import type { AccountView } from "@/lib/server/users/user-dto";

export function ProfileForm({ account }: { account: AccountView }) {
  const router = useRouter();
  const [fields, setFields] = useState<FieldErrors>({});
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const { pending, run } = useSubmit();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setStatus(null);
    await run(async () => {
      const result = await updateProfileAction({
        fullName: String(form.get("fullName") ?? ""),
        companyName: String(form.get("companyName") ?? ""),
      });
      if (!result.ok) {
        setFields(result.fields ?? {});
        setStatus({ tone: "error", text: result.error });
        return;
      }
      setFields({});
      setStatus({ tone: "success", text: result.data.changed.length ? "Profile saved." : "Nothing to change." });
      router.refresh();
    }, (text) => setStatus({ tone: "error", text }));
  }

  return (
    <Card>
      <CardHeader title="Profile" description="How you appear to your team and to candidates." />
      <form onSubmit={onSubmit} className="max-w-md space-y-4" noValidate>
        {status && <Alert tone={status.tone}>{status.text}</Alert>}
        <Field id="fullName" label="Full name" defaultValue={account.fullName} required errors={fields.fullName} />
        <Field id="companyName" label="Company" defaultValue={account.companyName ?? ""} errors={fields.companyName} />
        <Field id="email" label="Email" defaultValue={account.email} disabled hint="Your sign-in email cannot be changed here." />
        <Button type="submit" pending={pending}>
          Save profile
        </Button>
      </form>
    </Card>
  );
}
