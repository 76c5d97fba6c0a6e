"use client";

import { useState } from "react";
import { signOut } from "next-auth/react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { useSubmit } from "@/components/ui/use-submit";
import { signOutEverywhereAction } from "@/lib/actions/account";

/** "Sign out everywhere": ends every session of the account on the server, then this one's cookie. */
export function SessionsForm({ activeSessions }: { activeSessions: number }) {
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
      <CardHeader
        title="Sessions"
        description={`${activeSessions === 1 ? "1 active session" : `${activeSessions} active sessions`}: browsers that signed in within 30 days and did not sign out. Signing out everywhere ends every session, this one included — use it if you signed in on a computer you no longer have.`}
      />
      {error && <Alert tone="error">{error}</Alert>}
      <Button type="button" variant="secondary" pending={pending} onClick={onClick}>
        Sign out everywhere
      </Button>
    </Card>
  );
}
