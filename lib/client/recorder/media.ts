// Camera and MediaRecorder set-up: format negotiation and a quality that fits the device.

import { detectInAppBrowser } from "@/components/candidates/device-check-env";

/**
 * Preferred recording formats, best first. WebM (VP9, then VP8, with Opus) where the browser
 * records it (Chromium, Firefox); MP4 with H.264/AAC where it does not (Safari, iOS). Plain
 * `video/mp4` last: Chromium records VP9/Opus in fragmented MP4 under that name, which the
 * server accepts (it sniffs the container) and the media pipeline normalises.
 */
export const PREFERRED_TYPES = [
  "video/webm;codecs=vp9,opus",
  "video/webm;codecs=vp8,opus",
  "video/mp4;codecs=avc1,mp4a.40.2",
  "video/mp4;codecs=avc1.42E01E,mp4a.40.2",
  "video/webm",
  "video/mp4",
] as const;

/** The first preferred type this browser can record, or "" (let the browser choose). */
export function negotiateMimeType(
  isSupported: (type: string) => boolean,
): string {
  return PREFERRED_TYPES.find((t) => isSupported(t)) ?? "";
}

export type Quality = {
  width: number;
  height: number;
  frameRate: number;
  videoBitsPerSecond: number;
  audioBitsPerSecond: number;
};

export const HIGH: Quality = {
  width: 1280,
  height: 720,
  frameRate: 30,
  videoBitsPerSecond: 2_500_000,
  audioBitsPerSecond: 96_000,
};
export const LOW: Quality = {
  width: 640,
  height: 480,
  frameRate: 24,
  videoBitsPerSecond: 1_000_000,
  audioBitsPerSecond: 64_000,
};

type NetworkInfo = {
  effectiveType?: string;
  saveData?: boolean;
  downlink?: number;
};

/**
 * 720p unless the device or the network looks weak (few cores or little memory, a 2g/3g or
 * data-saver connection, under ~2 Mbit/s downlink): then 480p at 1 Mbit/s, which keeps the
 * upload close to real time. The browser's hints only; missing ones count as "fine".
 */
export function chooseQuality(nav: {
  hardwareConcurrency?: number;
  deviceMemory?: number;
  connection?: NetworkInfo;
}): Quality {
  const c = nav.connection;
  const weakNetwork =
    c?.saveData === true ||
    c?.effectiveType === "2g" ||
    c?.effectiveType === "slow-2g" ||
    c?.effectiveType === "3g" ||
    (c?.downlink !== undefined && c.downlink > 0 && c.downlink < 2);
  const weakDevice =
    (nav.hardwareConcurrency !== undefined && nav.hardwareConcurrency < 2) ||
    (nav.deviceMemory !== undefined && nav.deviceMemory < 2);
  return weakNetwork || weakDevice ? LOW : HIGH;
}

export type CameraProblem =
  "denied" | "missing" | "busy" | "insecure" | "unsupported";

/** Why getUserMedia failed, in terms the page can explain. */
export function cameraProblemOf(err: unknown): CameraProblem {
  const name =
    err instanceof DOMException || err instanceof Error ? err.name : "";
  if (
    name === "NotAllowedError" ||
    name === "SecurityError" ||
    name === "PermissionDeniedError"
  )
    return "denied";
  if (
    name === "NotFoundError" ||
    name === "DevicesNotFoundError" ||
    name === "OverconstrainedError"
  )
    return "missing";
  if (
    name === "NotReadableError" ||
    name === "TrackStartError" ||
    name === "AbortError"
  )
    return "busy";
  return "unsupported";
}

/** Opens camera and microphone at the quality's ideal size (the browser may give less). */
export async function openCamera(quality: Quality): Promise<MediaStream> {
  if (typeof window !== "undefined" && !window.isSecureContext)
    throw Object.assign(new Error("insecure"), { name: "InsecureContext" });
  if (
    !navigator.mediaDevices?.getUserMedia ||
    typeof MediaRecorder === "undefined"
  ) {
    throw Object.assign(new Error("unsupported"), { name: "Unsupported" });
  }
  return navigator.mediaDevices.getUserMedia({
    video: {
      width: { ideal: quality.width },
      height: { ideal: quality.height },
      frameRate: { ideal: quality.frameRate },
      facingMode: "user",
    },
    audio: { echoCancellation: true, noiseSuppression: true },
  });
}

/**
 * In-app browsers (LinkedIn, Instagram, Facebook…) that often block the camera: the device
 * check's detector, so both pages agree.
 */
export function isInAppBrowser(userAgent: string): boolean {
  return detectInAppBrowser(userAgent) !== null;
}
