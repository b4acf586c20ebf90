import type { ServerToClientEvents } from "@carecircle/shared";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { type AppSocket, connectionState, currentSocket, onConnectionState } from "./socket";

/** The live connection state ("online", "reconnecting", ...). */
export function useConnectionState() {
  return useSyncExternalStore(onConnectionState, connectionState, connectionState);
}

/**
 * The app socket (null when signed out). Re-renders when the socket itself changes, not on every
 * connection state: the frame's many event hooks would otherwise redraw it on each reconnect step.
 */
export function useSocket(): AppSocket | null {
  return useSyncExternalStore(onConnectionState, currentSocket, currentSocket);
}

/** Subscribe to one server event for the component's lifetime (handler may change freely). */
export function useSocketEvent<E extends keyof ServerToClientEvents>(
  event: E,
  handler: ServerToClientEvents[E],
) {
  const socket = useSocket();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!socket) return;
    const fn = ((...args: unknown[]) => (ref.current as (...a: unknown[]) => void)(...args)) as never;
    socket.on(event, fn);
    return () => {
      socket.off(event, fn);
    };
  }, [socket, event]);
}
