/**
 * Avatar colours: dark enough that white initials pass WCAG AA (4.5:1) on every one of them.
 */
const COLOURS = ["#1f6f5c", "#8a3b12", "#5b3a8c", "#1d4f91", "#8c2a4e", "#4d5a12", "#6b4a00", "#2d5c6b"];

/** A colour that stays the same for a user on every screen and device (from their id). */
export function avatarColour(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLOURS[h % COLOURS.length] as string;
}

/** One or two letters for a name: the first character, or the initials of two Latin words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length >= 2 && /^[A-Za-z]/.test(words[0] ?? "") && /^[A-Za-z]/.test(words[1] ?? ""))
    return `${words[0]?.[0]}${words[1]?.[0]}`.toUpperCase();
  return (Array.from(name.trim())[0] ?? "?").toUpperCase();
}

/** Coloured initials beside someone else's message; decorative (the name is said in text). */
export function ChatAvatar({ userId, name }: { userId: string | null; name: string }) {
  return (
    <span className="avatar" aria-hidden="true" style={{ background: avatarColour(userId ?? name) }}>
      {initials(name)}
    </span>
  );
}
