import type { ApiError } from "@carecircle/shared";
import { type PendingMessage, readOutbox, saveOutbox } from "./chat-model";
import { clearFiles, dropFile } from "./outbox-files";

/**
 * The messages the user wrote that the server has not acknowledged yet, in order, saved on every
 * change (localStorage for the entries, IndexedDB for their files: `outbox-files.ts`).
 */
export class Outbox {
  private list: PendingMessage[] = readOutbox();

  constructor(private readonly changed: () => void) {}

  /** The entries of one group, oldest first. */
  forGroup(groupId: string): PendingMessage[] {
    return this.list.filter((p) => p.groupId === groupId);
  }

  /** The next entry to send (queued, or sending when the ack was lost). */
  next(): PendingMessage | undefined {
    return this.list.find((p) => p.status === "queued" || p.status === "sending");
  }

  add(p: PendingMessage) {
    this.save([...this.list, p]);
  }

  /** Change one entry (status, error, the id of its uploaded file). */
  update(clientId: string, patch: Partial<PendingMessage>) {
    this.save(this.list.map((p) => (p.clientId === clientId ? { ...p, ...patch } : p)));
  }

  setStatus(clientId: string, status: PendingMessage["status"], error?: ApiError) {
    this.update(clientId, { status, error });
  }

  /** Drop an entry (delivered or discarded) and its file; answers whether it was there. */
  remove(clientId: string | null): boolean {
    const gone = this.list.find((p) => p.clientId === clientId);
    if (!gone) return false;
    if (gone.media) dropFile(gone.clientId);
    this.save(this.list.filter((p) => p !== gone));
    return true;
  }

  clear() {
    clearFiles();
    this.save([]);
  }

  private save(list: PendingMessage[]) {
    this.list = list;
    saveOutbox(list);
    this.changed();
  }
}
