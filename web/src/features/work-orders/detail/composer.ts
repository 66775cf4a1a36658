/** What the composer turns into the message body: plain text → the small HTML subset the server keeps. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/**
 * Paragraphs at blank lines, <br> at single line breaks, everything escaped, so what the
 * agent typed is exactly what the customer reads. Empty text gives an empty string.
 */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('');
}

/** Usernames are letters, digits, dot, dash and underscore (usernameSchema). */
const MENTION = /(^|[^\w.@-])@([A-Za-z0-9][\w.-]*)/g;

/**
 * The users a text mentions with @username, in order of first mention, each once. An e-mail
 * address (name@host) is not a mention, and a trailing full stop is not part of the name.
 */
export function mentionedUsers<User extends { username: string }>(text: string, users: readonly User[]): User[] {
  const byName = new Map(users.map((user) => [user.username.toLowerCase(), user]));
  const found: User[] = [];
  for (const match of text.matchAll(MENTION)) {
    const name = (match[2] ?? '').replace(/\.+$/, '').toLowerCase();
    const user = byName.get(name);
    if (user && !found.includes(user)) found.push(user);
  }
  return found;
}

const SIZE_UNITS = ['B', 'KB', 'MB', 'GB'];

/** 1536 → "1.5 KB": one decimal below 10, none above. */
export function formatFileSize(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${SIZE_UNITS[unit]}`;
}
