/** A short "browser · system" label from a User-Agent header; the raw string stays available as a tooltip. */
export function describeUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser =
    match(userAgent, /Edg\/(\d+)/, 'Edge') ??
    match(userAgent, /(?:OPR|Opera)\/(\d+)/, 'Opera') ??
    match(userAgent, /Firefox\/(\d+)/, 'Firefox') ??
    match(userAgent, /(?:Chrome|Chromium|CriOS)\/(\d+)/, 'Chrome') ??
    match(userAgent, /Version\/(\d+)[\d.]* .*Safari/, 'Safari');
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const parts = [browser, system].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
}

const SYSTEMS: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/HarmonyOS|OpenHarmony/, 'HarmonyOS'],
  [/Android/, 'Android'],
  [/Linux/, 'Linux'],
];

function match(userAgent: string, pattern: RegExp, name: string): string | undefined {
  const version = pattern.exec(userAgent)?.[1];
  return version ? `${name} ${version}` : undefined;
}
