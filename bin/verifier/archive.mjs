/**
 * The dossier's ZIP, read as lingchuan-verify needs it: the central directory, and each entry
 * streamed (STORE or DEFLATE, no ZIP64: only what our builder writes) into its digests or bytes.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { sm3Stream } from './sm.mjs';

// ---------------------------------------------------------------------------------------------
// The archive.

/** The central directory of a ZIP: each entry's name, method, sizes and where its data starts. */
export const readZipEntries = (file) => {
  const fd = openSync(file, 'r');
  try {
    const size = statSync(file).size;
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    readSync(fd, tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error('not a ZIP archive (no end of central directory)');
    const count = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    const directory = Buffer.alloc(directorySize);
    readSync(fd, directory, 0, directorySize, directoryOffset);
    const entries = [];
    let at = 0;
    for (let i = 0; i < count; i++) {
      if (directory.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt central directory');
      const method = directory.readUInt16LE(at + 10);
      const compressedSize = directory.readUInt32LE(at + 20);
      const size = directory.readUInt32LE(at + 24);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const localOffset = directory.readUInt32LE(at + 42);
      const name = directory.subarray(at + 46, at + 46 + nameLength).toString('utf8');
      const local = Buffer.alloc(30);
      readSync(fd, local, 0, 30, localOffset);
      if (local.readUInt32LE(0) !== 0x04034b50) throw new Error(`corrupt local header of ${name}`);
      const dataOffset = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      entries.push({ name, method, compressedSize, size, dataOffset });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    closeSync(fd);
  }
};

/** An entry's bytes, streamed (STORE or DEFLATE), into `sink`. */
const streamEntry = (file, entry, sink) =>
  new Promise((resolve, reject) => {
    if (entry.method !== 0 && entry.method !== 8) {
      reject(new Error(`compression method ${entry.method} is not one a dossier uses`));
      return;
    }
    if (entry.compressedSize === 0) {
      resolve();
      return;
    }
    const raw = createReadStream(file, { start: entry.dataOffset, end: entry.dataOffset + entry.compressedSize - 1 });
    const bytes = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    raw.on('error', reject);
    bytes.on('error', reject);
    bytes.on('data', sink);
    bytes.on('end', resolve);
  });

export const digestEntry = async (file, entry, withSm3) => {
  const sha256 = createHash('sha256');
  const sm3Hash = withSm3 ? sm3Stream() : undefined;
  let size = 0;
  await streamEntry(file, entry, (chunk) => {
    size += chunk.length;
    sha256.update(chunk);
    sm3Hash?.update(chunk);
  });
  return { size, sha256: sha256.digest('hex'), sm3: sm3Hash?.digest().toString('hex') };
};

export const readEntry = async (file, entry) => {
  const chunks = [];
  await streamEntry(file, entry, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks);
};
