"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useSubmit } from "@/components/ui/use-submit";
import { postCandidate } from "@/lib/client/candidate-api";

export type StartFormLabels = {
  name: string;
  email: string;
  fixedHint: string;
  consentRecording: string;
  /**
   * The AI analysis consent and its note that a person decides; null when the interview has AI
   * analysis off, and then nothing about AI is shown or asked.
   */
  analysis: { consent: string; decision: string } | null;
  privacyLink: string;
  continue: string;
  consentMissing: string;
  networkError: string;
};

/**
 * "Who and consent": name and email (fixed for a personal invitation), the consents (the AI
 * analysis one only when the interview uses it) and the privacy notice. Strings come
 * translated from the server in the interview's language.
 */
export function StartForm({
  token,
  fixed,
  name: initialName,
  email: initialEmail,
  privacyHref,
  labels,
}: {
  token: string;
  fixed: boolean;
  name: string;
  email: string;
  privacyHref: string;
  labels: StartFormLabels;
}) {
  const { pending, run } = useSubmit();
  const [name, setName] = useState(initialName);
  const [email, setEmail] = useState(initialEmail);
  const [recording, setRecording] = useState(false);
  const [analysis, setAnalysis] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setFields({});
    // What the form shows, not only React's state: on a slow phone the candidate may type and
    // tick before the page has hydrated, and those values are in the DOM but not in the state.
    const form = new FormData(e.currentTarget);
    const shown = {
      name: fixed ? name : String(form.get("name") ?? name),
      email: fixed ? email : String(form.get("email") ?? email),
      recording: recording || form.get("consentRecording") !== null,
      analysis: analysis || form.get("consentAnalysis") !== null,
    };
    setName(shown.name);
    setEmail(shown.email);
    setRecording(shown.recording);
    setAnalysis(shown.analysis);
    const asksAnalysis = labels.analysis !== null;
    if (!shown.recording || (asksAnalysis && !shown.analysis)) {
      setError(labels.consentMissing);
      return;
    }
    await run(async () => {
      const consent = asksAnalysis ? { recording: shown.recording, analysis: shown.analysis } : { recording: shown.recording };
      const input = fixed ? { consent } : { name: shown.name, email: shown.email, consent };
      const result = await postCandidate<{ next: string }>(`/i/${token}/session`, input);
      if (result.ok) {
        // A full page load: the next page (the device check) keeps nothing of this one.
        window.location.assign(result.data.next);
        return;
      }
      // Field-level messages come from the server in English; the consent one is ours to translate.
      setError(result.fields?.consent || result.fields?.["consent.recording"] || result.fields?.["consent.analysis"] ? labels.consentMissing : result.error);
      setFields(result.fields ?? {});
    }, () => setError(labels.networkError));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {error && <Alert tone="error">{error}</Alert>}
      <Field
        id="candidate-name"
        name="name"
        label={labels.name}
        autoComplete="name"
        required
        value={name}
        readOnly={fixed}
        hint={fixed ? labels.fixedHint : undefined}
        errors={fields.name}
        maxLength={200}
        onChange={(e) => setName(e.target.value)}
        className={fixed ? "bg-slate-50 text-slate-600" : undefined}
      />
      <Field
        id="candidate-email"
        name="email"
        type="email"
        label={labels.email}
        autoComplete="email"
        inputMode="email"
        required
        value={email}
        readOnly={fixed}
        hint={fixed ? labels.fixedHint : undefined}
        errors={fields.email}
        maxLength={254}
        onChange={(e) => setEmail(e.target.value)}
        className={fixed ? "bg-slate-50 text-slate-600" : undefined}
      />
      <fieldset className="space-y-3">
        <label className="flex items-start gap-3 text-sm text-slate-800">
          <input
            type="checkbox"
            name="consentRecording"
            className="mt-0.5 size-5 shrink-0 rounded border-slate-300 text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600"
            checked={recording}
            onChange={(e) => setRecording(e.target.checked)}
          />
          <span>{labels.consentRecording}</span>
        </label>
        {labels.analysis && (
          <div className="flex items-start gap-3 text-sm text-slate-800">
            <input
              id="consent-analysis"
              type="checkbox"
              name="consentAnalysis"
              aria-describedby="consent-analysis-decision"
              className="mt-0.5 size-5 shrink-0 rounded border-slate-300 text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600"
              checked={analysis}
              onChange={(e) => setAnalysis(e.target.checked)}
            />
            <div className="space-y-1">
              <label htmlFor="consent-analysis">{labels.analysis.consent}</label>
              <p id="consent-analysis-decision" className="text-slate-600">
                {labels.analysis.decision}
              </p>
            </div>
          </div>
        )}
      </fieldset>
      <p className="text-sm">
        <a href={privacyHref} target="_blank" rel="noopener" className="font-medium text-brand-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-brand-600">
          {labels.privacyLink}
        </a>
      </p>
      <Button type="submit" pending={pending} className="w-full sm:w-auto">
        {labels.continue}
      </Button>
    </form>
  );
}
