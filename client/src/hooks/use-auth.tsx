import type { Locale, Me } from "@carecircle/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import * as authApi from "../api/auth";
import { keys } from "../api/core";
import { getSession, onSessionChange, type StoredSession } from "../api/session";
import { applyLocale } from "../i18n";
import { afterFirstScreen } from "../idle";

interface AuthState {
  /** The signed-in user, or null. */
  user: Me | null;
  signOut(): Promise<void>;
  /** Sign out on every device (throws when the server could not be reached; nothing changes then). */
  signOutEverywhere(): Promise<void>;
  /** Change the UI language; signed-in users also save it on the server. */
  setLocale(locale: Locale): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** The chat store and the live connection: signed-in code, kept out of the sign-in page's bundle. */
const live = () =>
  Promise.all([import("../realtime/chat-store"), import("../realtime/socket")]).then(([store, socket]) => ({
    chatStore: store.chatStore,
    ...socket,
  }));
/** Forget the chat (and its unsent messages) of whoever was signed in. */
const resetChat = () => void live().then((l) => l.chatStore.reset());

/** Holds the session, keeps `/api/me` fresh, and opens the socket while signed in. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [session, setSession] = useState<StoredSession | null>(() => getSession());

  useEffect(
    () =>
      onSessionChange((s) => {
        setSession((prev) => {
          // a new person (or nobody) is signed in: drop everything cached for the previous one
          if (prev?.user.id !== s?.user.id) {
            qc.clear();
            resetChat();
          }
          return s;
        });
      }),
    [qc],
  );

  const signedIn = !!session;
  const me = useQuery({ queryKey: keys.me, queryFn: authApi.fetchMe, enabled: signedIn, staleTime: 60_000 });
  const user = signedIn ? (me.data ?? session.user) : null;

  // one socket per signed-in person: a different user (e.g. from another tab) gets a new one
  const userId = session?.user.id;
  useEffect(() => {
    if (!userId) return;
    let current = true;
    // the live connection is not part of the first screen: the page shows from HTTP, then goes live
    const connected = afterFirstScreen()
      .then(live)
      .then(async (l) => {
        await l.loadSocketClient();
        // connect in a task of its own, not in the one that evaluated the client's code
        await new Promise((r) => setTimeout(r, 0));
        if (current) l.chatStore.bind(l.connectSocket());
        return l;
      });
    return () => {
      current = false;
      void connected.then((l) => l.disconnectSocket());
    };
  }, [userId]);

  const serverLocale = user?.locale;
  useEffect(() => {
    if (serverLocale) void applyLocale(serverLocale);
  }, [serverLocale]);

  const signOut = useCallback(async () => {
    const l = await live();
    l.disconnectSocket();
    l.chatStore.reset();
    await authApi.logout();
    qc.clear();
  }, [qc]);

  const signOutEverywhere = useCallback(async () => {
    await authApi.logoutEverywhere();
    const l = await live();
    l.disconnectSocket();
    l.chatStore.reset();
    qc.clear();
  }, [qc]);

  const setLocale = useCallback(
    async (locale: Locale) => {
      await applyLocale(locale);
      if (getSession()) {
        const updated = await authApi.updateMe({ locale });
        qc.setQueryData(keys.me, updated);
      }
    },
    [qc],
  );

  const value = useMemo(
    () => ({ user, signOut, signOutEverywhere, setLocale }),
    [user, signOut, signOutEverywhere, setLocale],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}

/** The signed-in user (only inside signed-in routes). */
export function useMe(): Me {
  const { user } = useAuth();
  if (!user) throw new Error("useMe while signed out");
  return user;
}
