/**
 * The field apps' outbox: every submission (a citizen's report, an inspector's record) is first written to
 * IndexedDB with the phone's UUID for it, then sent when the network allows — at once, when the browser says it
 * is online again, and every SYNC_EVERY_MS while something waits. The server files a UUID once, so a submission
 * whose answer was lost on the way back is simply sent again. A refusal (4xx other than 429) stays in the outbox
 * with the server's sentence, so nothing the user recorded is silently dropped.
 */
import { createStore, del, get, set, values } from 'idb-keyval';
import { ApiError, api } from '../campaign/api';

export type SubmissionKind = 'report' | 'inspection';

export interface Submission {
  /** the client UUID the server deduplicates on */
  id: string;
  kind: SubmissionKind;
  url: string;
  fields: Record<string, string>;
  files: { field: string; name: string; blob: Blob }[];
  createdAt: string;
  /** what the list shows while it waits */
  label: string;
  /** for records: which place of which draw */
  placeKey?: string;
  drawId?: number;
  /** for records: the signed-in user who saved it (a shared phone asks before signing out with these unsent) */
  userId?: number;
  refused?: { zh: string; en: string };
}

export interface Receipt { id: string; kind: SubmissionKind; label: string; createdAt: string; placeKey?: string; drawId?: number; answer: Record<string, unknown> }

const outboxStore = createStore('cc-field-outbox', 'submissions');
const receiptStore = createStore('cc-field-receipts', 'receipts');
const SYNC_EVERY_MS = 20_000;

const listeners = new Set<() => void>();
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const changed = () => listeners.forEach((l) => l());

export const pendingSubmissions = async (): Promise<Submission[]> => (await values<Submission>(outboxStore)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
export const receipts = async (): Promise<Receipt[]> => (await values<Receipt>(receiptStore)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));

export async function enqueue(submission: Omit<Submission, 'createdAt'>): Promise<void> {
  await set(submission.id, { ...submission, createdAt: new Date().toISOString() }, outboxStore);
  changed();
  void syncOutbox();
}

/** The user gives up a refused submission (the place was recorded by a colleague, the point lies outside the city). */
export async function discard(id: string): Promise<void> {
  await del(id, outboxStore);
  changed();
}

let running: Promise<void> | null = null;

/** Sends what waits, oldest first; one run at a time (a second call joins the running one). */
export function syncOutbox(): Promise<void> {
  running ??= sendAll().finally(() => {
    running = null;
  });
  return running;
}

async function sendAll(): Promise<void> {
  for (const item of await pendingSubmissions()) {
    if (item.refused) continue;
    const form = new FormData();
    for (const [k, v] of Object.entries(item.fields)) form.append(k, v);
    for (const f of item.files) form.append(f.field, f.blob, f.name);
    try {
      const answer = await api<Record<string, unknown>>(item.url, { body: form });
      // the receipt first: were the page closed between the two writes, the resend would get the same answer
      await set(item.id, { id: item.id, kind: item.kind, label: item.label, createdAt: item.createdAt, placeKey: item.placeKey, drawId: item.drawId, answer } satisfies Receipt, receiptStore);
      await del(item.id, outboxStore);
      changed();
    } catch (reason) {
      if (!(reason instanceof ApiError)) throw reason;
      // no network, busy, or signed out (the inspector signs in again and it goes): try again later
      if (reason.status === 0 || reason.status === 401 || reason.status === 408 || reason.status === 429 || reason.status >= 500) return;
      const stored = await get<Submission>(item.id, outboxStore);
      if (stored) await set(item.id, { ...stored, refused: { zh: reason.zh, en: reason.en } }, outboxStore);
      changed();
    }
  }
}

/** Syncs when the browser comes back online and every so often while something waits. */
export function startOutbox(): () => void {
  const online = () => void syncOutbox();
  window.addEventListener('online', online);
  const timer = setInterval(() => {
    if (navigator.onLine) void pendingSubmissions().then((items) => {
      if (items.some((i) => !i.refused)) void syncOutbox();
    });
  }, SYNC_EVERY_MS);
  void syncOutbox();
  return () => {
    window.removeEventListener('online', online);
    clearInterval(timer);
  };
}

/** a device id for the rate limits: random, kept on the phone, no personal data */
export function deviceId(): string {
  const key = 'cc-field-device';
  let id = localStorage.getItem(key);
  if (!id) {
    id = crypto.randomUUID().replaceAll('-', '');
    localStorage.setItem(key, id);
  }
  return id;
}
