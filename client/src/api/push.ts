import type { PushPreferencesPutInput } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

const pushKeys = { preferences: ["push", "preferences"] as const, device: ["push", "device"] as const };

/** Whether this browser can receive Web Push at all (a service worker, PushManager, notifications). */
export function pushSupported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** This browser's current push subscription, if any (needs the app's service worker). */
async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const reg = await navigator.serviceWorker.getRegistration();
  return (await reg?.pushManager.getSubscription()) ?? null;
}

/** Whether this device receives pushes for the caller. */
export function usePushDevice() {
  return useQuery({
    queryKey: pushKeys.device,
    queryFn: async () => {
      const sub = await currentSubscription();
      if (!sub) return false;
      const { devices } = await call(ROUTES.listPushDevices);
      return devices.some((d) => d.endpoint === sub.endpoint);
    },
  });
}

/**
 * Turn push on for this device: ask permission, subscribe with the server's VAPID key through the
 * app's service worker, and store the subscription. Answers the permission the user gave.
 */
async function enableOnThisDevice(): Promise<NotificationPermission> {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return permission;
  const { publicKey } = await call(ROUTES.pushKey);
  const reg = await navigator.serviceWorker.ready;
  const sub =
    (await reg.pushManager.getSubscription()) ??
    (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey }));
  const json = sub.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
  await call(ROUTES.subscribePush, {
    body: { endpoint: json.endpoint, keys: json.keys, label: navigator.platform.slice(0, 80) || undefined },
  });
  return permission;
}

/** Turn push off for this device: forget it on the server and unsubscribe the browser. */
async function disableOnThisDevice(): Promise<void> {
  const sub = await currentSubscription();
  if (!sub) return;
  await call(ROUTES.unsubscribePush, { body: { endpoint: sub.endpoint } });
  await sub.unsubscribe();
}

/** Switch this device on or off; answers the permission (on) or "default" (off). */
export function useTogglePushDevice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) =>
      on ? enableOnThisDevice() : disableOnThisDevice().then(() => "default" as const),
    onSettled: () => qc.invalidateQueries({ queryKey: pushKeys.device }),
  });
}

/** What the caller is pushed, and their quiet hours. */
export function usePushPreferences() {
  return useQuery({ queryKey: pushKeys.preferences, queryFn: () => call(ROUTES.pushPreferences) });
}

/** Change push preferences. */
export function useSetPushPreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PushPreferencesPutInput) => call(ROUTES.updatePushPreferences, { body }),
    onSuccess: (data) => qc.setQueryData(pushKeys.preferences, data),
  });
}
