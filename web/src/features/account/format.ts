// Pure helpers for the account pages: a session's device in a few words, a TOTP secret grouped
// for typing.
//
//   describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) … Chrome/126.0.0.0 Safari/537.36')  // "Chrome 126 · Windows"
//   groupSecret('JBSWY3DPEHPK3PXP')                                                                // "JBSW Y3DP EHPK 3PXP"

const BROWSERS: [RegExp, string][] = [
  [/MicroMessenger\/(\d+)/, 'WeChat'],
  [/DingTalk\/(\d+)/, 'DingTalk'],
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/(?:OPR|Opera)\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/(?:HeadlessChrome|Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)(?:\.\d+)*.*Safari\//, 'Safari'],
  [/^curl\/(\d+)/, 'curl'],
];

const SYSTEMS: [RegExp, string][] = [
  [/HarmonyOS|OpenHarmony/, 'HarmonyOS'],
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Macintosh|Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

// "Browser major · system" when either is recognised; otherwise the first 40 characters.
export function describeUserAgent(ua: string): string {
  const text = ua.trim();
  if (!text) return '';
  let browser = '';
  for (const [re, name] of BROWSERS) {
    const m = re.exec(text);
    if (m) {
      browser = `${name} ${m[1]}`;
      break;
    }
  }
  const system = SYSTEMS.find(([re]) => re.test(text))?.[1] ?? '';
  if (browser || system) return [browser, system].filter(Boolean).join(' · ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

// A base32 secret in groups of four, without padding, for typing into an authenticator by hand.
export function groupSecret(secret: string): string {
  return secret
    .replace(/[\s=]/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}
