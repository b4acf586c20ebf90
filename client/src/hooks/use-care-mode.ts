import { useEffect } from "react";

const KEY = "cc.care";

/** Care mode as last used on this device, for the pages before sign-in. */
export function storedCareMode(): boolean {
  return typeof localStorage !== "undefined" && localStorage.getItem(KEY) === "on";
}

/**
 * Turn care mode (关怀模式) on or off at once: `<html data-care="on">` switches the CSS variables
 * of care.css (decision 116); the device remembers it for the sign-in pages.
 */
export function applyCareMode(on: boolean): void {
  if (on) document.documentElement.dataset.care = "on";
  else delete document.documentElement.dataset.care;
  try {
    localStorage.setItem(KEY, on ? "on" : "off");
  } catch {
    // private mode: the attribute still applies for this visit
  }
}

/** Keep the page in step with a care-mode preference (the user's, or this device's before sign-in). */
export function useCareMode(on: boolean): void {
  useEffect(() => applyCareMode(on), [on]);
}
