import { useQuery } from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

/** Fetch the caller's data export and save it as a JSON file. */
export async function downloadMyData(): Promise<void> {
  const data = await call(ROUTES.exportMyData);
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `carecircle-data-${data.exportedAt.slice(0, 10)}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What deleting the account would erase (caregivers). Always fresh: it depends on the family. */
export function useDeletionPreview(enabled: boolean) {
  return useQuery({
    queryKey: ["me", "deletion"],
    queryFn: () => call(ROUTES.previewAccountDeletion),
    enabled,
    staleTime: 0,
  });
}

/** Delete the caller's account (irreversible). */
export function deleteMyAccount(password: string) {
  return call(ROUTES.deleteMyAccount, { body: { password } });
}
