import type { AuthResult, Me } from "@carecircle/shared";

/**
 * What the browser keeps of a signed-in session. The refresh token is not here: it lives in an
 * HttpOnly cookie that page scripts cannot read (decision 086).
 */
export interface StoredSession {
  token: string;
  /** Epoch ms after which the access token should be refreshed before use. */
  expiresAt: number;
  user: Me;
}

const KEY = "cc.session";
type Listener = (s: StoredSession | null) => void;
const listeners = new Set<Listener>();
let current: StoredSession | null = read();

function read(): StoredSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as StoredSession & { refreshToken?: string };
    // Sessions from before decision 086 kept the refresh token here: drop it (the user signs in again).
    if (s.refreshToken !== undefined) {
      localStorage.removeItem(KEY);
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

function notify() {
  for (const l of listeners) l(current);
}

// Another tab logged in, refreshed or logged out: follow it, so two tabs never hold
// different (and one of them spent) refresh tokens.
if (typeof window !== "undefined") {
  window.addEventListener("storage", (e) => {
    if (e.key !== KEY) return;
    current = read();
    notify();
  });
}

/** The session, read fresh from storage (another tab may have rotated the tokens). */
export function getSession(): StoredSession | null {
  current = read();
  return current;
}

/** Store the answer of register, login or refresh. */
export function saveAuthResult(r: AuthResult): StoredSession {
  current = {
    token: r.token,
    // refresh a little early so a request never leaves with an expiring token
    expiresAt: Date.now() + Math.max(10, r.expiresIn - 30) * 1000,
    user: r.user,
  };
  localStorage.setItem(KEY, JSON.stringify(current));
  notify();
  return current;
}

/** Keep the stored user in step with `/api/me`. */
export function updateStoredUser(user: Me): void {
  const s = getSession();
  if (!s) return;
  current = { ...s, user };
  localStorage.setItem(KEY, JSON.stringify(current));
}

/** Forget the session in this and every other tab. */
export function clearSession(): void {
  current = null;
  localStorage.removeItem(KEY);
  notify();
}

/** Be told when the session starts, rotates or ends (in any tab). */
export function onSessionChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
