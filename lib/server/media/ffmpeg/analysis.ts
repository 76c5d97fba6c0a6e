import "server-only";

// Reads what silencedetect, volumedetect and blackdetect print during the processing run, and
// turns it into the statistics and flags HR sees ("silent", "blank video", with the reason).

export type Stretch = { start: number; end: number };

export type MediaStats = {
  meanVolumeDb: number | null;
  maxVolumeDb: number | null;
  silences: Stretch[];
  blacks: Stretch[];
};

export type MediaFlag = "silent" | "no_audio" | "blank_video" | "no_video";

export type FlagReport = { flag: MediaFlag; reason: string };

/** Collects filter reports line by line (a long answer prints too many to keep the whole log). */
export class StatsCollector {
  private readonly stats: MediaStats = { meanVolumeDb: null, maxVolumeDb: null, silences: [], blacks: [] };
  private openSilence: number | null = null;
  /** Bounded: a flickering input could otherwise print one line per frame. */
  private static readonly MAX_STRETCHES = 5_000;

  line(text: string): void {
    if (!text.includes("detect")) return;
    let m = /silence_start: (-?[\d.]+)/.exec(text);
    if (m) {
      this.openSilence = Math.max(0, Number(m[1]));
      return;
    }
    m = /silence_end: ([\d.]+)/.exec(text);
    if (m && this.openSilence !== null) {
      this.push(this.stats.silences, { start: this.openSilence, end: Number(m[1]) });
      this.openSilence = null;
      return;
    }
    m = /black_start:([\d.]+) black_end:([\d.]+)/.exec(text);
    if (m) {
      this.push(this.stats.blacks, { start: Number(m[1]), end: Number(m[2]) });
      return;
    }
    m = /mean_volume: (-?[\d.]+|-inf) dB/.exec(text);
    if (m) this.stats.meanVolumeDb = m[1] === "-inf" ? -Infinity : Number(m[1]);
    m = /max_volume: (-?[\d.]+|-inf) dB/.exec(text);
    if (m) this.stats.maxVolumeDb = m[1] === "-inf" ? -Infinity : Number(m[1]);
  }

  private push(list: Stretch[], s: Stretch) {
    if (list.length < StatsCollector.MAX_STRETCHES && Number.isFinite(s.start) && Number.isFinite(s.end) && s.end >= s.start) list.push(s);
  }

  /** The statistics, an open silence closed at `durationSeconds` (silencedetect leaves a silent ending open). */
  result(durationSeconds: number): MediaStats {
    const silences = [...this.stats.silences];
    if (this.openSilence !== null && durationSeconds > this.openSilence) silences.push({ start: this.openSilence, end: durationSeconds });
    return { ...this.stats, silences, blacks: [...this.stats.blacks] };
  }
}

export function coveredSeconds(stretches: readonly Stretch[], durationSeconds: number): number {
  const sorted = [...stretches].sort((a, b) => a.start - b.start);
  let total = 0;
  let reach = 0;
  for (const s of sorted) {
    const start = Math.max(s.start, reach, 0);
    const end = Math.min(s.end, durationSeconds);
    if (end > start) total += end - start;
    reach = Math.max(reach, end);
  }
  return total;
}

/** Share of the answer that must be silent or black to flag it. */
const FLAG_SHARE = 0.9;
/** Below this peak there is no voice at all (a muted microphone still has some noise above it). */
const SILENT_PEAK_DB = -50;

export function flagsFor(input: { hasVideo: boolean; hasAudio: boolean; durationSeconds: number; stats: MediaStats }): FlagReport[] {
  const { hasVideo, hasAudio, durationSeconds: d, stats } = input;
  const flags: FlagReport[] = [];
  if (!hasAudio) flags.push({ flag: "no_audio", reason: "The recording has no sound track: the microphone was off or not allowed." });
  else {
    const silent = coveredSeconds(stats.silences, d);
    if ((stats.maxVolumeDb !== null && stats.maxVolumeDb < SILENT_PEAK_DB) || (d > 0 && silent / d >= FLAG_SHARE)) {
      flags.push({
        flag: "silent",
        reason: `No speech could be heard: ${Math.round(silent)} s of ${Math.round(d)} s are silent` +
          (stats.maxVolumeDb !== null && Number.isFinite(stats.maxVolumeDb) ? ` (loudest moment ${stats.maxVolumeDb.toFixed(1)} dB).` : "."),
      });
    }
  }
  if (!hasVideo) flags.push({ flag: "no_video", reason: "The recording has sound but no picture." });
  else {
    // Black is measured on 2 frames a second: a stretch reaching the last sampled frame reaches the end.
    const black = coveredSeconds(stats.blacks.map((b) => (b.end >= d - 0.6 ? { ...b, end: d } : b)), d);
    if (d > 0 && black / d >= FLAG_SHARE) {
      flags.push({ flag: "blank_video", reason: `The picture is black for ${Math.round(black)} s of ${Math.round(d)} s: the camera was covered or off.` });
    }
  }
  return flags;
}
