import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  readonly payload: AdapterPayload;
  /** Epoch milliseconds; absent for what does not expire. */
  readonly expiresAt?: number;
}

const writeAtomically = (file: string, text: string) => {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, file);
};

/**
 * The identity provider's sessions, grants, interactions and codes in one JSON file under the data
 * directory, so a restart of `npm start` keeps people signed in and a code in flight redeemable
 * (oidc-provider's own adapter is in memory, and says it is not for this). One person's machine
 * holds a few dozen entries: the whole file is rewritten on each change, atomically.
 */
export const fileAdapter = (file: string): (new (model: string) => Adapter) => {
  const entries = new Map<string, Entry>(
    existsSync(file) ? (Object.entries(JSON.parse(readFileSync(file, 'utf8'))) as [string, Entry][]) : [],
  );
  const live = (entry: Entry | undefined) =>
    entry && (entry.expiresAt === undefined || entry.expiresAt > Date.now()) ? entry : undefined;
  const save = () => {
    for (const [key, entry] of entries) if (!live(entry)) entries.delete(key);
    writeAtomically(file, JSON.stringify(Object.fromEntries(entries)));
  };
  const scan = (model: string, matches: (payload: AdapterPayload) => boolean) => {
    for (const [key, entry] of entries) {
      if (key.startsWith(`${model}:`) && live(entry) && matches(entry.payload)) return entry.payload;
    }
    return undefined;
  };

  return class FileAdapter implements Adapter {
    constructor(private readonly model: string) {}

    private key(id: string) {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
      entries.set(this.key(id), {
        payload,
        ...(typeof expiresIn === 'number' ? { expiresAt: Date.now() + expiresIn * 1000 } : {}),
      });
      save();
    }

    async find(id: string) {
      return live(entries.get(this.key(id)))?.payload;
    }

    async findByUid(uid: string) {
      return scan(this.model, (payload) => payload.uid === uid);
    }

    async findByUserCode(userCode: string) {
      return scan(this.model, (payload) => payload.userCode === userCode);
    }

    async consume(id: string) {
      const entry = live(entries.get(this.key(id)));
      if (!entry) return;
      entries.set(this.key(id), { ...entry, payload: { ...entry.payload, consumed: Math.floor(Date.now() / 1000) } });
      save();
    }

    async destroy(id: string) {
      entries.delete(this.key(id));
      save();
    }

    async revokeByGrantId(grantId: string) {
      for (const [key, entry] of entries) if (entry.payload.grantId === grantId) entries.delete(key);
      save();
    }
  };
};

export interface Account {
  readonly name: string;
  readonly dept?: string;
  readonly roles: readonly string[];
}

/** The people signed in through the local login page, by subject: who a token's `sub` is. */
export const accountStore = (file: string) => {
  const accounts = new Map<string, Account>(
    existsSync(file) ? (Object.entries(JSON.parse(readFileSync(file, 'utf8'))) as [string, Account][]) : [],
  );
  return {
    get: (sub: string) => accounts.get(sub),
    put: (sub: string, account: Account) => {
      accounts.set(sub, account);
      writeAtomically(file, JSON.stringify(Object.fromEntries(accounts), null, 2));
    },
  };
};
