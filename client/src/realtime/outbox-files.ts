/*
 * The recorded or picked files of queued media messages, kept in IndexedDB by the message's
 * clientId so that a voice message recorded offline survives a reload (localStorage holds only
 * strings and a few MB). Where IndexedDB is missing (some private modes) they live in memory:
 * the message is still delivered once online, only not after a reload.
 */

const DB = "cc-outbox";
const STORE = "files";
const memory = new Map<string, Blob>();
let opening: Promise<IDBDatabase | null> | null = null;

function open(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opening;
}

/** Run one request in a transaction of the files store; `undefined` when IndexedDB failed. */
async function run<T>(
  mode: IDBTransactionMode,
  op: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T | undefined> {
  const db = await open();
  if (!db) return undefined;
  return new Promise((resolve) => {
    try {
      const req = op(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
}

/** Keep the file of a queued message (in memory too, for this page's life). */
export async function putFile(clientId: string, file: Blob): Promise<void> {
  memory.set(clientId, file);
  await run("readwrite", (s) => s.put(file, clientId));
}

/** The file of a queued message, or null when it is gone. */
export async function getFile(clientId: string): Promise<Blob | null> {
  const mem = memory.get(clientId);
  if (mem) return mem;
  const stored = await run("readonly", (s) => s.get(clientId) as IDBRequest<Blob | undefined>);
  return stored ?? null;
}

/** Forget the file of a message that was delivered or discarded. */
export function dropFile(clientId: string): void {
  memory.delete(clientId);
  void run("readwrite", (s) => s.delete(clientId));
}

/** Forget every file (logout). */
export function clearFiles(): void {
  memory.clear();
  void run("readwrite", (s) => s.clear());
}
