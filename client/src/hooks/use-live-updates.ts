import type { CrisisAlert } from "@carecircle/shared";
import { notificationLink } from "@carecircle/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { setUnread } from "../api/chat";
import { keys } from "../api/core";
import { directKeys, setConversationUnread } from "../api/direct";
import { useInvalidateFamily } from "../api/family";
import { useToast } from "../components/toasts";
import { chatStore } from "../realtime/chat-store";
import { useSocketEvent } from "../realtime/hooks";
import { useMe } from "./use-auth";
import { useNotificationText } from "./use-notification-text";

/** Kinds whose news the caregiver already gets as a `booking:updated` toast. */
const TOASTED_BY_BOOKING_EVENT = new Set([
  "booking_confirmed",
  "booking_on_behalf",
  "booking_promoted",
  "booking_cancelled",
  "slot_cancelled",
  "child_checked_in",
  "child_picked_up",
]);

/**
 * Keep the signed-in app current while it is open: refresh what the server says changed, toast the
 * news, count unread chats, and hold the latest crisis alert for the banner until it is dismissed.
 */
export function useLiveUpdates(): { liveAlert: CrisisAlert | null; dismissAlert(): void } {
  useBookingUpdates();
  useNotificationUpdates();
  useUnreadCounting();
  return useModerationAlerts();
}

function useBookingUpdates() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const toast = useToast();
  useSocketEvent("booking:updated", (b) => {
    void qc.invalidateQueries({ queryKey: ["bookings"] });
    void qc.invalidateQueries({ queryKey: ["slots"] });
    if (me.role === "caregiver")
      toast(
        t(b.awaitingFamily ? "booking.live.awaitingFamily" : `booking.live.${b.status}`, {
          child: b.child.nickname,
        }),
        `/bookings?booking=${b.id}`,
      );
  });
}

function useNotificationUpdates() {
  const me = useMe();
  const qc = useQueryClient();
  const toast = useToast();
  const notificationText = useNotificationText();
  const invalidateFamily = useInvalidateFamily();
  useSocketEvent("notification:new", (n) => {
    void qc.invalidateQueries({ queryKey: keys.notifications });
    // a crisis alert has its own banner; a booking change its own toast (booking:updated)
    if (n.kind === "moderation_alert" || TOASTED_BY_BOOKING_EVENT.has(n.kind)) return;
    if (n.kind.startsWith("family_")) void invalidateFamily();
    if (n.kind.startsWith("incident_")) void qc.invalidateQueries({ queryKey: ["incidents"] });
    if (n.kind.startsWith("activity_")) void qc.invalidateQueries({ queryKey: ["activities"] });
    toast(notificationText(n), notificationLink(n, me.role) ?? "/notifications");
  });
}

/** A message arriving in a chat the viewer is not looking at raises that chat's unread count. */
function useUnreadCounting() {
  const me = useMe();
  const qc = useQueryClient();
  const location = useLocation();
  const path = useRef(location.pathname);
  path.current = location.pathname;
  useEffect(() => {
    chatStore.onNewMessage = (m) => {
      if (m.sender?.id === me.id) return;
      if (path.current === `/groups/${m.groupId}` || path.current === `/messages/${m.groupId}`) return;
      setUnread(qc, m.groupId, (n) => n + 1);
      setConversationUnread(qc, m.groupId, (n) => n + 1);
    };
    return () => {
      chatStore.onNewMessage = null;
    };
  }, [qc, me.id]);
  const directRole = me.role === "caregiver" || me.role === "social_worker";
  useSocketEvent("group:membership", () => {
    if (directRole) void qc.invalidateQueries({ queryKey: directKeys.conversations });
  });
}

function useModerationAlerts() {
  const qc = useQueryClient();
  const [liveAlert, setLiveAlert] = useState<CrisisAlert | null>(null);
  useSocketEvent("moderation:alert", (a) => {
    setLiveAlert(a);
    void qc.invalidateQueries({ queryKey: ["moderation"] });
  });
  useSocketEvent("alert:updated", () => void qc.invalidateQueries({ queryKey: ["moderation", "alerts"] }));
  return { liveAlert, dismissAlert: () => setLiveAlert(null) };
}
