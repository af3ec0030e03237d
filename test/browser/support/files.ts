import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

export const tempDir = (name: string) => mkdtempSync(path.join(tmpdir(), `lingchuan-${name}-`));

/** A real (tiny) PDF under the given name, what a department would pick from its disk. */
export const writePdf = (dir: string, name: string) => {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    `%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% ${name} ${Math.random()}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
  return file;
};

/** A file that claims to be a PDF by its name but is not one by its bytes. */
export const writeFakePdf = (dir: string, name: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, 'This is a plain text file, not a PDF.\n');
  return file;
};

/** Waits for a finished download (Chromium writes `.crdownload` until it is done). */
export const waitForDownload = async (dir: string, extension: string, timeoutMs = 20_000): Promise<string> => {
  mkdirSync(dir, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const done = readdirSync(dir).find((name) => name.endsWith(extension));
    if (done && existsSync(path.join(dir, done))) return path.join(dir, done);
    if (Date.now() > deadline) throw new Error(`no ${extension} download in ${dir}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** One entry of a ZIP (an .xlsx is one), read through its central directory. */
export const zipEntry = (zip: Buffer, name: string): string => {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  const count = zip.readUInt16LE(end + 10);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entry = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error(`${name} is not in the archive`);
};

export const readText = (file: string) => readFileSync(file);
