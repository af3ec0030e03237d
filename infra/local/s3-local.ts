import { mkdirSync } from 'node:fs';
import path from 'node:path';
import S3rver from 's3rver';
import type { LambdaHost } from './lambda-host.ts';
import type { LocalNotification } from './local-model.ts';
import { freePort } from './ports.ts';

/** Lets a portal developer's browser on localhost upload to presigned URLs, as the bucket's CORS does in AWS. */
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>`;

interface S3EventRecord {
  eventName: string;
  s3: { bucket: { name: string }; object: { key: string } };
}

export interface S3Local {
  readonly endpoint: string;
  /** Resolves when every object-created notification delivered so far has been handled. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * s3rver with the template's buckets, objects under the data directory, and its object-created
 * events delivered to the functions the template subscribes, as S3 notifications do in AWS.
 * s3rver checks no signatures: locally, integrity rests on verification on arrival.
 */
export const startS3Local = async (
  dataDir: string,
  buckets: readonly string[],
  notifications: readonly LocalNotification[],
  host: LambdaHost,
): Promise<S3Local> => {
  const directory = path.join(dataDir, 's3');
  mkdirSync(directory, { recursive: true });
  const port = await freePort();
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    directory,
    silent: true,
    allowMismatchedSignatures: true,
    vhostBuckets: false,
    configureBuckets: buckets.map((name) => ({ name, configs: [CORS] })),
  });
  await server.run();
  const inFlight = new Set<Promise<unknown>>();
  server.on('event', (event: { Records: S3EventRecord[] }) => {
    for (const record of event.Records) {
      if (!record.eventName.startsWith('ObjectCreated:')) continue;
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      for (const target of notifications) {
        if (target.bucket !== record.s3.bucket.name || !key.startsWith(target.prefix)) continue;
        const delivery = host
          .invoke(target.functionId, { Records: [record] })
          .catch((error: unknown) => console.error(`[s3] ${target.functionId} failed on ${key}:`, error))
          .finally(() => inFlight.delete(delivery));
        inFlight.add(delivery);
      }
    }
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    settled: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    stop: async () => {
      // Keep-alive sockets from the SDK would hold close() open until they time out.
      const closing = server.close();
      (server as unknown as { httpServer?: import('node:http').Server }).httpServer?.closeAllConnections();
      await closing;
    },
  };
};
