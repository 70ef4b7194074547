/**
 * What the field app keeps for working offline besides the outbox: the signed-in inspector, today's draw, the
 * report categories. Each is saved when fetched and read back when the network fails.
 */
import { createStore, get, set } from 'idb-keyval';
import { api, ApiError } from '../campaign/api';

const savedStore = createStore('cc-field-saved', 'saved');

export interface Fetched<T> { value: T; offline: boolean }

/** GET from the server and keep the answer; without a network (or server), the kept answer. */
export async function fetchKept<T>(key: string, path: string): Promise<Fetched<T>> {
  try {
    const value = await api<T>(path);
    await set(key, value, savedStore);
    return { value, offline: false };
  } catch (reason) {
    const unreachable = reason instanceof ApiError && (reason.status === 0 || reason.status >= 500);
    const kept = unreachable ? await get<T>(key, savedStore) : undefined;
    if (kept === undefined) throw reason;
    return { value: kept, offline: true };
  }
}

export const keep = (key: string, value: unknown): Promise<void> => set(key, value, savedStore);
export const kept = <T>(key: string): Promise<T | undefined> => get<T>(key, savedStore);
