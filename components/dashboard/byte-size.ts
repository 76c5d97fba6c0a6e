// A byte count in the largest binary unit that keeps it ≥ 1, formatted for the locale
// ("1.5 GB", "1,5 ГБ"). Units are 1024-based, like lib/format.ts's formatBytes.
const UNITS = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"] as const;

export function byteSize(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: UNITS[unit],
    // "512 byte" reads wrong; "512 bytes" / "512 байт" is what people write.
    unitDisplay: unit === 0 ? "long" : "short",
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
