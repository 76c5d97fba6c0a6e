// What the device check needs to know about the browser it runs in, as pure functions of the
// user agent and of getUserMedia's error (unit-tested beside this file).

export type InAppBrowser = "linkedin" | "instagram" | "facebook" | "tiktok" | "telegram" | "wechat";

// Apps whose built-in browser (a WebView) often has no camera or microphone access: the page
// asks the candidate to open the link in the phone's own browser instead. Order matters:
// Instagram's in-app browser also carries Facebook's FBAN/FBAV markers.
const IN_APP: [InAppBrowser, RegExp][] = [
  ["instagram", /\bInstagram\b/i],
  ["linkedin", /\bLinkedInApp\b/i],
  ["facebook", /\bFBAN\/|\bFBAV\/|\bFB_IAB\/|\bFBIOS\b|\[FB/i],
  ["tiktok", /\bmusical_ly|\bBytedanceWebview\b|\bTikTok\b|\btrill_\d/i],
  ["telegram", /\bTelegram(?:Bot|-Android)?\b/i],
  ["wechat", /\bMicroMessenger\//i],
];

/** The app whose in-app browser this is, or null for an ordinary browser. */
export function detectInAppBrowser(userAgent: string): InAppBrowser | null {
  for (const [app, pattern] of IN_APP) if (pattern.test(userAgent)) return app;
  return null;
}

export type BrowserFamily = "chrome" | "edge" | "firefox" | "safari-ios" | "safari" | "samsung" | "other";

/** Which instructions for re-allowing the camera fit this browser. */
export function browserFamily(userAgent: string): BrowserFamily {
  if (/SamsungBrowser\//.test(userAgent)) return "samsung";
  if (/Edg(?:e|A|iOS)?\//.test(userAgent)) return "edge";
  if (/Firefox\/|FxiOS\//.test(userAgent)) return "firefox";
  // Every browser on iOS is Safari's engine and follows iOS's camera settings.
  if (/iPhone|iPad|iPod/.test(userAgent)) return "safari-ios";
  if (/Chrome\/|CriOS\/|Chromium\//.test(userAgent)) return "chrome";
  if (/Safari\//.test(userAgent) && /Version\//.test(userAgent)) return "safari";
  return "other";
}

export type MediaProblem = "denied" | "missing" | "busy" | "unsupported" | "other";

/** What went wrong, from getUserMedia's rejection (a DOMException's name). */
export function mediaProblem(err: unknown): MediaProblem {
  const name = typeof err === "object" && err !== null && "name" in err ? String((err as { name: unknown }).name) : "";
  switch (name) {
    case "NotAllowedError":
    case "PermissionDeniedError":
    case "SecurityError":
      return "denied";
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return "missing";
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return "busy";
    case "TypeError":
      return "unsupported";
    default:
      return "other";
  }
}

/** The apps whose built-in browser the in-app notice names. */
export const APP_NAMES: Record<InAppBrowser, string> = {
  linkedin: "LinkedIn",
  instagram: "Instagram",
  facebook: "Facebook",
  tiktok: "TikTok",
  telegram: "Telegram",
  wechat: "WeChat",
};

/** Below this upload speed the page gives advice (a 720p answer is about 2.5 Mbit/s). */
export const SLOW_UPLOAD_MBPS = 1;

/** The practice answer's length, in seconds. */
export const PRACTICE_SECONDS = 15;

/** Megabits per second for `bytes` sent in `milliseconds` (one decimal). */
export function megabitsPerSecond(bytes: number, milliseconds: number): number {
  if (!(milliseconds > 0)) return Number.POSITIVE_INFINITY;
  return Math.round(((bytes * 8) / (milliseconds / 1000) / 1_000_000) * 10) / 10;
}

/** The microphone's level (0–100) from an AnalyserNode's time-domain bytes (128 is silence). */
export function levelOf(samples: Uint8Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) {
    const v = (s - 128) / 128;
    sum += v * v;
  }
  const rms = Math.sqrt(sum / samples.length);
  // Speech is around 0.05–0.3 RMS: scaled so a normal voice fills most of the meter.
  return Math.min(100, Math.round(rms * 300));
}
