/**
 * SHA-256 of a file in the browser, as the API wants it declared (hex). Web Crypto is native and
 * fast but has no incremental digest: it needs the whole file in memory. Up to `streamAbove` bytes
 * that is fine; above it, an audited incremental SHA-256 (@noble/hashes, loaded only then) reads
 * the file a slice at a time, so a 100 MB plan never sits in memory whole.
 */
export const STREAM_ABOVE = 16 * 1024 * 1024;
const SLICE = 4 * 1024 * 1024;

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export const sha256Hex = async (
  file: Blob,
  onProgress: (done: number, total: number) => void = () => undefined,
  streamAbove = STREAM_ABOVE,
): Promise<string> => {
  if (file.size <= streamAbove) {
    const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    onProgress(file.size, file.size);
    return hex(new Uint8Array(digest));
  }
  const { sha256 } = await import('@noble/hashes/sha2.js');
  const hash = sha256.create();
  for (let offset = 0; offset < file.size; offset += SLICE) {
    hash.update(new Uint8Array(await file.slice(offset, offset + SLICE).arrayBuffer()));
    onProgress(Math.min(offset + SLICE, file.size), file.size);
  }
  return hex(hash.digest());
};
